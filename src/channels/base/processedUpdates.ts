import { ShardedJsonStore } from '../../storage/shardedJsonStore';

const KEEP_MS = 7 * 24 * 60 * 60 * 1000; // platforms stop redelivering long before a week

/**
 * The inbound updates already answered (Telegram `update_id`, WhatsApp message id), on disk, so a
 * redelivery after a crash or a duplicate is recognised and never answered twice.
 */
export class ProcessedUpdates {
  private writesSincePrune = 0;

  private constructor(private readonly store: ShardedJsonStore<number>) {}

  static async open(dataDir: string): Promise<ProcessedUpdates> {
    return new ProcessedUpdates(await ShardedJsonStore.open<number>(dataDir, 'inbox', 8));
  }

  has(channel: string, id: string): boolean {
    return this.store.get(`${channel}:${id}`) !== undefined;
  }

  /** Records the update as answered; resolves when that is on disk. */
  async add(channel: string, id: string): Promise<void> {
    this.store.set(`${channel}:${id}`, Date.now());
    if (++this.writesSincePrune >= 1000) this.prune();
    await this.store.commit();
  }

  private prune(): void {
    this.writesSincePrune = 0;
    const cutoff = Date.now() - KEEP_MS;
    for (const [key, at] of [...this.store.entries()]) if (at < cutoff) this.store.delete(key);
  }
}
