import path from 'node:path';
import type { Browser } from 'playwright-core';
import { startFakeTelegram, type FakeTelegram } from '../support/fakeTelegram';
import { dataDirWithAccounts, startPonte, TELEGRAM_SECRET, TELEGRAM_TOKEN, type RunningPonte } from '../support/ponteServer';
import { eventually } from '../support/consoleClient';
import { TelegramChats } from '../support/telegramChat';
import { launchBrowser, SCREENSHOTS, signIn as signInAs } from '../support/browser';

/**
 * The editors' workspace in a real headless Chromium, against a real server whose Telegram side talks
 * to the fake Bot API: an editor fixes a fee, a second editor approves, people get the new text.
 */
const ACCOUNTS = [
  { name: 'elena', password: 'elena-password-1', role: 'editor' as const },
  { name: 'paolo', password: 'paolo-password-1', role: 'editor' as const },
  { name: 'giulia', password: 'giulia-password-1', role: 'operator' as const, desks: ['BG'], languages: ['it'] },
];
const OTHER_LANGUAGES = ['en', 'fr', 'es', 'ar', 'uk', 'zh', 'sq', 'ur', 'bn'];

let browser: Browser;
let telegram: FakeTelegram;
let ponte: RunningPonte;
const chats = new TelegramChats(() => telegram, () => ponte.base);

beforeAll(async () => {
  browser = await launchBrowser();
  telegram = await startFakeTelegram(TELEGRAM_TOKEN);
  ponte = await startPonte({ TELEGRAM_BOT_TOKEN: TELEGRAM_TOKEN, TELEGRAM_WEBHOOK_SECRET: TELEGRAM_SECRET, TELEGRAM_API_BASE_URL: telegram.url }, await dataDirWithAccounts(ACCOUNTS));
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await ponte?.stop();
  await telegram?.close();
});

const signIn = (name: string, password: string, viewport?: { width: number; height: number }) => signInAs(browser, ponte.base, name, password, viewport);

async function ask(text: string): Promise<string> {
  const user = chats.person('it');
  await user.says(text);
  return String(user.last().text);
}

describe('the editors\' workspace in Chromium', () => {
  it('an editor changes a fee, the nine other languages are flagged, a second editor approves, Telegram gets the new text without a restart', async () => {
    expect(await ask('quanto costa rinnovare il permesso di soggiorno')).toContain('marca da bollo 16 €');
    const elena = await signIn('elena', 'elena-password-1');
    await elena.waitForSelector('[data-testid=kb-topics] [data-testid=kb-topic-row][data-id="permit.renewal"]');
    await elena.screenshot({ path: path.join(SCREENSHOTS, 'editor-topics.png') });

    await elena.goto(`${ponte.base}/console#/kb/t/permit.renewal`);
    await elena.waitForSelector('[data-testid=kb-editor]');
    const answer = elena.locator('[data-testid=kb-col-it] textarea[name="it.answer"]');
    await answer.fill((await answer.inputValue()).replace('marca da bollo 16 €', 'marca da bollo 17 €'));
    await elena.fill('[name=reason]', 'Aumento della marca da bollo');
    await elena.click('[data-testid=kb-save]');
    await elena.waitForSelector('[data-testid=save-result][data-status=pending]');
    expect(await ask('quanto costa rinnovare il permesso di soggiorno')).toContain('16 €'); // not before a second editor

    // The preview shows the draft as Telegram will: the new fee, escaped HTML, the buttons.
    await elena.check('[data-testid=preview-italian]');
    await elena.click('[data-testid=preview-refresh]');
    await elena.waitForSelector('[data-testid=preview-telegram] [data-testid=preview-message]:has-text("17 €")');
    await elena.screenshot({ path: path.join(SCREENSHOTS, 'editor-entry.png'), fullPage: true });

    await elena.goto(`${ponte.base}/console#/kb`);
    const row = elena.locator('[data-testid=kb-topic-row][data-id="permit.renewal"]');
    await row.waitFor();
    for (const lang of OTHER_LANGUAGES) {
      expect(await row.locator(`[data-testid=lang-status][data-lang=${lang}]`).getAttribute('data-flags')).toContain('needs-review');
    }
    expect(await row.locator('[data-testid=lang-status][data-lang=it]').getAttribute('data-flags')).not.toContain('needs-review');

    const paolo = await signIn('paolo', 'paolo-password-1');
    await paolo.goto(`${ponte.base}/console#/kb/pending`);
    await paolo.click('[data-testid=pending-row][data-id="permit.renewal"]');
    await paolo.waitForSelector('[data-testid=kb-pending]');
    await paolo.click('[data-testid=kb-approve]');
    await paolo.waitForSelector('[data-testid=save-result][data-status=published]');
    expect(await ask('quanto costa rinnovare il permesso di soggiorno')).toContain('marca da bollo 17 €');
    await elena.context().close();
    await paolo.context().close();
  }, 90_000);

  it('refuses an invalid edit with the field named, and publishes nothing', async () => {
    const before = await ask('come si fa il codice fiscale');
    const elena = await signIn('elena', 'elena-password-1');
    await elena.goto(`${ponte.base}/console#/kb/t/tax.codice-fiscale`);
    await elena.waitForSelector('[data-testid=kb-editor]');
    await elena.fill('[data-testid=kb-col-it] textarea[name="it.answer"]', '');
    const sources = elena.locator('textarea[name=sources]');
    await sources.fill((await sources.inputValue()).replace(/^https:/, 'http:'));
    await elena.fill('[name=reason]', 'prova');
    await elena.click('[data-testid=kb-save]');
    await elena.waitForSelector('[data-testid=field-problem][data-field="text.it.answer"]');
    await elena.waitForSelector('[data-testid=field-problem][data-field^="sources"]');
    expect(await elena.$('[data-testid=save-result]')).toBeNull();
    expect(await ask('come si fa il codice fiscale')).toBe(before);
    await elena.context().close();
  }, 60_000);

  it('groups what fell back in the inbox; adding it as a variant makes the question answered', async () => {
    expect(await ask('sfratto per morosità cosa faccio')).toMatch(/Mi dispiace|non ho una risposta/);
    await ask('sfratto morosità aiuto');
    const elena = await signIn('elena', 'elena-password-1');
    await elena.goto(`${ponte.base}/console#/kb/inbox`);
    const group = elena.locator('[data-testid=inbox-group]', { hasText: 'sfratto per morosità cosa faccio' });
    await group.waitFor();
    expect(await group.locator('[data-testid=inbox-question]').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('sfratto morosità aiuto'), expect.stringContaining('sfratto per morosità cosa faccio')]));
    await elena.screenshot({ path: path.join(SCREENSHOTS, 'editor-inbox.png'), fullPage: true });
    await group.locator('[data-testid=inbox-topic]').selectOption('housing.public');
    await group.locator('[data-testid=inbox-add]').click();
    await eventually(async () => !(await elena.locator('[data-testid=inbox-group]', { hasText: 'sfratto morosità aiuto' }).count()), 10_000);
    expect(await ask('sfratto per morosità cosa faccio')).not.toMatch(/Mi dispiace/);

    await elena.goto(`${ponte.base}/console#/kb/figures`);
    await elena.waitForSelector('[data-testid=kb-figures] [data-testid=chart-fallback-share]');
    await elena.screenshot({ path: path.join(SCREENSHOTS, 'editor-figures.png'), fullPage: true });
    await elena.context().close();
  }, 60_000);

  it('keeps an operator out of the workspace, in the page and in the API', async () => {
    const giulia = await signIn('giulia', 'giulia-password-1');
    expect(await giulia.$('[data-testid=nav-kb]')).toBeNull();
    await giulia.goto(`${ponte.base}/console#/kb/t/permit.renewal`);
    await giulia.waitForSelector('[data-testid=forbidden], [data-testid=not-found]');
    expect(await giulia.$('[data-testid=kb-editor]')).toBeNull();
    const status = await giulia.evaluate(async () => (await fetch('/console/api/kb/topics/permit.renewal')).status);
    expect(status).toBe(403);
    await giulia.context().close();
  }, 60_000);
});
