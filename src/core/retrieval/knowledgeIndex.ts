import MiniSearch from 'minisearch';
import { isHanToken } from '../text/normalize';
import { typoAllowance } from '../text/editDistance';
import { LANGUAGES, type Lang } from '../language/languages';
import type { KnowledgeBase, KnowledgeEntry } from '../knowledge/types';
import { Analyzer, CONCEPT_PREFIX } from './analyzer';

/** One topic the search found, with the figures that explain its rank. */
export interface Candidate {
  topicId: string;
  /** BM25 score from the index: only comparable within one query. */
  score: number;
  /** 0..1: the share of the question's words (weighted by rarity) that this topic explains. */
  coverage: number;
  /** The question's terms that matched this topic, after folding, stemming and glossary. */
  matchedTerms: string[];
}

export interface SearchOutcome {
  terms: string[];
  candidates: Candidate[];
}

/** One question variant, or a topic's keyword list: small documents keep words that belong together. */
interface VariantDocument {
  id: string;
  topicId: string;
  questions?: string;
  keywords?: string;
  italian?: string;
}

const FIELD_BOOST = { questions: 1, keywords: 0.8, italian: 0.5 };
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
  private readonly indexes = new Map<Lang, MiniSearch<VariantDocument>>();
  private readonly documentFrequency = new Map<Lang, Map<string, number>>();
  private readonly topicCount: number;

  constructor(knowledge: KnowledgeBase) {
    this.analyzer = new Analyzer(knowledge.glossary);
    this.topicCount = knowledge.entries.length;
    for (const lang of LANGUAGES) this.buildLanguage(lang, knowledge.entries);
  }

  search(text: string, lang: Lang, limit = 5): SearchOutcome {
    const terms = [...new Set(this.analyzer.analyze(text, lang))];
    const index = this.indexes.get(lang);
    if (!index || terms.length === 0) return { terms, candidates: [] };
    const results = index.search(terms.join(' '), {
      fuzzy: (term) => (term.startsWith(CONCEPT_PREFIX) || isHanToken(term) ? false : typoAllowance(term)),
      maxFuzzy: 2,
      prefix: false,
      combineWith: 'OR',
      boost: FIELD_BOOST,
    });
    const weights = new Map(terms.map((term) => [term, this.rarity(lang, term)]));
    const totalWeight = [...weights.values()].reduce((a, b) => a + b, 0);
    const byTopic = new Map<string, { scores: number[]; matched: Set<string> }>();
    for (const result of results) {
      const topicId = (result as unknown as VariantDocument).topicId;
      const topic = byTopic.get(topicId) ?? { scores: [], matched: new Set<string>() };
      topic.scores.push(result.score);
      for (const term of result.queryTerms) if (weights.has(term)) topic.matched.add(term);
      byTopic.set(topicId, topic);
    }
    const candidates = [...byTopic.entries()].map(([topicId, { scores, matched }]) => {
      const [best, second = 0] = scores; // results arrive best first
      const matchedWeight = [...matched].reduce((sum, term) => sum + weights.get(term)!, 0);
      return {
        topicId,
        score: Number((best + SECOND_VARIANT_WEIGHT * second).toFixed(3)),
        coverage: Number((matchedWeight / totalWeight).toFixed(3)),
        matchedTerms: [...matched],
      };
    });
    candidates.sort((a, b) => b.score - a.score || b.coverage - a.coverage);
    return { terms, candidates: candidates.slice(0, limit) };
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
    const analyze = (texts: readonly string[], as: Lang) => texts.map((t) => this.analyzer.analyze(t, as).join(' '));
    for (const entry of entries) {
      const text = entry.text[lang];
      if (!text) continue;
      const topicTerms: string[] = [];
      const add = (document: Omit<VariantDocument, 'topicId'>) => {
        documents.push({ ...document, topicId: entry.id });
        topicTerms.push(document.questions ?? '', document.keywords ?? '', document.italian ?? '');
      };
      analyze([text.title, ...text.questions], lang).forEach((questions, i) => add({ id: `${entry.id}@${lang}#${i}`, questions }));
      add({ id: `${entry.id}@${lang}#keywords`, keywords: analyze(text.keywords, lang).join(' ') });
      const italian = lang === 'it' ? undefined : entry.text.it;
      if (italian) add({ id: `${entry.id}@${lang}#it`, italian: analyze([italian.title, ...italian.keywords], 'it').join(' ') });
      for (const term of new Set(topicTerms.join(' ').split(' ').filter(Boolean))) {
        frequency.set(term, (frequency.get(term) ?? 0) + 1);
      }
    }
    index.addAll(documents);
    this.indexes.set(lang, index);
    this.documentFrequency.set(lang, frequency);
  }
}
