import { pseudonymize } from '../../core/privacy/pseudonym';
import { ShardedJsonStore } from '../../storage/shardedJsonStore';
import { STORES } from '../../storage/storeLayouts';

interface ProcessedRecord {
  ids: string[];
  at: number;
}

/** Platforms redeliver recent updates only: the last few ids of each chat are enough to spot them. */
const REMEMBERED_PER_CHAT = 64;

/**
 * The inbound updates already answered (Telegram `update_id`, WhatsApp message id), on disk, so a
 * redelivery after a crash or a duplicate is recognised and never answered twice. Kept per chat and
 * bounded, so the store grows with the number of people, not of messages. Callers check and add under
 * the chat's queue, so two copies of one update cannot both pass.
 */
export class ProcessedUpdates {
  private constructor(
    private readonly store: ShardedJsonStore<ProcessedRecord>,
    private readonly pseudonymKey: Buffer,
  ) {}

  static async open(dataDir: string, pseudonymKey: Buffer): Promise<ProcessedUpdates> {
    return new ProcessedUpdates(await ShardedJsonStore.open<ProcessedRecord>(dataDir, STORES.processedUpdates), pseudonymKey);
  }

  /** Writes what is pending and releases the store's folder. */
  async close(): Promise<void> {
    await this.store.close();
  }

  has(channel: string, chatId: string, id: string): boolean {
    return this.store.get(this.key(channel, chatId))?.ids.includes(id) ?? false;
  }

  /** Records the update as answered; resolves when that is on disk. */
  async add(channel: string, chatId: string, id: string): Promise<void> {
    const key = this.key(channel, chatId);
    const ids = [...(this.store.get(key)?.ids ?? []), id].slice(-REMEMBERED_PER_CHAT);
    this.store.set(key, { ids, at: Date.now() });
    await this.store.commit();
  }

  /** Retention: forgets chats silent since `cutoff`; returns how many. */
  async purgeOlderThan(cutoff: number): Promise<number> {
    return this.store.deleteWhere((record) => record.at < cutoff);
  }

  /** Forgets a chat (the person erased their data). */
  async forget(channel: string, chatId: string): Promise<void> {
    this.store.delete(this.key(channel, chatId));
    await this.store.commit();
  }

  // Chat ids are phone numbers on WhatsApp: only their keyed hash is stored (a plain hash of a phone
  // number can be reversed by trying them all).
  private key(channel: string, chatId: string): string {
    return pseudonymize(this.pseudonymKey, channel, chatId, 'i_');
  }
}
