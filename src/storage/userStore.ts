import fs from 'node:fs';
import path from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { DataFileError } from '../core/errors';
import type { Operator } from '../core/handoff/escalation';

/** A console account: an operator, editor or admin, with their password's slow hash. */
export interface Account extends Operator {
  passwordHash: string;
  createdAt: number;
}

interface UsersFile {
  users: Account[];
}

/**
 * The console's accounts in `console-users.json` in the data directory. `npx ponte users add` may
 * write the file while the server runs, so the server reads it again whenever it changed on disk.
 */
export class UserStore {
  private readonly db: Low<UsersFile>;
  private seenMtime = -1;

  private constructor(private readonly file: string) {
    this.db = new Low<UsersFile>(new JSONFile(file), { users: [] });
  }

  static async open(dataDir: string): Promise<UserStore> {
    fs.mkdirSync(dataDir, { recursive: true });
    const store = new UserStore(path.join(dataDir, 'console-users.json'));
    await store.refresh();
    return store;
  }

  async all(): Promise<Account[]> {
    await this.refresh();
    return this.db.data.users;
  }

  /** The accounts as last read, without touching the disk (for the live queue's "who speaks Arabic"). */
  cached(): readonly Account[] {
    return this.db.data.users;
  }

  async get(name: string): Promise<Account | undefined> {
    return (await this.all()).find((user) => user.name === name);
  }

  async put(account: Account): Promise<void> {
    await this.refresh();
    this.db.data.users = [...this.db.data.users.filter((user) => user.name !== account.name), account].sort((a, b) => a.name.localeCompare(b.name));
    await this.write();
  }

  async remove(name: string): Promise<boolean> {
    await this.refresh();
    const before = this.db.data.users.length;
    this.db.data.users = this.db.data.users.filter((user) => user.name !== name);
    if (this.db.data.users.length === before) return false;
    await this.write();
    return true;
  }

  private async write(): Promise<void> {
    await this.db.write();
    fs.chmodSync(this.file, 0o600);
    this.seenMtime = this.mtime();
  }

  private mtime(): number {
    try {
      return fs.statSync(this.file).mtimeMs;
    } catch {
      return 0;
    }
  }

  private async refresh(): Promise<void> {
    const mtime = this.mtime();
    if (mtime === this.seenMtime) return;
    try {
      await this.db.read();
    } catch (error) {
      throw new DataFileError(this.file, (error as Error).message);
    }
    if (!Array.isArray(this.db.data?.users)) throw new DataFileError(this.file, 'expected { "users": [...] }');
    this.seenMtime = mtime;
  }
}
