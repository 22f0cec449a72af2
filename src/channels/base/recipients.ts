import { pseudonymize } from '../../core/privacy/pseudonym';
import { ShardedJsonStore } from '../../storage/shardedJsonStore';
import { STORES } from '../../storage/storeLayouts';

export interface RecipientState {
  /** The person blocked the bot: nothing is sent until they write again. */
  blocked?: boolean;
  /** The last message the platform refused, and why (shown to whoever tried to send). */
  lastFailure?: { at: number; reason: string; code?: number };
  /** When this record last changed, for the retention sweep. */
  at?: number;
}

/** What a channel knows about delivering to each person, under their pseudonym. */
export class Recipients {
  private constructor(
    private readonly store: ShardedJsonStore<RecipientState>,
    private readonly key: Buffer,
  ) {}

  static async open(dataDir: string, key: Buffer): Promise<Recipients> {
    return new Recipients(await ShardedJsonStore.open<RecipientState>(dataDir, STORES.recipients), key);
  }

  /** Writes what is pending and releases the store's folder. */
  async close(): Promise<void> {
    await this.store.close();
  }

  get(channel: string, chatId: string): RecipientState {
    return this.store.get(this.id(channel, chatId)) ?? {};
  }

  async update(channel: string, chatId: string, change: RecipientState): Promise<void> {
    const id = this.id(channel, chatId);
    this.store.set(id, { ...(this.store.get(id) ?? {}), ...change, at: Date.now() });
    await this.store.commit();
  }

  /** Retention: forgets people silent since `cutoff`; returns how many. */
  async purgeOlderThan(cutoff: number): Promise<number> {
    return this.store.deleteWhere((record) => (record.at ?? 0) < cutoff);
  }

  /** Forgets what is known about delivering to a person (they erased their data). */
  async forget(channel: string, chatId: string): Promise<void> {
    this.store.delete(this.id(channel, chatId));
    await this.store.commit();
  }

  private id(channel: string, chatId: string): string {
    return pseudonymize(this.key, channel, chatId);
  }
}
