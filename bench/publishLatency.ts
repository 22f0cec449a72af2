/**
 * How long an editor's change takes to reach people, on loopback: Ponte in its own process with its
 * data on disk, a fake Telegram Bot API and two editors' sessions in this one.
 *  - save and publish: the save request of a change that needs no second editor (a new question
 *    variant) until it returns, published; and Ponte's own figure for the check and the swap;
 *  - approve and publish: a fee change saved as pending, then the second editor's approval request;
 *  - live: from the save request until a Telegram question gets the new answer.
 * Run: npm run bench -- publish
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Accounts } from '../src/console/accounts';
import { UserStore } from '../src/storage/userStore';
import { KnowledgeStore } from '../src/knowledge/knowledgeStore';
import { PROJECT_ROOT } from '../src/projectRoot';
import { evaluationLines } from '../src/editors/evaluationLines';
import { freePort, startFakeApi, startProcess } from './telegramThroughput';

const TOKEN = '123456789:BENCH-token-for-the-fake-bot-api';
const SECRET = 'bench-secret-0123456789abcdef';
const ROUNDS = 10;

export async function publishLatency(print: (line: string) => void): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ponte-bench-publish-'));
  const { store } = await KnowledgeStore.load(path.join(PROJECT_ROOT, 'knowledge'));
  const accounts = new Accounts(await UserStore.open(dataDir), () => store.current().desks);
  for (const name of ['anna', 'bruno']) await accounts.save({ name, password: `${name}-password-1`, role: 'editor', desks: [], languages: ['it'] }, true);
  const api = await startFakeApi();
  const base = `http://127.0.0.1:${await freePort()}`;
  const env = { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_SECRET: SECRET, TELEGRAM_API_BASE_URL: api.url, LOG_LEVEL: 'silent', CONSOLE_SECURE_COOKIES: 'false' };
  const ponte = await startProcess(path.join(PROJECT_ROOT, 'dist', 'src', 'index.js'), { ...env, PORT: new URL(base).port, DATA_DIR: dataDir }, `${base}/healthz`);
  try {
    const session = async (name: string) => {
      const res = await fetch(`${base}/console/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: name, password: `${name}-password-1` }) });
      return { cookie: (res.headers.get('set-cookie') ?? '').split(';')[0], csrf: ((await res.json()) as { csrf: string }).csrf };
    };
    const [anna, bruno] = [await session('anna'), await session('bruno')];
    const call = async (who: { cookie: string; csrf: string }, method: string, route: string, body?: unknown) => {
      const res = await fetch(`${base}${route}`, { method, headers: { cookie: who.cookie, 'x-csrf-token': who.csrf, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
      return (await res.json()) as any;
    };
    let update = 1;
    let chat = 900000;
    const ask = async (text: string) => {
      const replies: string[] = [];
      const id = ++chat;
      api.onReply = (chatId) => void (chatId === id && replies.push('x'));
      await fetch(`${base}/webhooks/telegram`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
        body: JSON.stringify({ update_id: update++, message: { message_id: update, date: Math.floor(Date.now() / 1000), chat: { id, type: 'private' }, from: { id, is_bot: false, first_name: 'A', language_code: 'it' }, text } }),
      });
      return replies.length;
    };

    const saveMs: number[] = [];
    const serverMs: number[] = [];
    const liveMs: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const { entry, version } = await call(anna, 'GET', '/console/api/kb/topics/housing.public');
      entry.text.it.questions.push(`sfratto numero ${round} per morosita cosa faccio`);
      const started = performance.now();
      // Not acknowledged: the evaluation set is checked as in the workspace.
      const saved = await call(anna, 'POST', '/console/api/kb/topics/housing.public', { entry, reason: 'bench', baseVersion: version });
      saveMs.push(performance.now() - started);
      if (saved.status !== 'published') throw new Error(`round ${round}: ${JSON.stringify(saved)}`);
      serverMs.push(saved.publishMs);
      await ask(`sfratto numero ${round} per morosita cosa faccio`);
      liveMs.push(performance.now() - started);
    }
    const approveMs: number[] = [];
    for (let round = 0; round < 5; round++) {
      const { entry, version } = await call(anna, 'GET', '/console/api/kb/topics/permit.renewal');
      entry.text.it.answer = entry.text.it.answer.replace(/marca da bollo \d+ €/, `marca da bollo ${17 + round} €`);
      const pending = await call(anna, 'POST', '/console/api/kb/topics/permit.renewal', { entry, reason: 'bench', baseVersion: version, acknowledgeWarnings: true });
      const started = performance.now();
      const approved = await call(bruno, 'POST', '/console/api/kb/topics/permit.renewal/approve', { version: pending.version });
      if (approved.status !== 'published') throw new Error(JSON.stringify(approved));
      approveMs.push(performance.now() - started);
    }
    print(`40 topics x 10 languages; Ponte in its own process, data on disk (lowdb), loopback`);
    print(`save a new variant, checked (kb check rules, ${evaluationLines(path.join(PROJECT_ROOT, 'test', 'eval'))().length} evaluation messages) and published: ${stats(saveMs)}`);
    print(`  of which Ponte's check and swap (publishMs):                      ${stats(serverMs)}`);
    print(`  until a Telegram question is answered by the new version:          ${stats(liveMs)}`);
    print(`second editor approves a pending fee change (check and swap):      ${stats(approveMs)}`);
  } finally {
    ponte.kill();
    await api.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

function stats(ms: number[]): string {
  const sorted = [...ms].sort((a, b) => a - b);
  return `median ${sorted[Math.floor(sorted.length / 2)].toFixed(0)} ms, max ${sorted[sorted.length - 1].toFixed(0)} ms (${ms.length} runs)`;
}
