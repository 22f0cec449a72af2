import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { ProcessedUpdates } from '../../src/channels/base/processedUpdates';
import { QuestionInboxStore } from '../../src/storage/questionInbox';
import { ShardedJsonStore } from '../../src/storage/shardedJsonStore';
import { STORES } from '../../src/storage/storeLayouts';
import { repairSharedInbox } from '../../src/storage/repairSharedInbox';
import { loadOrCreateKey } from '../../src/storage/secretKey';
import { pseudonymize } from '../../src/core/privacy/pseudonym';
import { DataFileError, StoreAlreadyOpenError } from '../../src/core/errors';
import { startFakeTelegram, type FakeTelegram } from '../support/fakeTelegram';
import { startPonte, TELEGRAM_SECRET, TELEGRAM_TOKEN, type RunningPonte } from '../support/ponteServer';
import { TelegramChats } from '../support/telegramChat';
import * as tg from '../support/telegramUpdates';

let dir: string;
beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ponte-inbox-'))));
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("the data directory's stores", () => {
  it('each have a folder of their own', () => {
    const folders = Object.values(STORES).map((layout) => layout.folder);
    expect(new Set(folders).size).toBe(folders.length);
  });

  it('refuse to open a folder that is already open in the process, until it is closed', async () => {
    const first = await ShardedJsonStore.open(dir, STORES.buttons);
    await expect(ShardedJsonStore.open(dir, STORES.buttons)).rejects.toBeInstanceOf(StoreAlreadyOpenError);
    await first.close();
    await (await ShardedJsonStore.open(dir, STORES.buttons)).close();
  });

  it('refuse a folder holding shard files another layout wrote, and leave it untouched', async () => {
    const folder = path.join(dir, STORES.figures.folder);
    fs.mkdirSync(folder);
    fs.writeFileSync(path.join(folder, 'shard-05.json'), '{"k": 1}');
    await expect(ShardedJsonStore.open(dir, STORES.figures)).rejects.toBeInstanceOf(DataFileError);
    expect(fs.readFileSync(path.join(folder, 'shard-05.json'), 'utf8')).toBe('{"k": 1}');
  });
});

/** A data directory as 0.1.0 left it: processed updates in 64 shards, questions in the first 4, mixed. */
function legacyInbox(key: Buffer, chats: number, questions: number) {
  const folder = path.join(dir, 'inbox');
  fs.mkdirSync(folder, { recursive: true });
  const shards: Record<string, unknown>[] = Array.from({ length: 64 }, () => ({}));
  for (let chat = 0; chat < chats; chat++) {
    shards[chat % 64][pseudonymize(key, 'telegram', String(chat), 'i_')] = { ids: [`u${chat}`], at: Date.now() };
  }
  for (let q = 0; q < questions; q++) {
    const id = `question-${q}`;
    shards[q % 4][id] = { id, text: `domanda numero ${q}`, lang: 'it', at: Date.now(), times: [Date.now()], kind: 'fallback', topics: [], status: 'open' };
  }
  shards.forEach((records, i) => fs.writeFileSync(path.join(folder, `shard-${String(i).padStart(2, '0')}.json`), JSON.stringify(records)));
  return folder;
}

describe('repairing a data directory where two stores shared inbox/', () => {
  it('moves every processed update and every question to its own store and removes the shared folder', async () => {
    const key = loadOrCreateKey(dir);
    const folder = legacyInbox(key, 100, 30);
    expect(await repairSharedInbox(dir)).toEqual({ processedUpdates: 100, questions: 30 });
    expect(fs.existsSync(folder)).toBe(false);

    const processed = await ProcessedUpdates.open(dir, key);
    const inbox = await QuestionInboxStore.open(dir);
    for (let chat = 0; chat < 100; chat++) expect(processed.has('telegram', String(chat), `u${chat}`)).toBe(true);
    expect(inbox.all().map((q) => q.text).sort()).toEqual(Array.from({ length: 30 }, (_, q) => `domanda numero ${q}`).sort());
    await Promise.all([processed.close(), inbox.close()]);
    expect(await repairSharedInbox(dir)).toBeUndefined();
  });

  it('merges instead of duplicating when it runs again after a crash half-way', async () => {
    const key = randomBytes(32);
    const processed = await ProcessedUpdates.open(dir, key);
    await processed.add('telegram', '7', 'newer');
    await processed.close();
    legacyInbox(key, 10, 2);
    await repairSharedInbox(dir);
    const reopened = await ProcessedUpdates.open(dir, key);
    expect(reopened.has('telegram', '7', 'u7')).toBe(true);
    expect(reopened.has('telegram', '7', 'newer')).toBe(true);
    await reopened.close();
  });

  it('refuses a record of neither shape, changing nothing', async () => {
    const folder = legacyInbox(randomBytes(32), 3, 3);
    fs.writeFileSync(path.join(folder, 'shard-09.json'), '{"odd": {"something": "else"}}');
    await expect(repairSharedInbox(dir)).rejects.toThrow(/shard-09\.json.*"odd"/s);
    expect(fs.readdirSync(folder)).toHaveLength(64);
    expect(fs.existsSync(path.join(dir, STORES.processedUpdates.folder))).toBe(false);
  });
});

describe('a server restarted on its data directory', () => {
  let fake: FakeTelegram;
  let ponte: RunningPonte;
  const env = () => ({ TELEGRAM_BOT_TOKEN: TELEGRAM_TOKEN, TELEGRAM_WEBHOOK_SECRET: TELEGRAM_SECRET, TELEGRAM_API_BASE_URL: fake.url });
  const chats = new TelegramChats(() => fake, () => ponte.base);

  beforeAll(async () => (fake = await startFakeTelegram(TELEGRAM_TOKEN)));
  afterAll(() => fake.close());

  it('does not answer redelivered updates again and keeps every unanswered question for the editors', async () => {
    ponte = await startPonte(env(), dir);
    // Forty different words no knowledge has: each is an unanswered question of its own for the editors.
    const nonsense = (i: number) => `xqzv plugh ${'bcdfghjklmnpqrstvwz'[i % 19]}${'aeiou'[i % 5]}${'bcdfghjklmnpqrstvwz'[Math.floor(i / 19)]}rk`;
    const updates = Array.from({ length: 40 }, (_, i) => tg.textUpdate(chats.updateId(), chats.chatId(), nonsense(i)));
    for (const update of updates) expect((await chats.post(update)).status).toBe(200);
    const before = fake.calls.length;
    await ponte.stop({ keepData: true });

    ponte = await startPonte(env(), dir);
    for (const update of updates) expect((await chats.post(update)).status).toBe(200);
    expect(fake.calls.length).toBe(before);
    // A second question nobody can answer is answered honestly, not with "something went wrong".
    const chatId = updates[0].message!.chat.id;
    await chats.post(tg.textUpdate(chats.updateId(), chatId, 'che tempo fa domani a Milano'));
    expect(fake.sent(chatId).at(-1)?.text).not.toMatch(/qualcosa non ha funzionato/i);
    await ponte.stop({ keepData: true });

    const inbox = await QuestionInboxStore.open(dir);
    expect(inbox.all().filter((q) => q.text.startsWith('xqzv plugh'))).toHaveLength(40);
    await inbox.close();
  });
});
