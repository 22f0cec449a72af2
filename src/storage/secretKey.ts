import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

/**
 * The key of the pseudonymous ids, created on first start and kept beside the data it protects
 * (readable by the server's user only). Losing it only means returning users start afresh.
 */
export function loadOrCreateKey(dataDir: string, name = 'pseudonym.key'): Buffer {
  const file = path.join(dataDir, name);
  try {
    return Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'hex');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const key = randomBytes(32);
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(file, key.toString('hex'), { mode: 0o600, flag: 'wx' });
  return key;
}
