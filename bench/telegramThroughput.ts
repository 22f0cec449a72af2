/**
 * Drives the Telegram webhook with many simulated chats over loopback, against a fake Bot API in this
 * process, with Ponte in its own process and its state persisted as in production (lowdb on disk).
 * Prints messages/s, p50/p99 latency from the webhook call to the fake API receiving the reply, and
 * Ponte's peak RSS; runs the same loads against a stateless echo bot (bench/echoBot.ts) for the ratio.
 * Run: npm run bench -- telegram
 */
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { PROJECT_ROOT } from '../src/projectRoot';

const TOKEN = '123456789:BENCH-token-for-the-fake-bot-api';
const SECRET = 'bench-secret-0123456789abcdef';
const QUESTIONS = [
  'come rinnovo il permesso di soggiorno',
  'how do i register with the health service',
  'comment inscrire mon fils a l ecole',
  'cuanto cuesta el codice fiscale',
  'كيف أجدد permesso di soggiorno',
  'як записати дитину в перший клас',
  '居留许可怎么续签',
  'si te regjistrohem ne sherbimin shendetesor',
  'grazie',
  'what is the weather tomorrow',
];

/**
 * Each chat goes round the questions in turn, so no chat asks the out-of-scope one twice in a row: two
 * answers in a row Ponte cannot give hand the chat to a person, and a chat with a person gets no bot
 * replies to count.
 */
function questionFor(chatId: number, nth: number): string {
  return QUESTIONS[(chatId + nth) % QUESTIONS.length];
}

export interface FakeApi {
  url: string;
  /** Called with the chat id when a sendMessage arrives. */
  onReply: (chatId: number) => void;
  close: () => Promise<void>;
}

export async function startFakeApi(): Promise<FakeApi> {
  let nextId = 1;
  const api: FakeApi = { url: '', onReply: () => undefined, close: async () => undefined };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
      if (req.url?.endsWith('/sendMessage')) api.onReply(Number(body.chat_id));
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: true, result: { message_id: nextId++, chat: { id: body.chat_id }, date: 0, text: '' } }));
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  api.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  api.close = () => new Promise((resolve) => server.close(() => resolve()));
  return api;
}

/** Starts a server process (its logs go nowhere, as to a log shipper) and waits until it answers. */
export async function startProcess(script: string, env: Record<string, string>, readyUrl: string): Promise<ChildProcess> {
  // BENCH_PROFILE=DIR writes a CPU profile of each server to DIR, to see where a turn's time goes.
  const execArgv = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
  const child = fork(script, [], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit', 'ipc'], execArgv });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${script} exited with ${child.exitCode}`);
    const ok = await fetch(readyUrl).then((r) => r.status < 500, () => false);
    if (ok) return child;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill();
  throw new Error(`${script} did not start`);
}

export async function freePort(): Promise<number> {
  const probe = http.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

function peakRssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });
let updateId = 1;

function postUpdate(base: string, chatId: number, text: string): Promise<number> {
  const body = JSON.stringify({ update_id: updateId++, message: { message_id: updateId, from: { id: chatId, is_bot: false, first_name: 'Bench', language_code: 'it' }, chat: { id: chatId, type: 'private' }, date: 0, text } });
  return new Promise((resolve, reject) => {
    const request = http.request(`${base}/webhooks/telegram`, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-telegram-bot-api-secret-token': SECRET } }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    request.on('error', reject);
    request.end(body);
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN;
}

/** Tracks, per chat, when each message was sent, and matches the replies the fake API receives. */
class LatencyMeter {
  private readonly pending = new Map<number, number[]>();
  readonly latencies: number[] = [];
  replies = 0;

  sent(chatId: number): void {
    const queue = this.pending.get(chatId) ?? [];
    queue.push(performance.now());
    this.pending.set(chatId, queue);
  }

  replied(chatId: number): void {
    const started = this.pending.get(chatId)?.shift();
    this.replies++;
    if (started !== undefined) this.latencies.push(performance.now() - started);
  }

  summary(seconds: number): string {
    const sorted = [...this.latencies].sort((a, b) => a - b);
    return `${(this.replies / seconds).toFixed(0)} msg/s, p50 ${percentile(sorted, 50).toFixed(1)} ms, p99 ${percentile(sorted, 99).toFixed(1)} ms`;
  }
}

/** Messages offered at a fixed rate, spread over the chats, whatever the pace of the answers. */
async function steady(base: string, api: FakeApi, rate: number, seconds: number, chats: number, chatBase: number): Promise<string> {
  const meter = new LatencyMeter();
  api.onReply = (chatId) => meter.replied(chatId);
  const total = rate * seconds;
  const started = performance.now();
  const inflight: Promise<number>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    const chatId = chatBase + (i % chats);
    meter.sent(chatId);
    inflight.push(postUpdate(base, chatId, questionFor(chatId, Math.floor(i / chats))));
  }
  await Promise.all(inflight);
  await new Promise((resolve) => setTimeout(resolve, 200));
  return `offered ${rate}/s over ${chats} chats for ${seconds} s: ${meter.summary((performance.now() - started) / 1000)}`;
}

/** Each chat sends its next message as soon as the previous one is acknowledged. */
async function saturation(base: string, api: FakeApi, seconds: number, chats: number, chatBase: number): Promise<string> {
  const meter = new LatencyMeter();
  api.onReply = (chatId) => meter.replied(chatId);
  const until = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: chats }, async (_, c) => {
      const chatId = chatBase + c;
      for (let k = 0; performance.now() < until; k++) {
        meter.sent(chatId);
        await postUpdate(base, chatId, questionFor(chatId, k));
      }
    }),
  );
  return `saturation, ${chats} chats for ${seconds} s: ${meter.summary((performance.now() - started) / 1000)}`;
}

async function warm(base: string, chats: number, chatBase: number): Promise<void> {
  // First contact sends the welcome too: greet every chat once before measuring.
  for (let c = 0; c < chats; c += 50) await Promise.all(Array.from({ length: Math.min(50, chats - c) }, (_, k) => postUpdate(base, chatBase + c + k, 'ciao')));
}

export async function telegramThroughput(print: (line: string) => void): Promise<void> {
  const api = await startFakeApi();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ponte-bench-'));
  const env = { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_SECRET: SECRET, TELEGRAM_API_BASE_URL: api.url, LOG_LEVEL: 'info', HOST: '127.0.0.1' };
  const seconds = Number(process.env.BENCH_SECONDS ?? 10);
  const rate = Number(process.env.BENCH_RATE ?? 1000);
  print(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; load generator, fake API and bot share these cores`);

  const children: ChildProcess[] = [];
  try {
  const ponteBase = `http://127.0.0.1:${await freePort()}`;
  const ponte = await startProcess(path.join(PROJECT_ROOT, 'dist', 'src', 'index.js'), { ...env, PORT: new URL(ponteBase).port, DATA_DIR: dataDir }, `${ponteBase}/healthz`);
  children.push(ponte);
  await warm(ponteBase, 200, 1_000_000);
  print(`Ponte  ${await steady(ponteBase, api, rate, seconds, 200, 1_000_000)}`);
  const ponteSaturation = await saturation(ponteBase, api, seconds, 200, 1_000_000);
  print(`Ponte  ${ponteSaturation}`);
  await warm(ponteBase, 2000, 2_000_000);
  print(`Ponte  ${await steady(ponteBase, api, Math.round(rate / 2), seconds, 2000, 2_000_000)} (state of 2,200 people on disk)`);
  const stateBytes = fs.readdirSync(path.join(dataDir, 'state')).reduce((sum, f) => sum + fs.statSync(path.join(dataDir, 'state', f)).size, 0);
  print(`Ponte  peak RSS ${peakRssMb(ponte.pid!).toFixed(0)} MB; state on disk ${(stateBytes / 1024).toFixed(0)} KiB in 16 shards`);
  ponte.kill('SIGINT'); // a clean stop (and, with BENCH_PROFILE, its CPU profile) before the echo bot runs

  const echoBase = `http://127.0.0.1:${await freePort()}`;
  const echo = await startProcess(path.join(PROJECT_ROOT, 'dist', 'bench', 'echoBot.js'), { ...env, PORT: new URL(echoBase).port }, `${echoBase}/`);
  children.push(echo);
  print(`echo   ${await steady(echoBase, api, rate, seconds, 200, 3_000_000)}`);
  const echoSaturation = await saturation(echoBase, api, seconds, 200, 3_000_000);
  print(`echo   ${echoSaturation}`);
  echo.kill('SIGTERM');
  const rateOf = (line: string) => Number(/: (\d+) msg\/s/.exec(line)?.[1] ?? 0);
  print(`Ponte reaches ${((100 * rateOf(ponteSaturation)) / Math.max(1, rateOf(echoSaturation))).toFixed(0)}% of the harness's own limit (saturation, Ponte / echo).`);
  } finally {
    for (const child of children) child.kill('SIGINT');
  }
  await api.close();
  agent.destroy();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
