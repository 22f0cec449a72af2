import fs from 'node:fs';
import path from 'node:path';
import { DataDirLockedError } from '../core/errors';

const LOCK_FILE = 'ponte.lock';

/**
 * Makes the data directory belong to one process at a time: lowdb is single-writer, and two servers
 * writing the same files lose updates or corrupt them (see docs/architecture.md). A lock left by a
 * process that no longer runs is taken over.
 */
export class DataDirLock {
  private constructor(private readonly file: string) {}

  static acquire(dataDir: string): DataDirLock {
    fs.mkdirSync(dataDir, { recursive: true });
    const file = path.join(dataDir, LOCK_FILE);
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
        return new DataDirLock(file);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const owner = Number(fs.readFileSync(file, 'utf8').trim());
        if (owner && owner !== process.pid && isRunning(owner)) throw new DataDirLockedError(dataDir, owner);
        fs.rmSync(file, { force: true }); // stale: its process is gone
      }
    }
    throw new DataDirLockedError(dataDir, -1);
  }

  release(): void {
    try {
      if (fs.readFileSync(this.file, 'utf8').trim() === String(process.pid)) fs.rmSync(this.file);
    } catch {
      // already gone
    }
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
