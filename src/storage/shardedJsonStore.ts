import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { DataFileError, StoreAlreadyOpenError } from '../core/errors';
import type { StoreLayout } from './storeLayouts';

type Shard<T> = Low<Record<string, T>>;

/**
 * A key-value store in lowdb JSON files, split into shards by key hash so that a write rewrites one
 * small file, not every user's state. Writes are group-committed: every change made while a write is
 * being prepared goes out in the same write, and `commit()` resolves when the change is on disk, so a
 * caller can acknowledge only what is saved.
 */
export class ShardedJsonStore<T> {
  /**
   * Folders open in this process. Two stores on one folder each keep their own copy of the shards in
   * memory and the last to write wins: the other's records are gone (it happened: see storeLayouts.ts).
   */
  private static readonly openFolders = new Set<string>();

  private readonly dirty = new Set<number>();
  private pending?: Promise<void>;
  private writing: Promise<void> = Promise.resolve();
  private soon?: NodeJS.Timeout;

  private constructor(
    private readonly folder: string,
    private readonly shards: Shard<T>[],
    private readonly batchWindowMs: number,
  ) {}

  /**
   * @param layout the store's folder and shard count (from `STORES`): more shards make each write
   *   smaller (a turn rewrites the shards its keys fall in)
   * @param batchWindowMs how long a write waits for more changes to join it: a few milliseconds turn
   *   hundreds of concurrent turns into one write each, at that cost in latency.
   */
  static async open<T>(dir: string, layout: StoreLayout, batchWindowMs = 0): Promise<ShardedJsonStore<T>> {
    const folder = path.resolve(dir, layout.folder);
    if (ShardedJsonStore.openFolders.has(folder)) throw new StoreAlreadyOpenError(folder);
    ShardedJsonStore.openFolders.add(folder);
    try {
      return new ShardedJsonStore<T>(folder, await readShards<T>(folder, layout.shards), batchWindowMs);
    } catch (error) {
      ShardedJsonStore.openFolders.delete(folder);
      throw error;
    }
  }

  /** Writes what is pending and lets the folder be opened again (by a restart within the process). */
  async close(): Promise<void> {
    await this.commit();
    ShardedJsonStore.openFolders.delete(this.folder);
  }

  get(key: string): T | undefined {
    return this.shardOf(key).db.data[key];
  }

  set(key: string, value: T): void {
    const { db, index } = this.shardOf(key);
    db.data[key] = value;
    this.dirty.add(index);
  }

  delete(key: string): void {
    const { db, index } = this.shardOf(key);
    if (key in db.data) {
      delete db.data[key];
      this.dirty.add(index);
    }
  }

  *entries(): IterableIterator<[string, T]> {
    for (const shard of this.shards) yield* Object.entries(shard.data);
  }

  /** Deletes every record the predicate picks (retention sweeps) and writes; returns how many went. */
  async deleteWhere(expired: (value: T) => boolean): Promise<number> {
    const keys = [...this.entries()].filter(([, value]) => expired(value)).map(([key]) => key);
    for (const key of keys) this.delete(key);
    await this.commit();
    return keys.length;
  }

  /**
   * Writes the changes within `delayMs`, for records nobody waits on (counters, remembered turns):
   * the busy path gains no disk write, and a crash loses at most that much.
   */
  commitSoon(delayMs: number): void {
    if (this.soon) return;
    this.soon = setTimeout(() => {
      this.soon = undefined;
      void this.commit().catch(() => undefined);
    }, delayMs);
    this.soon.unref();
  }

  /** Resolves when every change made so far is written. */
  commit(): Promise<void> {
    clearTimeout(this.soon);
    this.soon = undefined;
    if (this.dirty.size === 0 && !this.pending) return this.writing;
    this.pending ??= this.writeBatch();
    return this.pending;
  }

  private async writeBatch(): Promise<void> {
    await this.writing.catch(() => undefined);
    // Let the turns running now (and those arriving within the window) join this batch.
    await new Promise((resolve) => (this.batchWindowMs > 0 ? setTimeout(resolve, this.batchWindowMs) : setImmediate(resolve)));
    this.pending = undefined;
    const batch = [...this.dirty].map((i) => this.shards[i]);
    this.dirty.clear();
    this.writing = Promise.all(batch.map((db) => db.write())).then(() => undefined);
    return this.writing;
  }

  private shardOf(key: string): { db: Shard<T>; index: number } {
    const index = createHash('sha1').update(key).digest().readUInt32BE(0) % this.shards.length;
    return { db: this.shards[index], index };
  }
}

async function readShards<T>(folder: string, shardCount: number): Promise<Shard<T>[]> {
  fs.mkdirSync(folder, { recursive: true });
  // A shard this store would never read means another store (or another shard count) wrote here.
  const stray = fs.readdirSync(folder).find((file) => Number(/^shard-(\d+)\.json$/.exec(file)?.[1] ?? -1) >= shardCount);
  if (stray) throw new DataFileError(path.join(folder, stray), `this store reads ${shardCount} shards; the file belongs to something else`);
  const shards: Shard<T>[] = [];
  for (let i = 0; i < shardCount; i++) {
    const file = path.join(folder, `shard-${String(i).padStart(2, '0')}.json`);
    const db = new Low<Record<string, T>>(new JSONFile(file), {});
    try {
      await db.read();
    } catch (error) {
      // Never start over an unreadable file: that would overwrite what it holds at the first write.
      throw new DataFileError(file, (error as Error).message);
    }
    if (typeof db.data !== 'object' || db.data === null || Array.isArray(db.data)) throw new DataFileError(file, 'not a JSON object');
    shards.push(db);
  }
  return shards;
}
