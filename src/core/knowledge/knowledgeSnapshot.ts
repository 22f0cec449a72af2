import type { Lang } from '../language/languages';
import { detectLanguage, type LanguageGuess } from '../language/detectLanguage';
import { KnowledgeIndex, type IntentPhrasings, type SearchOutcome } from '../retrieval/knowledgeIndex';
import { decide, DEFAULT_THRESHOLDS, thresholdsFor, type Decision, type DecisionThresholds } from '../retrieval/decide';
import type { KnowledgeBase, KnowledgeEntry, LocalizedTopic } from './types';
import { DeskDirectory } from '../routing/deskDirectory';

/** Topics suggested when nothing fits: the questions desks hear most. */
const MAIN_TOPICS = ['permit.renewal', 'health.ssn-registration', 'school.enrollment', 'residency.registration', 'work.contract'];

/** Where a language is missing in an entry, the reply falls back to English, then Italian. */
const TEXT_FALLBACK: readonly Lang[] = ['en', 'it'];

/**
 * One published version of the knowledge, with its search index. Immutable: a reload builds a new
 * snapshot and swaps it in whole, so a turn never sees half of an update.
 */
export class KnowledgeSnapshot {
  readonly index: KnowledgeIndex;
  /** The desk directory published with this knowledge. */
  readonly desks: DeskDirectory;
  private readonly byId: ReadonlyMap<string, KnowledgeEntry>;
  private readonly thresholds: DecisionThresholds;

  constructor(
    readonly knowledge: KnowledgeBase,
    options: { intents?: readonly IntentPhrasings[]; thresholds?: DecisionThresholds; desks?: DeskDirectory; previous?: KnowledgeSnapshot } = {},
  ) {
    this.desks = options.desks ?? new DeskDirectory([]);
    this.thresholds = options.thresholds ?? DEFAULT_THRESHOLDS;
    this.index = new KnowledgeIndex(knowledge, { intents: options.intents, previous: options.previous?.index });
    this.byId = new Map(knowledge.entries.map((entry) => [entry.id, entry]));
  }

  get size(): number {
    return this.knowledge.entries.length;
  }

  /** The language of a message, with Latin letters read by the knowledge's own letter model. */
  detectLanguage(text: string): LanguageGuess {
    return detectLanguage(text, this.index.letters);
  }

  /** Finds the topics for a question and decides whether to answer, ask which one, or say nothing fits. */
  ask(text: string, lang: Lang): { decision: Decision; search: SearchOutcome } {
    const search = this.index.search(text, lang);
    return { decision: decide(search.candidates, thresholdsFor(lang, this.thresholds)), search };
  }

  entry(id: string): KnowledgeEntry | undefined {
    return this.byId.get(id);
  }

  /** The topic's text in the language, or in English/Italian when that language is not written yet. */
  text(id: string, lang: Lang): { text: LocalizedTopic; lang: Lang } | undefined {
    const entry = this.byId.get(id);
    if (!entry) return undefined;
    for (const candidate of [lang, ...TEXT_FALLBACK]) {
      const text = entry.text[candidate];
      if (text) return { text, lang: candidate };
    }
    return undefined;
  }

  mainTopics(): string[] {
    const present = MAIN_TOPICS.filter((id) => this.byId.has(id));
    return present.length > 0 ? present : this.knowledge.entries.slice(0, 4).map((e) => e.id);
  }
}
