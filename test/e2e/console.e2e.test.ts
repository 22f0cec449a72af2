import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startFakeTelegram, type FakeTelegram } from '../support/fakeTelegram';
import { dataDirWithAccounts, startPonte, TELEGRAM_SECRET, TELEGRAM_TOKEN, type RunningPonte } from '../support/ponteServer';
import { eventually } from '../support/consoleClient';
import { TelegramChats } from '../support/telegramChat';
import { launchBrowser, SCREENSHOTS, signIn as signInAs } from '../support/browser';

/**
 * The operators' console in a real headless Chromium, against a real server whose Telegram side
 * talks to the fake Bot API: what a mediator at the Bergamo desk sees and does.
 */
const ACCOUNTS = [
  { name: 'giulia', password: 'giulia-password-1', role: 'operator' as const, desks: ['BG'], languages: ['it', 'ar'] },
  { name: 'marco', password: 'marco-password-1', role: 'operator' as const, desks: ['MI'], languages: ['it', 'en'] },
  { name: 'admin', password: 'admin-password-1', role: 'admin' as const },
];

let browser: Browser;
let telegram: FakeTelegram;
let ponte: RunningPonte;
let dataDir: string;
let port: number;
const env = () => ({ TELEGRAM_BOT_TOKEN: TELEGRAM_TOKEN, TELEGRAM_WEBHOOK_SECRET: TELEGRAM_SECRET, TELEGRAM_API_BASE_URL: telegram.url });
const chats = new TelegramChats(() => telegram, () => ponte.base);

beforeAll(async () => {
  browser = await launchBrowser();
  telegram = await startFakeTelegram(TELEGRAM_TOKEN);
  dataDir = await dataDirWithAccounts(ACCOUNTS);
  ponte = await startPonte(env(), dataDir);
  port = Number(new URL(ponte.base).port);
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await ponte?.stop();
  await telegram?.close();
});

const signIn = (name: string, password: string, viewport?: { width: number; height: number }) => signInAs(browser, ponte.base, name, password, viewport);

async function arabicRequest() {
  const user = chats.person('ar');
  await user.says('أريد التحدث مع وسيط');
  await user.says('Bergamo');
  return user;
}

const queueItems = (page: Page) => page.$$eval('[data-testid=queue-item]', (rows) => rows.map((row) => row.getAttribute('data-id')));

/** Waits for a row that was not in the queue before (the live update), and returns it with its id. */
async function newRow(page: Page, known: (string | null)[]) {
  const selector = `[data-testid=queue-item][data-status=waiting]${known.map((id) => `:not([data-id="${id}"])`).join('')}`;
  const row = await page.waitForSelector(selector, { timeout: 10_000 });
  return { row, id: (await row.getAttribute('data-id'))! };
}

describe('the operators\' console in Chromium', () => {
  it('an Arabic request arrives live; the mediator claims it, inserts the Arabic answer, writes, and resolves; the person rates', async () => {
    const page = await signIn('giulia', 'giulia-password-1');
    await page.waitForSelector('[data-testid=queue]');
    const known = await queueItems(page);
    const user = await arabicRequest();

    // Live: no reload, the notice and the row appear by themselves.
    await page.waitForSelector('[data-testid=new-escalation-notice]', { timeout: 10_000 });
    const { row, id } = await newRow(page, known);
    expect(await row.textContent()).toMatch(/ar|arabo|العربية/i);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'console-queue.png') });

    await row.click();
    await page.waitForSelector(`[data-testid=conversation][data-id="${id}"]`);
    await page.click('[data-testid=claim]');
    await page.waitForSelector('[data-testid=status][data-status=assigned]');

    await page.fill('[data-testid=kb-search]', 'permit.renewal');
    await page.click('[data-testid=kb-item][data-id="permit.renewal"]');
    const inserted = await page.inputValue('[data-testid=reply-text]');
    expect(inserted).toMatch(/[\u0600-\u06FF]/); // the vetted answer, in Arabic
    await page.click('[data-testid=reply-send]');
    await eventually(async () => (await page.inputValue('[data-testid=reply-text]')) === '');
    await page.fill('[data-testid=reply-text]', 'مرحبا، أنا جوليا من مكتب برغامو. كيف يمكنني مساعدتك؟');
    await page.click('[data-testid=reply-send]');
    await eventually(() => telegram.sent(user.chatId).some((m) => String(m.text).includes('أنا جوليا')));
    expect(telegram.sent(user.chatId).some((m) => String(m.text).includes(inserted.split('\n')[0].slice(0, 30)))).toBe(true);

    // The person answers, with something that would run if the page treated it as HTML.
    await user.says('<script>window.pwned=1</script><img src=x onerror="window.pwned=1"> شكرا');
    const last = await page.waitForSelector('[data-testid=transcript] .msg[data-from=user]:last-child .msg-text:has-text("شكرا")');
    expect(await last.textContent()).toContain('<script>window.pwned=1</script>');
    expect(await page.evaluate(() => (globalThis as { pwned?: number }).pwned)).toBeUndefined();
    expect(await page.$$('[data-testid=transcript] script, [data-testid=transcript] img')).toHaveLength(0);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'console-conversation.png') });

    await page.click('[data-testid=resolve]');
    await page.click('[data-testid=confirm-yes]'); // closing asks once, inline
    await page.waitForSelector('[data-testid=status][data-status=resolved]');
    const rating = user.last();
    expect(rating.reply_markup.inline_keyboard.flat().map((b: { text: string }) => b.text)).toEqual(['1', '2', '3', '4', '5']);
    await user.presses(rating.reply_markup.inline_keyboard.flat()[4].callback_data);

    await page.goto(`${ponte.base}/console#/summary`);
    await page.waitForSelector('[data-testid=summary] [data-testid=chart-per-day] rect', { state: 'attached' });
    const bars = await page.$$eval('[data-testid=chart-per-day] rect', (rects) => rects.map((r) => Number(r.getAttribute('height'))));
    expect(bars.some((height) => height > 0)).toBe(true); // today's escalation is drawn
    await page.screenshot({ path: path.join(SCREENSHOTS, 'console-summary.png'), fullPage: true });
    await page.context().close();
  }, 60_000);

  it('keeps another desk\'s operator out, by the queue, by URL and by the API', async () => {
    const giulia = await signIn('giulia', 'giulia-password-1');
    await giulia.waitForSelector('[data-testid=queue]');
    const known = await queueItems(giulia);
    await arabicRequest();
    const { id: escalationId } = await newRow(giulia, known);
    const marco = await signIn('marco', 'marco-password-1');
    await marco.waitForSelector('[data-testid=queue]');
    expect(await queueItems(marco)).not.toContain(escalationId);
    await marco.goto(`${ponte.base}/console#/e/${escalationId}`);
    await marco.waitForSelector('[data-testid=not-found]');
    const api = await marco.evaluate(async (eid) => (await fetch(`/console/api/escalations/${eid}`)).status, escalationId);
    expect(api).toBe(404);
    // A forged request from the signed-in page itself, but without the CSRF token, changes nothing.
    const forged = await giulia.evaluate(async (eid) => (await fetch(`/console/api/escalations/${eid}/abandon`, { method: 'POST' })).status, escalationId);
    expect(forged).toBe(403);
    await giulia.reload();
    await giulia.waitForSelector(`[data-testid=queue-item][data-id="${escalationId}"][data-status=waiting]`);
    await giulia.context().close();
    await marco.context().close();
  }, 60_000);

  it('slows down wrong passwords on the sign-in form', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${ponte.base}/console`);
    for (let i = 0; i < 6; i++) {
      await page.fill('[data-testid=login] input[name=username]', 'marco');
      await page.fill('[data-testid=login] input[name=password]', `wrong-${i}-password`);
      await page.click('[data-testid=login] button[type=submit]');
      await page.waitForSelector('[data-testid=login-error]:not([hidden])');
    }
    const response = page.waitForResponse('**/console/api/login');
    await page.fill('[data-testid=login] input[name=password]', 'marco-password-1');
    await page.click('[data-testid=login] button[type=submit]');
    expect((await response).status()).toBe(429);
    expect(await page.textContent('[data-testid=login-error]')).toMatch(/\d/); // "try again in N minutes"
    await page.context().close();
  }, 60_000);

  it('loses nothing when the server restarts mid-conversation: the chat is still with the operator', async () => {
    const page = await signIn('giulia', 'giulia-password-1', { width: 768, height: 1024 });
    await page.waitForSelector('[data-testid=queue]');
    const known = await queueItems(page);
    const user = await arabicRequest();
    const { row, id } = await newRow(page, known);
    await row.click();
    await page.click('[data-testid=claim]');
    await page.waitForSelector('[data-testid=status][data-status=assigned]');

    await ponte.stop({ keepData: true });
    ponte = await startPonte(env(), dataDir, port);
    const before = user.received();
    await user.says('هل ما زلت هنا؟');
    expect(telegram.sent(user.chatId).slice(before).map((m) => m.text)).toEqual([]); // the assistant did not answer: the operator has the chat

    await page.goto(`${ponte.base}/console#/e/${id}`);
    await page.waitForSelector('[data-testid=status][data-status=assigned]');
    await page.waitForSelector('[data-testid=transcript] .msg[data-from=user] .msg-text:has-text("هل ما زلت هنا؟")');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'console-tablet.png') });
    await page.fill('[data-testid=reply-text]', 'نعم، أنا هنا');
    await page.click('[data-testid=reply-send]');
    await eventually(() => String(user.last().text).includes('نعم، أنا هنا'));
    await page.context().close();
  }, 60_000);
});
