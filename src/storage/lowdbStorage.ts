import type { Storage, StoreItems } from 'botbuilder';
import { StorageConflictError } from '../core/errors';
import { ShardedJsonStore } from './shardedJsonStore';
import { STORES } from './storeLayouts';

interface StoredRecord {
  value: Record<string, unknown>;
  updatedAt: number;
}

/**
 * botbuilder `Storage` (conversation and user state) on lowdb files. Honours eTags like the Bot
 * Framework's own stores, and remembers when each record was last written, so data can be erased
 * after the retention period.
 */
export class LowdbStorage implements Storage {
  private nextTag = Date.now();

  private constructor(private readonly store: ShardedJsonStore<StoredRecord>) {}

  /** 16 shards, written at most every 2 ms (see docs/performance.md). */
  static async open(dataDir: string): Promise<LowdbStorage> {
    return new LowdbStorage(await ShardedJsonStore.open<StoredRecord>(dataDir, STORES.state, 2));
  }

  /** Writes what is pending and releases the store's folder. */
  async close(): Promise<void> {
    await this.store.close();
  }

  async read(keys: string[]): Promise<StoreItems> {
    const items: StoreItems = {};
    for (const key of keys) {
      const record = this.store.get(key);
      if (record) items[key] = structuredClone(record.value);
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    for (const [key, change] of Object.entries(changes)) {
      const current = this.store.get(key);
      const expected = (change as { eTag?: string }).eTag;
      if (current && expected && expected !== '*' && current.value.eTag !== expected) throw new StorageConflictError(key);
      const value = { ...structuredClone(change as Record<string, unknown>), eTag: String(++this.nextTag) };
      this.store.set(key, { value, updatedAt: Date.now() });
    }
    await this.store.commit();
  }

  async delete(keys: string[]): Promise<void> {
    for (const key of keys) this.store.delete(key);
    await this.store.commit();
  }

  /** Erases every record not written since `cutoff` (retention); returns how many went. */
  async purgeOlderThan(cutoff: number): Promise<number> {
    return this.store.deleteWhere((record) => record.updatedAt < cutoff);
  }
}
