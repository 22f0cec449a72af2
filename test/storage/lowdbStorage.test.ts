import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LowdbStorage } from '../../src/storage/lowdbStorage';
import { PseudonymousStorage } from '../../src/storage/pseudonymousStorage';
import { DataDirLock } from '../../src/storage/dataDirLock';
import { loadOrCreateKey } from '../../src/storage/secretKey';
import { DataDirLockedError, StorageConflictError } from '../../src/core/errors';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ponte-storage-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const readAllFiles = (root: string): string =>
  fs
    .readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => fs.readFileSync(path.join(entry.parentPath, entry.name), 'utf8'))
    .join('\n');

describe('LowdbStorage', () => {
  it('keeps what was written across a restart', async () => {
    const first = await LowdbStorage.open(dir);
    await first.write({ 'telegram/users/42/': { profile: { lang: 'ar' } } });
    await first.close();
    const second = await LowdbStorage.open(dir);
    expect(await second.read(['telegram/users/42/'])).toEqual({ 'telegram/users/42/': expect.objectContaining({ profile: { lang: 'ar' } }) });
  });

  it('refuses a write based on a stale read (eTag)', async () => {
    const storage = await LowdbStorage.open(dir);
    await storage.write({ k: { n: 1 } });
    const { k } = await storage.read(['k']);
    await storage.write({ k: { ...k, n: 2 } });
    await expect(storage.write({ k: { ...k, n: 3 } })).rejects.toBeInstanceOf(StorageConflictError);
    expect((await storage.read(['k'])).k.n).toBe(2);
  });

  it('writes concurrent turns together, and each write is on disk when it resolves', async () => {
    const storage = await LowdbStorage.open(dir);
    await Promise.all(Array.from({ length: 50 }, (_, i) => storage.write({ [`user-${i}`]: { i } })));
    await storage.close();
    const reopened = await LowdbStorage.open(dir);
    expect(Object.keys(await reopened.read(Array.from({ length: 50 }, (_, i) => `user-${i}`)))).toHaveLength(50);
  });

  it('refuses to open a corrupted data file, naming it, and leaves it untouched', async () => {
    const storage = await LowdbStorage.open(dir);
    await storage.write({ k: { n: 1 } });
    await storage.close();
    const shard = fs.readdirSync(path.join(dir, 'state')).map((f) => path.join(dir, 'state', f)).find((f) => fs.readFileSync(f, 'utf8').includes('"k"'))!;
    fs.writeFileSync(shard, '{"k": {"value": ');
    await expect(LowdbStorage.open(dir)).rejects.toThrow(new RegExp(`${path.basename(shard)}.*cannot be read`));
    expect(fs.readFileSync(shard, 'utf8')).toBe('{"k": {"value": ');
  });

  it('erases records older than the retention period', async () => {
    const storage = await LowdbStorage.open(dir);
    await storage.write({ old: { a: 1 } });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const cutoff = Date.now();
    await storage.write({ fresh: { a: 2 } });
    expect(await storage.purgeOlderThan(cutoff)).toBe(1);
    expect(Object.keys(await storage.read(['old', 'fresh']))).toEqual(['fresh']);
  });
});

describe('PseudonymousStorage', () => {
  it('never puts a phone number on disk as a key', async () => {
    const storage = new PseudonymousStorage(await LowdbStorage.open(dir), loadOrCreateKey(dir));
    await storage.write({ 'whatsapp/users/393331234567/': { profile: { lang: 'bn' } } });
    expect(readAllFiles(dir)).not.toContain('393331234567');
    expect(await storage.read(['whatsapp/users/393331234567/'])).toEqual({ 'whatsapp/users/393331234567/': expect.objectContaining({ profile: { lang: 'bn' } }) });
    await storage.delete(['whatsapp/users/393331234567/']);
    expect(await storage.read(['whatsapp/users/393331234567/'])).toEqual({});
  });

  it('keeps the key of the pseudonyms across restarts, readable by its owner only', () => {
    const key = loadOrCreateKey(dir);
    expect(loadOrCreateKey(dir).equals(key)).toBe(true);
    expect(fs.statSync(path.join(dir, 'pseudonym.key')).mode & 0o077).toBe(0);
  });
});

describe('DataDirLock', () => {
  it('refuses a second owner of the data directory while the first runs', () => {
    fs.writeFileSync(path.join(dir, 'ponte.lock'), String(process.ppid));
    expect(() => DataDirLock.acquire(dir)).toThrow(DataDirLockedError);
  });

  it('takes over a lock left by a process that is gone', () => {
    fs.writeFileSync(path.join(dir, 'ponte.lock'), '999999');
    const lock = DataDirLock.acquire(dir);
    expect(fs.readFileSync(path.join(dir, 'ponte.lock'), 'utf8')).toBe(String(process.pid));
    lock.release();
    expect(fs.existsSync(path.join(dir, 'ponte.lock'))).toBe(false);
  });
});
