import { startFakeTelegram, type FakeTelegram } from '../support/fakeTelegram';
import { dataDirWithAccounts, startPonte, TELEGRAM_SECRET, TELEGRAM_TOKEN, type RunningPonte } from '../support/ponteServer';
import { ConsoleClient } from '../support/consoleClient';
import { TelegramChats } from '../support/telegramChat';

const ACCOUNTS = [
  { name: 'elena', password: 'elena-password-1', role: 'editor' as const },
  { name: 'paolo', password: 'paolo-password-1', role: 'editor' as const },
  { name: 'giulia', password: 'giulia-password-1', role: 'operator' as const, desks: ['BG'], languages: ['it'] },
];
const OTHER_LANGUAGES = ['en', 'fr', 'es', 'ar', 'uk', 'zh', 'sq', 'ur', 'bn'];

let telegram: FakeTelegram;
let ponte: RunningPonte;
let elena: ConsoleClient;
let paolo: ConsoleClient;
let giulia: ConsoleClient;
const chats = new TelegramChats(() => telegram, () => ponte.base);

beforeAll(async () => {
  telegram = await startFakeTelegram(TELEGRAM_TOKEN);
  ponte = await startPonte({ TELEGRAM_BOT_TOKEN: TELEGRAM_TOKEN, TELEGRAM_WEBHOOK_SECRET: TELEGRAM_SECRET, TELEGRAM_API_BASE_URL: telegram.url }, await dataDirWithAccounts(ACCOUNTS));
  [elena, paolo, giulia] = await Promise.all(ACCOUNTS.map((a) => ConsoleClient.signIn(ponte.base, a.name, a.password)));
});
afterAll(async () => {
  await ponte.stop();
  await telegram.close();
});

async function topic(id: string) {
  return elena.json(`/console/api/kb/topics/${id}`);
}

async function save(client: ConsoleClient, id: string, change: (entry: any) => void, extra: Record<string, unknown> = {}) {
  const { entry, version } = await topic(id);
  change(entry);
  return client.post(`/console/api/kb/topics/${id}`, { entry, reason: 'test change', baseVersion: version, ...extra });
}

const askRenewalCost = async () => {
  const user = chats.person('it');
  await user.says('quanto costa rinnovare il permesso di soggiorno');
  return String(user.last().text);
};

describe('the editors\' workspace API', () => {
  it('keeps operators out of the workspace', async () => {
    expect((await giulia.get('/console/api/kb/topics')).status).toBe(403);
    expect((await giulia.post('/console/api/kb/topics/permit.renewal', { entry: {}, reason: 'x', baseVersion: 0 })).status).toBe(403);
    expect((await giulia.get('/console/api/inbox')).status).toBe(403);
  });

  it('publishes a fee change only after a second editor approves, live on the next message, and flags the translations', async () => {
    expect(await askRenewalCost()).toContain('marca da bollo 16 €');
    const res = await save(elena, 'permit.renewal', (e) => (e.text.it.answer = e.text.it.answer.replace('marca da bollo 16 €', 'marca da bollo 17 €')));
    expect(res.status).toBe(200);
    const saved = (await res.json()) as any;
    expect(saved).toMatchObject({ status: 'pending', needsApproval: ['fee-or-deadline'] });
    expect(saved.needsReview.sort()).toEqual([...OTHER_LANGUAGES].sort());
    const listed = (await elena.json('/console/api/kb/topics')).topics.find((t: any) => t.id === 'permit.renewal');
    expect(listed.pending).toBe(true);
    for (const lang of OTHER_LANGUAGES) expect(listed.languages[lang]).toContain('needs-review');
    expect(listed.languages.it).not.toContain('needs-review');
    expect(await askRenewalCost()).toContain('16 €'); // not yet: it waits for a second editor

    expect((await elena.post('/console/api/kb/topics/permit.renewal/approve', { version: saved.version })).status).toBe(403);
    const approved = await paolo.post('/console/api/kb/topics/permit.renewal/approve', { version: saved.version });
    expect(approved.status).toBe(200);
    expect(((await approved.json()) as any).publishMs).toBeGreaterThanOrEqual(0);
    expect(await askRenewalCost()).toContain('marca da bollo 17 €'); // no restart

    const confirmed = await elena.post('/console/api/kb/topics/permit.renewal/confirm-review', { lang: 'en' });
    expect(((await confirmed.json()) as any).needsReview).not.toContain('en');
    const { history } = await topic('permit.renewal');
    expect(history[0]).toMatchObject({ author: 'elena', approvedBy: 'paolo', status: 'published', changes: ['text.it.answer'] });
  });

  it('refuses an invalid edit, naming the field, and publishes nothing', async () => {
    const before = await askRenewalCost();
    const empty = await save(elena, 'permit.renewal', (e) => (e.text.it.answer = '  '));
    expect(empty.status).toBe(400);
    expect(((await empty.json()) as any).problems).toContainEqual(expect.objectContaining({ field: 'text.it.answer' }));
    const http = await save(elena, 'permit.renewal', (e) => (e.sources[0] = 'http://www.poste.it/rinnovo'));
    expect(http.status).toBe(400);
    expect(((await http.json()) as any).problems).toContainEqual(expect.objectContaining({ field: 'sources.0', message: expect.stringMatching(/https/) }));
    expect(await askRenewalCost()).toBe(before);
  });

  it('refuses a save made on an older version', async () => {
    const { entry } = await topic('tax.isee');
    const res = await elena.post('/console/api/kb/topics/tax.isee', { entry, reason: 'stale', baseVersion: 7 });
    expect(res.status).toBe(409);
    expect(((await res.json()) as any).error).toBe('conflict');
  });

  it('warns, naming the message, when a change would move an evaluation message to another topic', async () => {
    const message = 'permesso mi scade a maggio come si fa il rinnovo'; // test/eval/faq.it.jsonl, expected permit.renewal
    const res = await save(elena, 'tax.codice-fiscale', (e) => e.text.it.questions.push(message));
    expect(res.status).toBe(409);
    const body = (await res.json()) as any;
    expect(body.error).toBe('evaluation-warnings');
    expect(body.warnings).toContainEqual(expect.objectContaining({ text: message, expect: 'permit.renewal', before: 'permit.renewal', after: 'tax.codice-fiscale' }));
    expect((await topic('tax.codice-fiscale')).version).toBe(0); // nothing saved
  });

  it('shows what a question would hit, with the draft and without', async () => {
    const { entry } = await topic('housing.public');
    entry.text.it.questions.push('sfratto per morosità cosa faccio');
    const tried = (await (await elena.post('/console/api/kb/try', { text: 'sfratto per morosità cosa faccio', lang: 'it', entry })).json()) as any;
    expect(tried.published.decision).toBe('fallback');
    expect(tried.draft).toMatchObject({ decision: 'answer', topic: 'housing.public' });
    expect(tried.draft.candidates[0].topic).toBe('housing.public');
  });

  it('previews an answer as Telegram and WhatsApp would show it, right to left for Arabic', async () => {
    const { entry } = await topic('permit.renewal');
    const preview = (await (await elena.post('/console/api/kb/preview', { entry, lang: 'ar' })).json()) as any;
    expect(preview.rtl).toBe(true);
    expect(preview.telegram[0].html).toContain(entry.text.ar.answer.split('\n')[0].slice(0, 20).replace(/&/g, '&amp;'));
    expect(preview.telegram.at(-1).buttons.flat().length).toBeGreaterThan(0);
    expect(preview.whatsapp.length).toBeGreaterThan(0);
  });

  it('collects questions Ponte could not answer, grouped; adding them as variants makes them answered', async () => {
    const a = chats.person('it');
    await a.says('sfratto per morosità cosa faccio');
    const b = chats.person('it');
    await b.says('sfratto morosità aiuto');
    const { groups } = await elena.json('/console/api/inbox?lang=it');
    const group = groups.find((g: any) => g.questions.some((q: any) => q.text === 'sfratto per morosità cosa faccio'));
    expect(group.questions.map((q: any) => q.text).sort()).toEqual(['sfratto morosità aiuto', 'sfratto per morosità cosa faccio']);
    expect(group.kinds.fallback).toBe(2);
    expect(JSON.stringify(groups)).not.toContain(String(a.chatId));

    const added = await elena.post('/console/api/inbox/add-variants', { questionIds: group.questions.map((q: any) => q.id), topicId: 'housing.public' });
    expect(added.status).toBe(200);
    expect(((await added.json()) as any).status).toBe('published');
    const c = chats.person('it');
    await c.says('sfratto per morosità cosa faccio');
    expect(c.last().text).toContain((await topic('housing.public')).entry.text.it.answer.split('\n')[0].slice(0, 30));
    const after = (await elena.json('/console/api/inbox?lang=it')).groups;
    expect(JSON.stringify(after)).not.toContain('sfratto morosità aiuto');
  });

  it('dismissed questions stay out of the inbox when asked again', async () => {
    const user = chats.person('it');
    await user.says('come si adotta un cane in italia');
    let { groups } = await elena.json('/console/api/inbox?lang=it');
    const dog = groups.find((g: any) => g.questions.some((q: any) => q.text === 'come si adotta un cane in italia'));
    expect((await elena.post('/console/api/inbox/dismiss', { questionIds: dog.questions.map((q: any) => q.id) })).status).toBe(204);
    await chats.person('it').says('come si adotta un cane in italia?');
    ({ groups } = await elena.json('/console/api/inbox?lang=it'));
    expect(JSON.stringify(groups)).not.toContain('adotta un cane');
  });

  it('counts questions per language and topic, and the share of fallbacks per day', async () => {
    const figures = await elena.json('/console/api/kb/figures?days=7');
    const italian = figures.perLanguage.find((r: any) => r.key === 'it');
    expect(italian.asked).toBeGreaterThanOrEqual(italian.answered + italian.fellBack);
    expect(italian.fellBack).toBeGreaterThanOrEqual(3);
    expect(figures.perTopic.find((r: any) => r.key === 'permit.renewal').answered).toBeGreaterThanOrEqual(4);
    expect(figures.perDay.at(-1).share).toBeGreaterThan(0);
  });

  it('restores an earlier version through the same approval', async () => {
    const restored = (await (await elena.post('/console/api/kb/topics/permit.renewal/restore', { version: 0 })).json()) as any;
    expect(restored.status).toBe('pending');
    expect((await paolo.post('/console/api/kb/topics/permit.renewal/approve', { version: restored.version })).status).toBe(200);
    expect(await askRenewalCost()).toContain('marca da bollo 16 €');
    const diff = await elena.json(`/console/api/kb/topics/permit.renewal/diff?from=1&to=${restored.version}`);
    expect(diff.changes).toContainEqual(expect.objectContaining({ field: 'text.it.answer', before: expect.stringContaining('17 €'), after: expect.stringContaining('16 €') }));
  });
});
