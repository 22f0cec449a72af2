import MiniSearch from 'minisearch';
import { isHanToken, tokenize } from '../text/normalize';
import { STOPWORDS } from '../text/stopwords';
import { LANGUAGES, type Lang } from '../language/languages';
import type { KnowledgeBase, KnowledgeEntry } from '../knowledge/types';
import { Analyzer, CONCEPT_PREFIX, stem } from './analyzer';
import { PhrasingSimilarity } from './phrasingSimilarity';
import { OUT_OF_SCOPE } from '../intents';
import { LetterModel } from '../language/letterModel';

/** One topic the search found, with the figures that explain its rank. */
export interface Candidate {
  topicId: string;
  /** BM25 score from the index: only comparable within one query. */
  score: number;
  /** 0..1: the share of the question's words (weighted by rarity) that this topic explains. */
  coverage: number;
  /** 0..1: the share of the best-matching variant's words found in the question. */
  variantCoverage: number;
  /**
   * 0..1: how well question and topic fit each other, the geometric mean of `coverage` and
   * `variantCoverage`. A question about a visa for Canada covers "visa" in a topic on Italian
   * visas, but only a sliver of any way of asking it, and so fits poorly.
   */
  fit: number;
  /** 0..1: letter-level closeness to the topic's nearest phrasing (see PhrasingSimilarity). */
  similarity: number;
  /** 0..1: what the decision weighs, a blend of `fit` and `similarity` (see BLEND). */
  confidence: number;
  /** The question's terms that matched this topic, after folding, stemming and glossary. */
  matchedTerms: string[];
}

/**
 * How word matching (BM25 fit) and letter matching (similarity) are blended into a topic's confidence:
 * chosen on the tuned part of the evaluation set (docs/retrieval.md).
 */
export const DEFAULT_BLEND: Blend = { fit: 0.6, similarity: 0.4 };

export interface Blend {
  fit: number;
  similarity: number;
}

export interface SearchOutcome {
  terms: string[];
  candidates: Candidate[];
}

/** An intent that is not a knowledge answer, with its phrasings per language. */
export interface IntentPhrasings {
  id: string;
  phrasings: Partial<Record<Lang, string[]>>;
}

function asEntry(intent: IntentPhrasings): KnowledgeEntry {
  const text = Object.fromEntries(
    Object.entries(intent.phrasings).map(([lang, questions]) => [lang, { title: '', questions: questions ?? [], keywords: [], answer: '' }]),
  );
  return { id: intent.id, desk: 'other', sensitive: false, reviewed: '', sources: [], text };
}

/** One question variant, or a topic's keyword list: small documents keep words that belong together. */
interface VariantDocument {
  id: string;
  topicId: string;
  questions?: string;
  keywords?: string;
  italian?: string;
}

const FIELD_BOOST = { questions: 1, keywords: 0.8, italian: 1.0 };
/** How many matching variants are read per search: enough for every plausible topic, bounded in cost. */
const MAX_VARIANT_RESULTS = 300;

/** Share of a word's weight that a typo-tolerant (not exact) match earns towards coverage. */
const FUZZY_MATCH_CREDIT = 0.5;

/** Typos forgiven in search: none in short words, where one letter changes the word ("visto", "vinto"). */
function searchTypoAllowance(term: string): number {
  const length = [...term].length;
  return length >= 10 ? 2 : length >= 6 ? 1 : 0;
}

/** A topic ranks by its best-matching variant, plus a little for its second best. */
const SECOND_VARIANT_WEIGHT = 0.3;

/**
 * Retrieval over the knowledge base: one BM25 index per language (minisearch) with a document per
 * question variant (and one for title and keywords), so words that appear together in one way of asking
 * ("lost" + "permit") outrank the same words scattered over a topic, plus the Italian keywords of each topic so that Italian terms mixed into any
 * language still match. Typos are forgiven by edit distance on ordinary words, never on glossary
 * concepts or Chinese character pairs. See docs/retrieval.md for how this engine was chosen.
 *
 * @example new KnowledgeIndex(kb).search('come rinnovo il permeso', 'it').candidates[0].topicId // 'permit.renewal'
 */
export class KnowledgeIndex {
  readonly analyzer: Analyzer;
  private readonly blend: Blend;
  private readonly indexes = new Map<Lang, MiniSearch<VariantDocument>>();
  private readonly similarity = new Map<Lang, PhrasingSimilarity>();
  private readonly documentFrequency = new Map<Lang, Map<string, number>>();
  private readonly topicCount: number;
  /** Every word the knowledge uses in any language (stemmed), plus the function words, for `usesWord`. */
  private readonly anyVocabulary = new Set<string>();
  /** How each language looks in Latin letters, for language detection (see LetterModel). */
  readonly letters: LetterModel;
  /** Distinct terms of each indexed document, to tell how much of a variant a question covers. */
  private readonly documentLength = new Map<string, number>();

  /**
   * @param intents phrasings of intents that compete with the topics, such as asking for a person
   *   (`mediator.request`), so "c'è un mediatore che parla arabo?" does not land on school mediators.
   */
  /**
   * @param options.previous the index of the version this one replaces: its analyzer (and what it
   *   already analysed) is reused when the glossary is the same, so publishing one change is quick
   */
  constructor(knowledge: KnowledgeBase, options: { intents?: readonly IntentPhrasings[]; blend?: Blend; previous?: KnowledgeIndex } = {}) {
    const intents = options.intents ?? [];
    this.blend = options.blend ?? DEFAULT_BLEND;
    const glossaryKey = JSON.stringify(knowledge.glossary);
    this.analyzer = options.previous?.analyzer.glossaryKey === glossaryKey ? options.previous.analyzer : new Analyzer(knowledge.glossary);
    this.topicCount = knowledge.entries.length + intents.length;
    const intentEntries = [...intents, { id: OUT_OF_SCOPE, phrasings: knowledge.outOfScope ?? {} }].map(asEntry);
    for (const lang of LANGUAGES) this.buildLanguage(lang, [...knowledge.entries, ...intentEntries]);
    this.letters = LetterModel.train(latinSamples([...knowledge.entries, ...intentEntries]));
  }

  search(text: string, lang: Lang, limit = 5): SearchOutcome {
    const terms = [...new Set(this.analyzer.analyze(text, lang))];
    const index = this.indexes.get(lang);
    if (!index || terms.length === 0) return { terms, candidates: [] };
    const results = index.search(terms.join(' '), {
      fuzzy: (term) => (term.startsWith(CONCEPT_PREFIX) || isHanToken(term) ? false : searchTypoAllowance(term)),
      maxFuzzy: 2,
      prefix: false,
      combineWith: 'OR',
      boost: FIELD_BOOST,
    });
    const weights = new Map(terms.map((term) => [term, this.rarity(lang, term)]));
    const totalWeight = [...weights.values()].reduce((a, b) => a + b, 0);
    const byTopic = new Map<string, { scores: number[]; matched: Map<string, number>; variantCoverage: number }>();
    // Results come best first; past the first few hundred variants no topic can still reach the top.
    for (const result of results.slice(0, MAX_VARIANT_RESULTS)) {
      const topicId = (result as unknown as VariantDocument).topicId;
      const topic = byTopic.get(topicId) ?? { scores: [], matched: new Map<string, number>(), variantCoverage: 0 };
      topic.scores.push(result.score);
      const exact = new Set(result.terms);
      const length = this.documentLength.get(result.id as string) ?? 1;
      topic.variantCoverage = Math.max(topic.variantCoverage, Math.min(1, result.terms.length / length));
      for (const term of result.queryTerms) {
        if (!weights.has(term)) continue;
        // A word matched only through a typo counts for less: "vinto" is one letter from "visto".
        topic.matched.set(term, Math.max(topic.matched.get(term) ?? 0, exact.has(term) ? 1 : FUZZY_MATCH_CREDIT));
      }
      byTopic.set(topicId, topic);
    }
    const similar = new Map((this.similarity.get(lang)?.topics(terms) ?? []).map((t) => [t.topicId, t.similarity]));
    const candidates: Candidate[] = [...byTopic.entries()].map(([topicId, { scores, matched, variantCoverage }]) => {
      const [best, second = 0] = scores; // results arrive best first
      const matchedWeight = [...matched].reduce((sum, [term, credit]) => sum + credit * weights.get(term)!, 0);
      const coverage = matchedWeight / totalWeight;
      const fit = Math.sqrt(coverage * variantCoverage);
      return this.candidate(topicId, {
        score: best + SECOND_VARIANT_WEIGHT * second,
        coverage,
        variantCoverage,
        fit,
        similarity: similar.get(topicId) ?? 0,
        matchedTerms: [...matched.keys()],
      });
    });
    // Topics only letter matching found (dialect spellings BM25 cannot see).
    for (const [topicId, similarity] of similar) {
      if (!byTopic.has(topicId)) candidates.push(this.candidate(topicId, { score: 0, coverage: 0, variantCoverage: 0, fit: 0, similarity, matchedTerms: [] }));
    }
    candidates.sort((a, b) => b.confidence - a.confidence || b.score - a.score);
    return { terms, candidates: candidates.slice(0, limit) };
  }

  private candidate(topicId: string, figures: Omit<Candidate, 'topicId' | 'confidence'>): Candidate {
    const round = (x: number) => Number(x.toFixed(3));
    return {
      topicId,
      score: round(figures.score),
      coverage: round(figures.coverage),
      variantCoverage: round(figures.variantCoverage),
      fit: round(figures.fit),
      similarity: figures.similarity,
      confidence: round(this.blend.fit * figures.fit + this.blend.similarity * figures.similarity),
      matchedTerms: figures.matchedTerms,
    };
  }

  /** Whether any language's knowledge text uses this word (after stemming): an everyday word, then. */
  usesWord(word: string): boolean {
    return this.anyVocabulary.has(stem(word));
  }

  /** Inverse document frequency; a word no topic uses weighs most, so "weather" pulls coverage down. */
  private rarity(lang: Lang, term: string): number {
    const df = this.documentFrequency.get(lang)?.get(term) ?? 0;
    return Math.log(1 + (this.topicCount + 1) / (df + 0.5));
  }

  private buildLanguage(lang: Lang, entries: readonly KnowledgeEntry[]) {
    const index = new MiniSearch<VariantDocument>({
      fields: ['questions', 'keywords', 'italian'],
      storeFields: ['topicId'],
      tokenize: (text) => text.split(' ').filter(Boolean),
      processTerm: (term) => term,
    });
    const frequency = new Map<string, number>();
    const documents: VariantDocument[] = [];
    const phrasings: { topicId: string; terms: string[] }[] = [];
    const vocabulary = new Set<string>([...STOPWORDS[lang]].map(stem));
    const analyze = (texts: readonly string[], as: Lang) => texts.map((t) => this.analyzer.analyzeKnowledge(t, as).join(' '));
    for (const entry of entries) {
      const text = entry.text[lang];
      if (!text) continue;
      for (const part of [text.title, text.answer, text.more ?? '', ...text.questions, ...text.keywords]) {
        for (const word of tokenize(part)) vocabulary.add(stem(word));
      }
      const topicTerms = new Set<string>();
      const add = (document: Omit<VariantDocument, 'topicId'>) => {
        documents.push({ ...document, topicId: entry.id });
        const words = `${document.questions ?? ''} ${document.keywords ?? ''} ${document.italian ?? ''}`.split(' ').filter(Boolean);
        phrasings.push({ topicId: entry.id, terms: words });
        const terms = new Set(words);
        this.documentLength.set(document.id, terms.size);
        for (const term of terms) topicTerms.add(term);
      };
      analyze([text.title, ...text.questions].filter(Boolean), lang).forEach((questions, i) => add({ id: `${entry.id}@${lang}#${i}`, questions }));
      if (text.keywords.length) add({ id: `${entry.id}@${lang}#keywords`, keywords: analyze(text.keywords, lang).join(' ') });
      const italian = lang === 'it' ? undefined : entry.text.it;
      if (italian) add({ id: `${entry.id}@${lang}#it`, italian: analyze([italian.title, ...italian.keywords], 'it').join(' ') });
      for (const term of topicTerms) frequency.set(term, (frequency.get(term) ?? 0) + 1);
    }
    index.addAll(documents);
    this.indexes.set(lang, index);
    this.similarity.set(lang, new PhrasingSimilarity(phrasings));
    this.documentFrequency.set(lang, frequency);
    for (const word of vocabulary) this.anyVocabulary.add(word);
  }
}

/** Languages written in Latin letters by default; the others count only what people typed in Latin letters. */
const LATIN_LANGUAGES: readonly Lang[] = ['it', 'en', 'fr', 'es', 'sq'];
/** Typed in Latin letters often enough to learn: Arabizi, Roman Urdu, Banglish (Ukrainian and Chinese rarely are). */
const ROMANISED_LANGUAGES: readonly Lang[] = ['ar', 'ur', 'bn'];

/** The knowledge's text in Latin letters, per language: what LetterModel learns each language's look from. */
function latinSamples(entries: readonly KnowledgeEntry[]): Map<Lang, string[]> {
  const samples = new Map<Lang, string[]>();
  for (const lang of [...LATIN_LANGUAGES, ...ROMANISED_LANGUAGES]) {
    const texts = entries.flatMap((entry) => {
      const text = entry.text[lang];
      if (!text) return [];
      return LATIN_LANGUAGES.includes(lang) ? [text.title, ...text.questions, ...text.keywords] : text.questions.filter(isMostlyLatin);
    });
    samples.set(lang, texts);
  }
  return samples;
}

function isMostlyLatin(text: string): boolean {
  const latin = text.match(/\p{Script=Latin}/gu)?.length ?? 0;
  const other = text.match(/[^\p{Script=Latin}\p{Script=Common}\p{M}]/gu)?.length ?? 0;
  return latin > 2 * other;
}
