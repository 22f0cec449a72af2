import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { ProcessedUpdates } from '../../src/channels/base/processedUpdates';
import { Recipients } from '../../src/channels/base/recipients';

let dir: string;
beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ponte-records-'))));
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("the channels' records", () => {
  it('remember the last updates of each chat across a restart, and forget a chat on erasure', async () => {
    const key = randomBytes(32);
    const inbox = await ProcessedUpdates.open(dir, key);
    await inbox.add('whatsapp', '393331234567', 'wamid.1');
    await inbox.close();
    const reopened = await ProcessedUpdates.open(dir, key);
    expect(reopened.has('whatsapp', '393331234567', 'wamid.1')).toBe(true);
    expect(reopened.has('whatsapp', '393339999999', 'wamid.1')).toBe(false);
    await reopened.forget('whatsapp', '393331234567');
    expect(reopened.has('whatsapp', '393331234567', 'wamid.1')).toBe(false);
  });

  it('are swept by the retention period', async () => {
    const key = randomBytes(32);
    const inbox = await ProcessedUpdates.open(dir, key);
    const recipients = await Recipients.open(dir, key);
    await inbox.add('telegram', '42', '1');
    await recipients.update('telegram', '42', { blocked: true });
    await new Promise((resolve) => setTimeout(resolve, 10));
    const cutoff = Date.now();
    await inbox.add('telegram', '43', '2');
    expect(await inbox.purgeOlderThan(cutoff)).toBe(1);
    expect(await recipients.purgeOlderThan(cutoff)).toBe(1);
    expect(inbox.has('telegram', '42', '1')).toBe(false);
    expect(inbox.has('telegram', '43', '2')).toBe(true);
    expect(recipients.get('telegram', '42')).toEqual({});
  });
});
