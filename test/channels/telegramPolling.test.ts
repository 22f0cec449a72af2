import { PassThrough, Readable } from 'node:stream';
import { startFakeTelegram, type FakeTelegram } from '../support/fakeTelegram';
import * as tg from '../support/telegramUpdates';
import { startPonte, TELEGRAM_TOKEN } from '../support/ponteServer';
import { runCli } from '../../src/cli/main';

let fake: FakeTelegram;
beforeAll(async () => {
  fake = await startFakeTelegram(TELEGRAM_TOKEN);
});
afterAll(() => fake.close());

it('TELEGRAM_MODE=polling runs the same bot over long polling', async () => {
  const ponte = await startPonte({ TELEGRAM_BOT_TOKEN: TELEGRAM_TOKEN, TELEGRAM_MODE: 'polling', TELEGRAM_API_BASE_URL: fake.url });
  try {
    fake.queueUpdates([tg.textUpdate(1, 777, 'come rinnovo il permesso di soggiorno', { languageCode: 'it' })]);
    const deadline = Date.now() + 10_000;
    while (fake.sent(777).length < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(fake.sent(777).map((m) => m.text).join('\n')).toMatch(/60 giorni/);
    expect(fake.calls.some((c) => c.method === 'deleteWebhook')).toBe(true);
  } finally {
    await ponte.stop();
  }
});

it('ponte telegram set-webhook registers PUBLIC_URL with a fresh secret, and info shows it', async () => {
  let out = '';
  const stdout = new PassThrough().on('data', (chunk) => (out += chunk));
  const env = { TELEGRAM_BOT_TOKEN: TELEGRAM_TOKEN, TELEGRAM_API_BASE_URL: fake.url, PUBLIC_URL: 'https://ponte.example.org' };
  const io = { stdin: Readable.from(['']), stdout, stderr: new PassThrough(), env };
  expect(await runCli(['telegram', 'set-webhook'], io)).toBe(0);
  expect(fake.webhook.url).toBe('https://ponte.example.org/webhooks/telegram');
  expect(fake.webhook.allowed_updates).toEqual(expect.arrayContaining(['message', 'callback_query', 'my_chat_member']));
  expect(out).toContain(`TELEGRAM_WEBHOOK_SECRET=${fake.webhook.secret_token}`);
  expect(await runCli(['telegram', 'info'], io)).toBe(0);
  expect(out).toContain('"url": "https://ponte.example.org/webhooks/telegram"');
});
