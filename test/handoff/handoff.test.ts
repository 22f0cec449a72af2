import fs from 'node:fs';
import path from 'node:path';
import { startFakeTelegram, type FakeTelegram } from '../support/fakeTelegram';
import { startFakeWhatsApp, type FakeWhatsApp } from '../support/fakeWhatsApp';
import { dataDirWithAccounts, startPonte, TELEGRAM_SECRET, TELEGRAM_TOKEN, WHATSAPP, type RunningPonte } from '../support/ponteServer';
import { ConsoleClient, eventually, signInRequest } from '../support/consoleClient';
import { TelegramChats } from '../support/telegramChat';
import { WhatsAppChats } from '../support/whatsappChat';

const ACCOUNTS = [
  { name: 'giulia', password: 'giulia-password-1', role: 'operator' as const, desks: ['BG'], languages: ['it', 'ar'] },
  { name: 'marco', password: 'marco-password-1', role: 'operator' as const, desks: ['MI'], languages: ['it', 'en'] },
  { name: 'lockme', password: 'lockme-password-1', role: 'operator' as const, desks: ['MI'], languages: ['it'] },
  { name: 'admin', password: 'admin-password-1', role: 'admin' as const },
];

let telegram: FakeTelegram;
let whatsapp: FakeWhatsApp;
let ponte: RunningPonte;
let dataDir: string;
let giulia: ConsoleClient;
let marco: ConsoleClient;

const env = () => ({
  TELEGRAM_BOT_TOKEN: TELEGRAM_TOKEN,
  TELEGRAM_WEBHOOK_SECRET: TELEGRAM_SECRET,
  TELEGRAM_API_BASE_URL: telegram.url,
  WHATSAPP_ACCESS_TOKEN: WHATSAPP.accessToken,
  WHATSAPP_APP_SECRET: WHATSAPP.appSecret,
  WHATSAPP_VERIFY_TOKEN: WHATSAPP.verifyToken,
  WHATSAPP_PHONE_NUMBER_ID: WHATSAPP.phoneNumberId,
  WHATSAPP_API_BASE_URL: whatsapp.url,
  WHATSAPP_API_VERSION: WHATSAPP.version,
  WHATSAPP_HANDOFF_TEMPLATE: 'ponte_mediator_replied',
});

beforeAll(async () => {
  telegram = await startFakeTelegram(TELEGRAM_TOKEN);
  whatsapp = await startFakeWhatsApp({ accessToken: WHATSAPP.accessToken, phoneNumberId: WHATSAPP.phoneNumberId, version: WHATSAPP.version });
  dataDir = await dataDirWithAccounts(ACCOUNTS);
  ponte = await startPonte(env(), dataDir);
  giulia = await ConsoleClient.signIn(ponte.base, 'giulia', 'giulia-password-1');
  marco = await ConsoleClient.signIn(ponte.base, 'marco', 'marco-password-1');
});
afterAll(async () => {
  await ponte.stop();
  await telegram.close();
  await whatsapp.close();
});

const tg = new TelegramChats(() => telegram, () => ponte.base);
const wa = new WhatsAppChats(() => whatsapp, () => ponte.base, 393470000000);

async function openEscalations(client: ConsoleClient): Promise<any[]> {
  return (await client.json('/console/api/escalations')).escalations;
}

/** The open escalation whose transcript has `text` (the queue shows only the newest messages). */
async function withMessage(client: ConsoleClient, text: string): Promise<any> {
  for (const { id } of await openEscalations(client)) {
    const { escalation } = await client.json(`/console/api/escalations/${id}`);
    if (escalation.messages.some((m: any) => m.text === text)) return escalation;
  }
  throw new Error(`no open escalation with "${text}"`);
}

/** An Arabic speaker in Bergamo asks for a mediator on Telegram; returns them and their escalation id. */
async function arabicSpeakerInBergamo() {
  const user = tg.person('ar');
  const before = new Set((await openEscalations(giulia)).map((e) => e.id));
  await user.says('أريد التحدث مع وسيط');
  expect(user.last().text).toMatch(/Comune/); // which municipality? (the desk depends on the province)
  await user.says('Bergamo');
  const escalation = (await openEscalations(giulia)).find((e) => !before.has(e.id));
  expect(escalation).toBeDefined();
  return { user, id: escalation.id as string };
}

describe('hand-off to a mediator, over the real channels and the console API', () => {
  it('puts an Arabic request from Bergamo in the Bergamo desk queue, tells the person when and how to cancel, relays what they write', async () => {
    const { user, id } = await arabicSpeakerInBergamo();
    expect(user.last().text).toContain('Sportello Stranieri di Bergamo');
    expect(user.last().text).toContain('إلغاء'); // "type cancel", in Arabic
    const { escalation } = await giulia.json(`/console/api/escalations/${id}`);
    expect(escalation).toMatchObject({ lang: 'ar', status: 'waiting', deskId: 'bg.immigration-desk', province: 'BG', municipality: 'Bergamo', channel: 'telegram', reason: 'asked' });
    expect(escalation.speakers).toContain('giulia');
    expect(escalation.user).not.toContain(String(user.chatId));
    expect(escalation.messages.map((m: any) => m.text)).toContain('أريد التحدث مع وسيط');

    const sentBefore = user.received();
    await user.says('مرحبا، عندي سؤال عن الإقامة');
    await user.says('هل أنتم هناك؟');
    // The assistant does not answer: at most the one "the desk is closed, your message is saved" note.
    const notes = telegram.sent(user.chatId).slice(sentBefore);
    expect(notes.length).toBeLessThanOrEqual(1);
    for (const note of notes) expect(note.text).not.toMatch(/https:\/\//);
    const relayed = (await giulia.json(`/console/api/escalations/${id}`)).escalation.messages.filter((m: any) => m.from === 'user').map((m: any) => m.text);
    expect(relayed).toEqual(expect.arrayContaining(['مرحبا، عندي سؤال عن الإقامة', 'هل أنتم هناك؟']));
  });

  it('shows an escalation only to its desk: another desk cannot list, open or act on it', async () => {
    const { id } = await arabicSpeakerInBergamo();
    expect((await openEscalations(marco)).map((e) => e.id)).not.toContain(id);
    expect((await marco.get(`/console/api/escalations/${id}`)).status).toBe(404);
    expect((await marco.post(`/console/api/escalations/${id}/claim`)).status).toBe(404);
    expect((await marco.post(`/console/api/escalations/${id}/reply`, { text: 'hello' })).status).toBe(404);
    expect((await giulia.json(`/console/api/escalations/${id}`)).escalation.status).toBe('waiting');
  });

  it('refuses state changes without the session\'s CSRF token', async () => {
    const { user, id } = await arabicSpeakerInBergamo();
    const sent = user.received();
    expect((await giulia.post(`/console/api/escalations/${id}/reply`, { text: 'forged' }, { csrf: null })).status).toBe(403);
    expect((await giulia.post(`/console/api/escalations/${id}/reply`, { text: 'forged' }, { csrf: marco.csrf })).status).toBe(403);
    expect((await giulia.post(`/console/api/escalations/${id}/resolve`, undefined, { csrf: 'x' })).status).toBe(403);
    expect(user.received()).toBe(sent);
    expect((await giulia.json(`/console/api/escalations/${id}`)).escalation.status).toBe('waiting');
  });

  it('carries the operator\'s words and a vetted knowledge answer to the person, then resolves and asks for a score', async () => {
    const { user, id } = await arabicSpeakerInBergamo();
    expect((await giulia.post(`/console/api/escalations/${id}/claim`)).status).toBe(200);
    const { topics } = await giulia.json('/console/api/knowledge?lang=ar');
    const renewal = topics.find((t: any) => t.id === 'permit.renewal');
    expect(renewal.lang).toBe('ar');
    expect((await giulia.post(`/console/api/escalations/${id}/reply`, { text: renewal.answer })).status).toBe(200);
    expect((await giulia.post(`/console/api/escalations/${id}/reply`, { text: 'أنا جوليا، سأساعدك' })).status).toBe(200);
    const texts = telegram.sent(user.chatId).map((m) => m.text as string);
    expect(texts.some((t) => t.includes('أنا جوليا، سأساعدك'))).toBe(true);
    expect(texts.some((t) => t.includes(renewal.answer.split('\n')[0].slice(0, 40)))).toBe(true);
    const assigned = (await giulia.json(`/console/api/escalations/${id}`)).escalation;
    expect(assigned).toMatchObject({ status: 'assigned', assignedTo: 'giulia' });
    expect(assigned.firstReplyAt).toBeDefined();

    expect((await giulia.post(`/console/api/escalations/${id}/resolve`)).status).toBe(200);
    const rating = user.last();
    const buttons = rating.reply_markup.inline_keyboard.flat();
    expect(buttons.map((b: any) => b.text)).toEqual(['1', '2', '3', '4', '5']);
    await user.presses(buttons[3].callback_data);
    const closed = (await giulia.json('/console/api/escalations?status=closed')).escalations.find((e: any) => e.id === id);
    expect(closed).toMatchObject({ status: 'resolved', satisfaction: 4 });
    // The assistant has the chat again.
    await user.says('كيف أجدد permesso di soggiorno');
    expect(user.last().text).toMatch(/60/);
    expect((await giulia.post(`/console/api/escalations/${id}/reply`, { text: 'too late' })).status).toBe(409);
  });

  it('tells the operator when the person blocked the bot', async () => {
    const { user, id } = await arabicSpeakerInBergamo();
    telegram.blockChat(user.chatId);
    const res = await giulia.post(`/console/api/escalations/${id}/reply`, { text: 'هل ما زلت هنا؟' });
    expect(res.status).toBe(502);
    expect(await res.json()).toMatchObject({ error: 'delivery', problem: 'blocked', escalation: { delivery: { problem: 'blocked' } } });
    telegram.unblockChat(user.chatId);
  });

  it('gives the chat back to the assistant when the person types "cancel" in their language', async () => {
    const { user, id } = await arabicSpeakerInBergamo();
    await user.says('إلغاء');
    const closed = (await giulia.json('/console/api/escalations?status=closed')).escalations.find((e: any) => e.id === id);
    expect(closed).toMatchObject({ status: 'abandoned' });
    await user.says('كيف أجدد permesso di soggiorno');
    expect(user.last().text).toMatch(/60/);
  });

  it('hands over after two questions in a row it cannot answer', async () => {
    const user = tg.person('it');
    await user.says('xqzv wplkj trrrm');
    await user.says('blorf snizzle quab');
    expect(user.last().text).toMatch(/due volte/);
    await user.says('Treviglio');
    const escalation = await withMessage(giulia, 'blorf snizzle quab');
    expect(escalation).toMatchObject({ reason: 'fallbacks', province: 'BG', lang: 'it' });
  });

  it('streams new escalations to the console as server-sent events', async () => {
    const controller = new AbortController();
    const res = await fetch(`${ponte.base}/console/api/events`, { headers: { cookie: giulia.cookie }, signal: controller.signal });
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = res.body!.getReader();
    let received = '';
    const reading = (async () => {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        received += Buffer.from(value).toString('utf8');
      }
    })().catch(() => undefined);
    const { id } = await arabicSpeakerInBergamo();
    await eventually(() => received.includes(`"id":"${id}","change":"created"`));
    controller.abort();
    await reading;
  });

  it('offers WhatsApp\'s template outside the 24-hour window, and the reply goes through once the person writes again', async () => {
    const user = wa.person();
    await user.says('voglio parlare con un operatore');
    await user.says('Bergamo');
    const escalation = await withMessage(giulia, 'voglio parlare con un operatore');
    expect(escalation.channel).toBe('whatsapp');
    whatsapp.closeWindow(user.number);
    const refused = await giulia.post(`/console/api/escalations/${escalation.id}/reply`, { text: 'Buongiorno, sono Giulia' });
    expect(refused.status).toBe(502);
    expect(((await refused.json()) as any).problem).toBe('outside-window');
    expect((await giulia.json(`/console/api/escalations/${escalation.id}`)).escalation.canSendTemplate).toBe(true);
    expect((await giulia.post(`/console/api/escalations/${escalation.id}/template`)).status).toBe(200);
    expect(user.last()).toMatchObject({ type: 'template', template: { name: 'ponte_mediator_replied', language: { code: 'it' } } });

    whatsapp.openWindow(user.number);
    await user.says('eccomi');
    const after = (await giulia.json(`/console/api/escalations/${escalation.id}`)).escalation;
    expect(after.canSendTemplate).toBe(false);
    expect((await giulia.post(`/console/api/escalations/${escalation.id}/reply`, { text: 'Buongiorno, sono Giulia' })).status).toBe(200);
    expect(user.last().text.body).toContain('Buongiorno, sono Giulia');
    // The phone number is needed to answer, but it is sealed: nowhere in the data directory in clear.
    for (const file of filesUnder(ponte.dataDir)) expect(fs.readFileSync(file, 'utf8')).not.toContain(user.number);
  });

  it('keeps a conversation with the operator across a restart of the server', async () => {
    const { user, id } = await arabicSpeakerInBergamo();
    expect((await giulia.post(`/console/api/escalations/${id}/claim`)).status).toBe(200);
    await ponte.stop({ keepData: true });
    ponte = await startPonte(env(), dataDir);
    giulia = new (ConsoleClient as any)(ponte.base, giulia.cookie, giulia.csrf); // same session, new address
    const sent = user.received();
    await user.says('ما زلت أنتظر');
    expect(user.received()).toBe(sent); // still with the operator: the assistant stays silent
    const { escalation } = await giulia.json(`/console/api/escalations/${id}`);
    expect(escalation).toMatchObject({ status: 'assigned', assignedTo: 'giulia' });
    expect(escalation.messages.map((m: any) => m.text)).toContain('ما زلت أنتظر');
    expect((await giulia.post(`/console/api/escalations/${id}/reply`, { text: 'أنا هنا' })).status).toBe(200);
    expect(user.last().text).toContain('أنا هنا');
  });

  it('rate-limits wrong passwords, even when the right one comes next', async () => {
    for (let i = 0; i < 5; i++) expect((await signInRequest(ponte.base, 'lockme', 'wrong-password')).status).toBe(401);
    const locked = await signInRequest(ponte.base, 'lockme', 'lockme-password-1');
    expect(locked.status).toBe(429);
    expect(((await locked.json()) as any).retryAfter).toBeGreaterThan(0);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('lets an admin manage accounts in the console, and nobody else', async () => {
    const admin = await ConsoleClient.signIn(ponte.base, 'admin', 'admin-password-1');
    const account = { name: 'samir', password: 'samir-password-1', role: 'operator', desks: ['bg.caregiver-counter'], languages: ['ur', 'it'] };
    expect((await giulia.post('/console/api/users', account)).status).toBe(403);
    expect((await giulia.get('/console/api/users')).status).toBe(403);
    const invalid = await admin.post('/console/api/users', { ...account, password: 'short', desks: ['nowhere'] });
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as any).problems.map((p: any) => p.field)).toEqual(expect.arrayContaining(['password', 'desks']));
    expect((await admin.post('/console/api/users', account)).status).toBe(201);
    const samir = await ConsoleClient.signIn(ponte.base, 'samir', 'samir-password-1');
    expect((await samir.get('/console/api/escalations')).status).toBe(200);
    expect((await admin.post('/console/api/users/samir', undefined, { method: 'DELETE' })).status).toBe(204);
    expect((await samir.get('/console/api/escalations')).status).toBe(401); // signed out everywhere
    expect((await signInRequest(ponte.base, 'samir', 'samir-password-1')).status).toBe(401);
  });

  it('refuses a sign-in from another origin and keeps session cookies away from scripts', async () => {
    const forged = await fetch(`${ponte.base}/console/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
      body: JSON.stringify({ username: 'marco', password: 'marco-password-1' }),
    });
    expect(forged.status).toBe(403);
    const ok = await signInRequest(ponte.base, 'marco', 'marco-password-1');
    expect(ok.headers.get('set-cookie')).toMatch(/HttpOnly/);
    expect(ok.headers.get('set-cookie')).toMatch(/SameSite=Strict/);
    expect((await fetch(`${ponte.base}/console/api/escalations`)).status).toBe(401);
    const login = (body: string, type = 'application/json') => fetch(`${ponte.base}/console/api/login`, { method: 'POST', headers: { 'content-type': type }, body });
    expect((await login('{"username": "marco",')).status).toBe(400);
    expect((await login(JSON.stringify({ username: 'marco', password: 'x'.repeat(100_000) }))).status).toBe(413);
    expect((await login('username=marco&password=marco-password-1', 'application/x-www-form-urlencoded')).status).toBe(415);
    expect((await giulia.post('/console/api/escalations/NOPE00/reply', { text: '' })).status).toBe(400);
  });
});

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}
