/**
 * How long a message takes from the person to the operator's screen and back, on loopback: Ponte in
 * its own process with its data on disk, a fake Telegram Bot API and a console client in this one.
 *  - person → console: the Telegram webhook call until the console has the message (the live event
 *    arrived and the conversation was fetched again, as the page does);
 *  - console → person: the operator's reply request until the fake Bot API receives the sendMessage.
 * Run: npm run bench -- handoff
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Accounts } from '../src/console/accounts';
import { UserStore } from '../src/storage/userStore';
import { KnowledgeStore } from '../src/knowledge/knowledgeStore';
import { PROJECT_ROOT } from '../src/projectRoot';
import { freePort, startFakeApi, startProcess } from './telegramThroughput';

const TOKEN = '123456789:BENCH-token-for-the-fake-bot-api';
const SECRET = 'bench-secret-0123456789abcdef';
const ROUNDS = 200;
const CHAT = 424242;

export async function handoffLatency(print: (line: string) => void): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ponte-bench-handoff-'));
  const { store } = await KnowledgeStore.load(path.join(PROJECT_ROOT, 'knowledge'));
  await new Accounts(await UserStore.open(dataDir), () => store.current().desks).save({ name: 'bench', password: 'bench-password-1', role: 'operator', desks: ['BG'], languages: ['ar'] }, true);
  const api = await startFakeApi();
  const base = `http://127.0.0.1:${await freePort()}`;
  const env = { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_SECRET: SECRET, TELEGRAM_API_BASE_URL: api.url, LOG_LEVEL: 'silent', CONSOLE_SECURE_COOKIES: 'false' };
  const ponte = await startProcess(path.join(PROJECT_ROOT, 'dist', 'src', 'index.js'), { ...env, PORT: new URL(base).port, DATA_DIR: dataDir }, `${base}/healthz`);
  const stream = new AbortController();
  try {
    let update = 1;
    const say = (text: string) =>
      fetch(`${base}/webhooks/telegram`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
        body: JSON.stringify({ update_id: update++, message: { message_id: update, date: Math.floor(Date.now() / 1000), chat: { id: CHAT, type: 'private' }, from: { id: CHAT, is_bot: false, first_name: 'A', language_code: 'ar' }, text } }),
      });

    const login = await fetch(`${base}/console/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'bench', password: 'bench-password-1' }) });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
    const { csrf } = (await login.json()) as { csrf: string };

    // The live stream, as the page holds it: resolve the waiter of each escalation event.
    let onEvent: (data: { id: string; change: string }) => void = () => undefined;
    const events = await fetch(`${base}/console/api/events`, { headers: { cookie }, signal: stream.signal });
    void (async () => {
      const decoder = new TextDecoder();
      let buffer = '';
      for await (const chunk of events.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (data) onEvent(JSON.parse(data));
        }
      }
    })().catch(() => undefined);
    const nextEvent = (change: string) => new Promise<string>((resolve) => (onEvent = (e) => e.change === change && resolve(e.id)));
    const nextReply = () => new Promise<void>((resolve) => (api.onReply = (chat) => chat === CHAT && resolve()));

    await say('أريد التحدث مع وسيط');
    const created = nextEvent('created');
    await say('Bergamo');
    const id = await created;
    const get = () => fetch(`${base}/console/api/escalations/${id}`, { headers: { cookie } }).then((r) => r.json() as Promise<{ escalation: { messages: { text: string }[] } }>);

    const inbound: number[] = [];
    const outbound: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const text = `رسالة رقم ${round}`;
      const seen = nextEvent('message');
      const started = performance.now();
      await say(text);
      await seen;
      const { escalation } = await get();
      if (!escalation.messages.some((m) => m.text === text)) throw new Error(`message ${round} missing from the console`);
      inbound.push(performance.now() - started);

      const delivered = nextReply();
      const replyStarted = performance.now();
      const res = await fetch(`${base}/console/api/escalations/${id}/reply`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' }, body: JSON.stringify({ text: `رد ${round}` }) });
      if (res.status !== 200) throw new Error(`reply ${round}: ${res.status}`);
      await delivered;
      outbound.push(performance.now() - replyStarted);
    }
    print(`${ROUNDS} round trips on one escalation, Ponte in its own process, data on disk (lowdb), loopback`);
    print(`person → console (webhook call → live event → conversation fetched): ${stats(inbound)}`);
    print(`console → person (reply request → sendMessage at the Bot API):      ${stats(outbound)}`);
  } finally {
    stream.abort();
    ponte.kill();
    await api.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

function stats(ms: number[]): string {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))].toFixed(1);
  return `p50 ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${sorted[sorted.length - 1].toFixed(1)} ms`;
}
