import { lastTurns, type LastAnswer, type RecentTurn } from '../core/handoff/escalation';
import { pseudonymize } from '../core/privacy/pseudonym';
import { ShardedJsonStore } from './shardedJsonStore';
import { STORES } from './storeLayouts';

/** What Ponte remembers of a conversation for a possible hand-off: the last turns, the last answer. */
export interface Remembered {
  turns: RecentTurn[];
  lastAnswer?: LastAnswer;
  /** Last change, for the retention sweep. */
  at: number;
}

const FLUSH_MS = 2000;
const MAX_CACHED_IDS = 10_000;

type Records = Pick<ShardedJsonStore<Remembered>, 'get' | 'set' | 'delete' | 'commit' | 'commitSoon' | 'deleteWhere' | 'close'>;

/**
 * The conversation's recent turns, kept beside the bot's state rather than in it: state is rewritten
 * at every turn and waited on, these are written every two seconds and waited on by nobody (a crash
 * loses at most the last two seconds of context for a mediator). Keyed by a keyed hash of the chat,
 * erased with the person and by the retention sweep.
 */
export class ConversationMemory {
  /** A turn asks for the same key several times; the keyed hash is computed once per chat. */
  private readonly ids = new Map<string, string>();

  private constructor(
    private readonly store: Records,
    private readonly key: Buffer,
  ) {}

  static async open(dataDir: string, key: Buffer): Promise<ConversationMemory> {
    return new ConversationMemory(await ShardedJsonStore.open<Remembered>(dataDir, STORES.conversationMemory), key);
  }

  /** For the command line: nothing on disk. */
  static inMemory(key: Buffer): ConversationMemory {
    const map = new Map<string, Remembered>();
    return new ConversationMemory(
      {
        get: (k) => map.get(k),
        set: (k, v) => void map.set(k, v),
        delete: (k) => void map.delete(k),
        commit: async () => undefined,
        commitSoon: () => undefined,
        close: async () => undefined,
        deleteWhere: async (expired) => {
          const gone = [...map].filter(([, v]) => expired(v)).map(([k]) => k);
          for (const k of gone) map.delete(k);
          return gone.length;
        },
      },
      key,
    );
  }

  get(channel: string, conversationId: string): Remembered {
    return this.store.get(this.id(channel, conversationId)) ?? { turns: [], at: 0 };
  }

  remember(channel: string, conversationId: string, turns: RecentTurn[]): void {
    if (turns.length === 0) return;
    const current = this.get(channel, conversationId);
    this.put(channel, conversationId, { ...current, turns: lastTurns([...current.turns, ...turns]) });
  }

  setLastAnswer(channel: string, conversationId: string, lastAnswer: LastAnswer | undefined): void {
    const current = this.get(channel, conversationId);
    if (!lastAnswer && !current.lastAnswer) return;
    this.put(channel, conversationId, { ...current, lastAnswer });
  }

  async forget(channel: string, conversationId: string): Promise<void> {
    this.store.delete(this.id(channel, conversationId));
    this.ids.delete(`${channel}\u0000${conversationId}`);
    await this.store.commit();
  }

  async purgeOlderThan(cutoff: number): Promise<number> {
    return this.store.deleteWhere((record) => record.at < cutoff);
  }

  /** Writes what is pending and releases the store's folder. */
  async close(): Promise<void> {
    await this.store.close();
  }

  private put(channel: string, conversationId: string, record: Omit<Remembered, 'at'>): void {
    this.store.set(this.id(channel, conversationId), { ...record, at: Date.now() });
    this.store.commitSoon(FLUSH_MS);
  }

  private id(channel: string, conversationId: string): string {
    const chat = `${channel}\u0000${conversationId}`;
    let id = this.ids.get(chat);
    if (!id) {
      if (this.ids.size > MAX_CACHED_IDS) this.ids.clear();
      id = pseudonymize(this.key, channel, conversationId, 'c_');
      this.ids.set(chat, id);
    }
    return id;
  }
}
