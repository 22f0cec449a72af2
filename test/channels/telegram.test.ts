import { startFakeTelegram, type FakeTelegram } from '../support/fakeTelegram';
import * as tg from '../support/telegramUpdates';
import { startPonte, TELEGRAM_SECRET, TELEGRAM_TOKEN } from '../support/ponteServer';
import { TelegramChats } from '../support/telegramChat';

let fake: FakeTelegram;
let ponte: Awaited<ReturnType<typeof startPonte>>;

beforeAll(async () => {
  fake = await startFakeTelegram(TELEGRAM_TOKEN);
  ponte = await startPonte({ TELEGRAM_BOT_TOKEN: TELEGRAM_TOKEN, TELEGRAM_WEBHOOK_SECRET: TELEGRAM_SECRET, TELEGRAM_API_BASE_URL: fake.url });
});
afterAll(async () => {
  await ponte.stop();
  await fake.close();
});

const chats = new TelegramChats(() => fake, () => ponte.base);
const post = (update: object, secret: string | null = TELEGRAM_SECRET, raw?: string) => chats.post(update, secret, raw);
const person = (languageCode?: string) => chats.person(languageCode);

describe('Telegram webhook', () => {
  it.each([
    ['come rinnovo il permesso di soggiorno', 'it', /60 giorni/],
    ['كيف أجدد permesso di soggiorno', 'ar', /60/],
    ['居留许可怎么续签', 'zh', /60/],
  ])('answers "%s" with the source, in the person\'s language', async (text, languageCode, fragment) => {
    const user = person(languageCode);
    const sent = await user.says(text);
    expect(sent[0].text).toContain('Ponte'); // the welcome with the privacy notice comes first
    expect(user.last().text).toMatch(fragment);
    expect(user.last().text).toMatch(/https:\/\//);
    expect(user.last().parse_mode).toBe('HTML');
  });

  it('turns choices into an inline keyboard and answers the button pressed', async () => {
    const user = person('it');
    await user.says('permesso');
    const keyboard = user.last().reply_markup.inline_keyboard as { text: string; callback_data: string }[][];
    expect(keyboard.length).toBeGreaterThanOrEqual(2);
    for (const [button] of keyboard) expect(Buffer.byteLength(button.callback_data)).toBeLessThanOrEqual(64);
    const before = fake.sent(user.chatId).length;
    await post(tg.callbackUpdate(chats.updateId(), user.chatId, keyboard[0][0].callback_data));
    expect(fake.sent(user.chatId).length).toBeGreaterThan(before);
    expect(user.last().text).toMatch(/https:\/\//);
    expect(fake.calls.some((c) => c.method === 'answerCallbackQuery')).toBe(true);
  });

  it('finds the nearest desk from a shared location and sends it as a native location', async () => {
    const user = person('it');
    await user.says('ciao');
    await post(tg.locationUpdate(chats.updateId(), user.chatId, 45.52, 9.6));
    expect(user.last().text).toMatch(/Treviglio|Bergamo/);
    const pin = fake.calls.filter((c) => c.method === 'sendLocation' && String(c.body.chat_id) === String(user.chatId));
    expect(pin).toHaveLength(1);
  });

  it('answers /start with the welcome and privacy notice in the device language', async () => {
    const chatId = chats.chatId();
    await post(tg.startUpdate(chats.updateId(), chatId, 'fr'));
    expect(fake.sent(chatId)[0].text).toMatch(/Ponte/);
    expect(fake.sent(chatId)[0].text).toMatch(/30/);
    expect(fake.sent(chatId)[1].text).toMatch(/Bonjour|Salut/); // a greeting in French, not "I did not understand"
    expect(fake.sent(chatId)).toHaveLength(2);
  });

  it('never answers a redelivered update twice', async () => {
    const user = person('it');
    const update = tg.textUpdate(chats.updateId(), user.chatId, 'come rinnovo il permesso');
    await post(update);
    const count = fake.sent(user.chatId).length;
    expect((await post(update)).status).toBe(200);
    expect(fake.sent(user.chatId)).toHaveLength(count);
  });

  it('runs concurrent updates of one chat in order', async () => {
    const user = person();
    await user.says('ciao');
    fake.delay(150);
    const first = post(tg.textUpdate(chats.updateId(), user.chatId, 'english'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    const second = post(tg.textUpdate(chats.updateId(), user.chatId, 'permesso'));
    await Promise.all([first, second]);
    fake.delay(0);
    const texts = fake.sent(user.chatId).map((m) => m.text as string);
    const switched = texts.findIndex((t) => /English/.test(t));
    expect(switched).toBeGreaterThan(0);
    expect(texts.slice(switched + 1).join(' ')).toMatch(/Source: |Which of these|Sorry, I do not/); // answered after the switch, so in English
  });

  it.each([
    ['voice', (u: number, c: number) => tg.voiceUpdate(u, c)],
    ['photo', (u: number, c: number) => tg.photoUpdate(u, c)],
    ['sticker', (u: number, c: number) => tg.stickerUpdate(u, c)],
    ['document', (u: number, c: number) => tg.documentUpdate(u, c)],
    ['edit', (u: number, c: number) => tg.editedTextUpdate(u, c, 1, 'edited')],
  ])('answers a %s politely, in the device language', async (_kind, build) => {
    const chatId = chats.chatId();
    const update = build(chats.updateId(), chatId) as { message?: { from?: { language_code?: string } }; edited_message?: { from?: { language_code?: string } } };
    const from = (update.message ?? update.edited_message)!.from!;
    from.language_code = 'es';
    expect((await post(update)).status).toBe(200);
    const sent = fake.sent(chatId);
    expect(sent[sent.length - 1].text).toMatch(/mensajes escritos|escritos/);
  });

  it('refuses a wrong or missing secret with 401 and processes nothing', async () => {
    const chatId = chats.chatId();
    expect((await post(tg.textUpdate(chats.updateId(), chatId, 'ciao'), 'wrong-secret-0000000000')).status).toBe(401);
    expect((await post(tg.textUpdate(chats.updateId(), chatId, 'ciao'), null)).status).toBe(401);
    expect(fake.sent(chatId)).toHaveLength(0);
  });

  it('refuses an oversize body with 413, malformed JSON with 400, and ignores unknown shapes with 200', async () => {
    expect((await post({}, TELEGRAM_SECRET, JSON.stringify({ update_id: 1, message: { text: 'x'.repeat(400_000) } }))).status).toBe(413);
    expect((await post({}, TELEGRAM_SECRET, '{"update_id": 1,')).status).toBe(400);
    expect((await post({ hello: 'world' })).status).toBe(200);
  });

  it('retries after a 429 with retry_after and after a 500', async () => {
    const user = person('it');
    fake.failNext('sendMessage', { status: 429, retryAfter: 1 });
    fake.failNext('sendMessage', { status: 500 });
    await user.says('come rinnovo il permesso di soggiorno');
    expect(user.last().text).toMatch(/60 giorni/);
  });

  it('marks a person who blocked the bot and does not write to them until they write again', async () => {
    const user = person('it');
    await user.says('ciao');
    await post(tg.blockedUpdate(chats.updateId(), user.chatId));
    fake.blockChat(user.chatId);
    const attempts = () => fake.calls.filter((c) => c.method === 'sendMessage' && String(c.body.chat_id) === String(user.chatId)).length;
    const before = attempts();
    // An update still arriving from them (sent before they blocked) is processed, but nothing is sent.
    expect((await post(tg.callbackUpdate(chats.updateId(), user.chatId, '#topic:health.ssn-registration'))).status).toBe(200);
    fake.unblockChat(user.chatId);
    await post(tg.unblockedUpdate(chats.updateId(), user.chatId));
    await user.says('come rinnovo il permesso');
    expect(attempts()).toBeGreaterThan(before);
    expect(user.last().text).toMatch(/60 giorni/);
  });

  it('keeps serving when Telegram answers slowly', async () => {
    const user = person('it');
    fake.delay(300);
    await user.says('come rinnovo il permesso di soggiorno');
    fake.delay(0);
    expect(user.last().text).toMatch(/60 giorni/);
  });
});
