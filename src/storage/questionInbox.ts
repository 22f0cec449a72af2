import type { Lang } from '../core/language/languages';
import { ShardedJsonStore } from './shardedJsonStore';
import { STORES } from './storeLayouts';

/** Why a question reached the editors' inbox. */
export type UnansweredKind = 'fallback' | 'abandoned-clarification' | 'low-confidence-then-person' | 'low-score';

/** A question Ponte could not answer well: its text, language and time, never who asked. */
export interface InboxQuestion {
  id: string;
  text: string;
  lang: Lang;
  /** When it was last asked. */
  at: number;
  /** Every time the same words were asked (the newest few hundred): the inbox counts these. */
  times: number[];
  kind: UnansweredKind;
  /** The topics Ponte considered, best first. */
  topics: string[];
  /** `used`: turned into variants or a topic; `dismissed`: out of scope, kept so it is not shown again. */
  status: 'open' | 'used' | 'dismissed';
}

export class QuestionInboxStore {
  private constructor(private readonly store: ShardedJsonStore<InboxQuestion>) {}

  static async open(dataDir: string): Promise<QuestionInboxStore> {
    // Nobody waits for these writes: let the questions of a whole second share one.
    return new QuestionInboxStore(await ShardedJsonStore.open<InboxQuestion>(dataDir, STORES.unansweredQuestions, 1000));
  }

  /** Writes what is pending and releases the store's folder. */
  async close(): Promise<void> {
    await this.store.close();
  }

  all(): InboxQuestion[] {
    return [...this.store.entries()].map(([, question]) => question);
  }

  get(id: string): InboxQuestion | undefined {
    return this.store.get(id);
  }

  async put(questions: readonly InboxQuestion[]): Promise<void> {
    for (const question of questions) this.store.set(question.id, question);
    await this.store.commit();
  }

  /** Open and used questions go after `cutoff`; dismissed ones stay, so the same question stays hidden. */
  async purgeOlderThan(cutoff: number): Promise<number> {
    return this.store.deleteWhere((q) => q.status !== 'dismissed' && q.at < cutoff);
  }
}
