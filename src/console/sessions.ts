import { createHash, randomBytes } from 'node:crypto';
import { ShardedJsonStore } from '../storage/shardedJsonStore';
import { STORES } from '../storage/storeLayouts';

interface SessionRecord {
  user: string;
  csrf: string;
  createdAt: number;
  lastSeen: number;
}

export interface Session {
  user: string;
  csrf: string;
}

/** A session idle this long ends: a tablet left at the counter overnight is signed out. */
export const SESSION_IDLE_MS = 12 * 60 * 60 * 1000;
/** Writing "last seen" on every request would be a disk write per click; once a minute is enough. */
const TOUCH_EVERY_MS = 60_000;

/**
 * Console sign-ins. The cookie holds a random token; the data directory only its SHA-256, so a copy of
 * the data cannot be used to sign in. Sessions survive a restart of the server.
 */
export class Sessions {
  private constructor(private readonly store: ShardedJsonStore<SessionRecord>) {}

  static async open(dataDir: string): Promise<Sessions> {
    return new Sessions(await ShardedJsonStore.open<SessionRecord>(dataDir, STORES.consoleSessions));
  }

  /** Writes what is pending and releases the store's folder. */
  async close(): Promise<void> {
    await this.store.close();
  }

  async create(user: string, now = Date.now()): Promise<{ token: string; csrf: string }> {
    const token = randomBytes(32).toString('base64url');
    const csrf = randomBytes(24).toString('base64url');
    this.store.set(hash(token), { user, csrf, createdAt: now, lastSeen: now });
    await this.store.commit();
    return { token, csrf };
  }

  async get(token: string | undefined, now = Date.now()): Promise<Session | undefined> {
    if (!token) return undefined;
    const key = hash(token);
    const record = this.store.get(key);
    if (!record) return undefined;
    if (now - record.lastSeen > SESSION_IDLE_MS) {
      this.store.delete(key);
      await this.store.commit();
      return undefined;
    }
    if (now - record.lastSeen > TOUCH_EVERY_MS) {
      this.store.set(key, { ...record, lastSeen: now });
      await this.store.commit();
    }
    return { user: record.user, csrf: record.csrf };
  }

  async destroy(token: string | undefined): Promise<void> {
    if (!token) return;
    this.store.delete(hash(token));
    await this.store.commit();
  }

  /** Signs a removed (or re-passworded) account out everywhere. */
  async destroyUser(user: string): Promise<void> {
    await this.store.deleteWhere((record) => record.user === user);
  }

  async purgeIdle(now = Date.now()): Promise<number> {
    return this.store.deleteWhere((record) => now - record.lastSeen > SESSION_IDLE_MS);
  }
}

function hash(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}
