import { CONCEPT_PREFIX } from './analyzer';

/** Letter pieces of these lengths stand for a word: they survive typos, dialect endings and glued words. */
const PIECE_LENGTHS = [3, 4] as const;
/** A glossary concept is one whole idea: it weighs like several letter pieces. */
const CONCEPT_WEIGHT = 3;
/** A whole word, beside its pieces. */
const WORD_WEIGHT = 2;

interface Phrasing {
  topicId: string;
  norm: number;
}

/**
 * How close a message is to each topic's phrasings, letter by letter: TF-IDF vectors of 3- and 4-letter
 * pieces of the analysed words (glossary concepts whole), compared by cosine with every phrasing of
 * the topic in that language, the best one counting. Where BM25 needs the same words, this forgives
 * spelling ("kifach" / "kifash", "njdded" / "njaded"), dialect endings and words run together, which is
 * how most people write; trained from the knowledge's own variants each time the knowledge loads.
 *
 * @example similarity.topics(['~permesso-di-soggiorno', 'kifach', 'njdded'])[0] // { topicId: 'permit.renewal', similarity: 0.61 }
 */
export class PhrasingSimilarity {
  private readonly phrasings: Phrasing[] = [];
  /** piece -> [phrasing index, weight] */
  private readonly postings = new Map<string, [number, number][]>();
  private readonly idf = new Map<string, number>();
  /** A piece no phrasing has still counts against the match: "weather" words make a message less like any topic. */
  private readonly unseenIdf: number;

  /** @param phrasings analysed terms of each phrasing (see Analyzer), with its topic */
  constructor(phrasings: readonly { topicId: string; terms: readonly string[] }[]) {
    const vectors = phrasings.map(({ terms }) => pieceCounts(terms));
    const documentFrequency = new Map<string, number>();
    for (const vector of vectors) for (const piece of vector.keys()) documentFrequency.set(piece, (documentFrequency.get(piece) ?? 0) + 1);
    for (const [piece, df] of documentFrequency) this.idf.set(piece, Math.log(1 + phrasings.length / df));
    this.unseenIdf = Math.log(1 + phrasings.length);
    vectors.forEach((vector, index) => {
      const weighted = this.weigh(vector);
      let squares = 0;
      for (const weight of weighted.values()) squares += weight * weight;
      const norm = Math.sqrt(squares) || 1;
      this.phrasings.push({ topicId: phrasings[index].topicId, norm });
      for (const [piece, weight] of weighted) {
        const list = this.postings.get(piece) ?? [];
        list.push([index, weight / norm]);
        this.postings.set(piece, list);
      }
    });
  }

  /** Every topic with a phrasing that shares letters with the message, closest first (cosine, 0..1). */
  topics(terms: readonly string[]): { topicId: string; similarity: number }[] {
    const query = this.weigh(pieceCounts(terms));
    let squares = 0;
    for (const weight of query.values()) squares += weight * weight;
    const norm = Math.sqrt(squares);
    if (norm === 0) return [];
    const dots = new Map<number, number>();
    for (const [piece, weight] of query) {
      for (const [index, phrasingWeight] of this.postings.get(piece) ?? []) dots.set(index, (dots.get(index) ?? 0) + weight * phrasingWeight);
    }
    const best = new Map<string, number>();
    for (const [index, dot] of dots) {
      const { topicId } = this.phrasings[index];
      const similarity = dot / norm;
      if (similarity > (best.get(topicId) ?? 0)) best.set(topicId, similarity);
    }
    return [...best].map(([topicId, similarity]) => ({ topicId, similarity: Number(similarity.toFixed(3)) })).sort((a, b) => b.similarity - a.similarity);
  }

  private weigh(counts: Map<string, number>): Map<string, number> {
    const weighted = new Map<string, number>();
    for (const [piece, count] of counts) {
      const idf = this.idf.get(piece) ?? this.unseenIdf;
      const weight = piece.startsWith(CONCEPT_PREFIX) ? CONCEPT_WEIGHT : piece.startsWith('=') ? WORD_WEIGHT : 1;
      weighted.set(piece, (1 + Math.log(count)) * idf * weight);
    }
    return weighted;
  }
}

function pieceCounts(terms: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (piece: string) => counts.set(piece, (counts.get(piece) ?? 0) + 1);
  for (const term of terms) {
    if (term.startsWith(CONCEPT_PREFIX)) {
      add(term);
      continue;
    }
    add(`=${term}`); // the whole word too: a rare word ("metà") tells close topics apart better than its letters
    const padded = [...` ${term} `];
    if (padded.length <= 4) add(padded.join(''));
    for (const n of PIECE_LENGTHS) for (let i = 0; i + n <= padded.length; i++) add(padded.slice(i, i + n).join(''));
  }
  return counts;
}
