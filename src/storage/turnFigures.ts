import { ShardedJsonStore } from './shardedJsonStore';
import { STORES } from './storeLayouts';

/** What became of a question: the figures editors read per language and topic. */
export type Outcome = 'answered' | 'clarified' | 'fellBack' | 'handedOver';

export interface FigureRow {
  date: string;
  lang: string;
  topic: string;
  asked: number;
  answered: number;
  clarified: number;
  fellBack: number;
  handedOver: number;
}

const FLUSH_MS = 2000;

/**
 * Counters of questions per day, language, topic and outcome: no text, no person. Counting happens in
 * memory and is written every two seconds, not at every turn: a crash loses at most that much of the
 * figures, and the busy path gains no disk write.
 */
export class TurnFigures {
  private constructor(private readonly store: ShardedJsonStore<FigureRow>) {}

  static async open(dataDir: string): Promise<TurnFigures> {
    return new TurnFigures(await ShardedJsonStore.open<FigureRow>(dataDir, STORES.figures));
  }

  count(date: string, lang: string, topic: string, outcome: Outcome): void {
    const key = `${date}|${lang}|${topic}`;
    const row = this.store.get(key) ?? { date, lang, topic, asked: 0, answered: 0, clarified: 0, fellBack: 0, handedOver: 0 };
    this.store.set(key, { ...row, asked: row.asked + 1, [outcome]: row[outcome] + 1 });
    this.store.commitSoon(FLUSH_MS);
  }

  rows(since: string): FigureRow[] {
    return [...this.store.entries()].map(([, row]) => row).filter((row) => row.date >= since);
  }

  /** Writes what is pending and releases the store's folder. */
  async close(): Promise<void> {
    await this.store.close();
  }
}
