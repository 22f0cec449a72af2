import { createHash } from 'node:crypto';
import { ShardedJsonStore } from '../../storage/shardedJsonStore';

/** Platforms redeliver recent updates only: the last few ids of each chat are enough to spot them. */
const REMEMBERED_PER_CHAT = 64;

/**
 * The inbound updates already answered (Telegram `update_id`, WhatsApp message id), on disk, so a
 * redelivery after a crash or a duplicate is recognised and never answered twice. Kept per chat and
 * bounded, so the store grows with the number of people, not of messages. Callers check and add under
 * the chat's queue, so two copies of one update cannot both pass.
 */
export class ProcessedUpdates {
  private constructor(private readonly store: ShardedJsonStore<string[]>) {}

  static async open(dataDir: string): Promise<ProcessedUpdates> {
    return new ProcessedUpdates(await ShardedJsonStore.open<string[]>(dataDir, 'inbox', 64));
  }

  has(channel: string, chatId: string, id: string): boolean {
    return this.store.get(this.key(channel, chatId))?.includes(id) ?? false;
  }

  /** Records the update as answered; resolves when that is on disk. */
  async add(channel: string, chatId: string, id: string): Promise<void> {
    const key = this.key(channel, chatId);
    const recent = [...(this.store.get(key) ?? []), id].slice(-REMEMBERED_PER_CHAT);
    this.store.set(key, recent);
    await this.store.commit();
  }

  // Chat ids are phone numbers on WhatsApp: only a hash of them is stored.
  private key(channel: string, chatId: string): string {
    return createHash('sha256').update(`${channel}:${chatId}`).digest('base64url').slice(0, 22);
  }
}
