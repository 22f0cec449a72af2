import fs from 'node:fs';
import path from 'node:path';
import { startFakeWhatsApp, type FakeWhatsApp } from '../support/fakeWhatsApp';
import * as wa from '../support/whatsappPayloads';
import { startPonte, WHATSAPP } from '../support/ponteServer';
import { WhatsAppChats } from '../support/whatsappChat';

let fake: FakeWhatsApp;
let ponte: Awaited<ReturnType<typeof startPonte>>;

beforeAll(async () => {
  fake = await startFakeWhatsApp({ accessToken: WHATSAPP.accessToken, phoneNumberId: WHATSAPP.phoneNumberId, version: WHATSAPP.version });
  ponte = await startPonte({
    WHATSAPP_ACCESS_TOKEN: WHATSAPP.accessToken,
    WHATSAPP_APP_SECRET: WHATSAPP.appSecret,
    WHATSAPP_VERIFY_TOKEN: WHATSAPP.verifyToken,
    WHATSAPP_PHONE_NUMBER_ID: WHATSAPP.phoneNumberId,
    WHATSAPP_API_BASE_URL: fake.url,
    WHATSAPP_API_VERSION: WHATSAPP.version,
  });
});
afterAll(async () => {
  await ponte.stop();
  await fake.close();
});

const chats = new WhatsAppChats(() => fake, () => ponte.base);
const post = (body: object, signature?: string | null) => chats.post(body, signature);
const person = () => chats.person();

describe('WhatsApp webhook verification', () => {
  it('answers the challenge only with the right verify token', async () => {
    const ok = await fetch(`${ponte.base}/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=${WHATSAPP.verifyToken}&hub.challenge=1158201444`);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('1158201444');
    const wrong = await fetch(`${ponte.base}/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1158201444`);
    expect(wrong.status).toBe(403);
  });
});

describe('WhatsApp and privacy', () => {
  it('keeps no phone number anywhere in the data directory, and erases the person on request', async () => {
    const user = person();
    await user.says('come rinnovo il permesso di soggiorno');
    await user.says('cancella i miei dati');
    await user.presses('#yes');
    expect(JSON.stringify(user.last())).toMatch(/cancellato/);
    const files = fs.readdirSync(ponte.dataDir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
    const everything = files.map((e) => fs.readFileSync(path.join(e.parentPath, e.name), 'utf8')).join('\n');
    expect(everything).not.toContain(user.number);
    expect(everything).not.toContain('rinnovo il permesso');
  });
});

describe('WhatsApp messages', () => {
  it.each([
    ['come rinnovo il permesso di soggiorno', /60 giorni/],
    ['আমি কিভাবে আমার permesso di soggiorno নবায়ন করব', /60/],
    ['як продовжити посвідку на проживання permesso di soggiorno', /60/],
  ])('answers "%s" on the first message with the welcome, then the answer and its source', async (text, fragment) => {
    const user = person();
    const sent = await user.says(text);
    expect(sent[0].text.body).toMatch(/Ponte/);
    const bodies = sent.map((m) => m.text?.body ?? m.interactive?.body?.text ?? '').join('\n');
    expect(bodies).toMatch(fragment);
    expect(bodies).toMatch(/https:\/\//);
  });

  it('sends choices as reply buttons or a list, and answers the one pressed', async () => {
    const user = person();
    await user.says('permesso');
    const message = user.last();
    expect(message.type).toBe('interactive');
    const ids: string[] =
      message.interactive.type === 'button'
        ? message.interactive.action.buttons.map((b: { reply: { id: string } }) => b.reply.id)
        : message.interactive.action.sections[0].rows.map((r: { id: string }) => r.id);
    await user.presses(ids[0]);
    const answer = user.last();
    expect(JSON.stringify(answer)).toMatch(/https:\/\//);
  });

  it('finds the nearest desk from a shared location and sends a native location', async () => {
    const user = person();
    await user.says('ciao');
    await post(wa.waLocation(WHATSAPP.phoneNumberId, user.number, chats.messageId(), 45.52, 9.6));
    expect(fake.sent(user.number).some((m) => m.type === 'location')).toBe(true);
  });

  it('records delivery statuses without treating them as messages', async () => {
    const user = person();
    await user.says('ciao');
    const count = fake.sent(user.number).length;
    const res = await post(wa.waStatus(WHATSAPP.phoneNumberId, 'wamid.SOMETHING', user.number, 'delivered'));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ messages: 0, statuses: 1 });
    expect(fake.sent(user.number)).toHaveLength(count);
  });

  it('never answers the same message id twice', async () => {
    const user = person();
    const body = wa.waText(WHATSAPP.phoneNumberId, user.number, 'wamid.DUP1', 'come rinnovo il permesso');
    await post(body);
    const count = fake.sent(user.number).length;
    await post(body);
    expect(fake.sent(user.number)).toHaveLength(count);
  });

  it.each([
    ['voice note', (n: string, id: string) => wa.waAudio(WHATSAPP.phoneNumberId, n, id)],
    ['photo', (n: string, id: string) => wa.waImage(WHATSAPP.phoneNumberId, n, id)],
    ['sticker', (n: string, id: string) => wa.waSticker(WHATSAPP.phoneNumberId, n, id)],
    ['reaction', (n: string, id: string) => wa.waReaction(WHATSAPP.phoneNumberId, n, id, 'wamid.X')],
  ])('answers a %s politely', async (_kind, build) => {
    const user = person();
    await user.says('ciao');
    await post(build(user.number, chats.messageId()));
    expect(user.last().text.body).toMatch(/messaggi scritti/);
  });

  it('refuses a missing or wrong signature with 401 and processes nothing', async () => {
    const user = person();
    expect((await post(wa.waText(WHATSAPP.phoneNumberId, user.number, 'wamid.S1', 'ciao'), null)).status).toBe(401);
    expect((await post(wa.waText(WHATSAPP.phoneNumberId, user.number, 'wamid.S2', 'ciao'), 'sha256=00')).status).toBe(401);
    expect(fake.sent(user.number)).toHaveLength(0);
  });

  it('refuses an oversize body with 413', async () => {
    const user = person();
    expect((await post(wa.waText(WHATSAPP.phoneNumberId, user.number, 'wamid.BIG', 'x'.repeat(400_000)))).status).toBe(413);
  });

  it('retries after a server error (500) and keeps serving when the Graph API is slow', async () => {
    const user = person();
    fake.failNext({ status: 500, code: 1 });
    fake.delay(300);
    await user.says('come rinnovo il permesso di soggiorno');
    fake.delay(0);
    expect(JSON.stringify(fake.sent(user.number))).toMatch(/60 giorni/);
  });

  it('answers an unsupported message kind (an edit, a poll...) politely', async () => {
    const user = person();
    await user.says('ciao');
    await post(wa.waUnsupported(WHATSAPP.phoneNumberId, user.number, chats.messageId()));
    expect(user.last().text.body).toMatch(/messaggi scritti/);
  });

  it('retries after a rate limit (429) and keeps serving after a closed 24-hour window', async () => {
    const user = person();
    fake.failNext({ status: 429, code: 130429 });
    await user.says('come rinnovo il permesso di soggiorno');
    expect(JSON.stringify(fake.sent(user.number))).toMatch(/60 giorni/);
    fake.failNext({ status: 400, code: 131047, times: 2 }); // the reply, then the apology
    expect((await post(wa.waText(WHATSAPP.phoneNumberId, user.number, chats.messageId(), 'grazie'))).status).toBe(200);
    await user.says('come rinnovo il permesso di soggiorno');
    expect(JSON.stringify(user.last())).toMatch(/60 giorni/);
  });
});
