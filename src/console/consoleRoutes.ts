import fs from 'node:fs';
import path from 'node:path';
import restify, { type Request, type Response, type Server } from 'restify';
import type { Logger } from 'pino';
import { canSee, type ConsoleAction } from '../core/handoff/escalation';
import { summarize } from '../core/handoff/summary';
import type { KnowledgeSnapshot } from '../core/knowledge/knowledgeSnapshot';
import { ENDONYMS, isLang, type Lang } from '../core/language/languages';
import { toRomeTime } from '../core/routing/openingHours';
import type { HandoffService } from '../handoff/handoffService';
import type { Translate } from '../i18n';
import type { UserStore } from '../storage/userStore';
import { answerMessage } from '../../dialogs/answerMessage';
import { publicView, type AccountInput, type Accounts } from './accounts';
import { escalationView } from './escalationView';
import type { LoginLimiter } from './loginLimiter';
import { DUMMY_HASH, verifyPassword } from './passwords';
import { SESSION_IDLE_MS, type Sessions } from './sessions';
import { secureHeaders, SESSION_COOKIE, type ConsoleHttp } from './consoleHttp';
import { PROJECT_ROOT } from '../projectRoot';

export interface ConsoleParts {
  http: ConsoleHttp;
  handoff: HandoffService;
  accounts: Accounts;
  users: UserStore;
  sessions: Sessions;
  limiter: LoginLimiter;
  knowledge: () => KnowledgeSnapshot;
  t: Translate;
  localesDir: string;
  secureCookies: boolean;
  logger: Logger;
  now?: () => number;
}

const ADMINS = { roles: ['admin'] } as const;
const WEB_DIR = path.join(PROJECT_ROOT, 'src', 'console', 'web');
const STATIC_FILES: Record<string, { file: string; type: string }> = {
  'console.js': { file: path.join(WEB_DIR, 'console.js'), type: 'text/javascript; charset=utf-8' },
  'console.css': { file: path.join(WEB_DIR, 'console.css'), type: 'text/css; charset=utf-8' },
  'editor.js': { file: path.join(WEB_DIR, 'editor.js'), type: 'text/javascript; charset=utf-8' },
  // The package's exports hide its browser build; it sits beside the CommonJS one.
  'vendor/i18next.js': { file: path.join(path.dirname(require.resolve('i18next')), '..', 'umd', 'i18next.min.js'), type: 'text/javascript; charset=utf-8' },
};
const MAX_REPLY_CHARS = 4000;
const EVENT_PING_MS = 25_000;

/**
 * The operators' console: its page, its JSON API (docs/console-api.md) and its live event stream,
 * mounted on the bot's own server. Returns a function that ends the open event streams on shutdown.
 */
export function mountConsole(server: Server, parts: ConsoleParts): () => void {
  const now = parts.now ?? Date.now;
  const json = restify.plugins.bodyParser({ maxBodySize: 64 * 1024, mapParams: false });
  const streams = new Set<Response>();

  const { send, caller, api } = parts.http;

  const view = (escalation: Parameters<typeof escalationView>[0], messages: 'newest' | 'all') =>
    escalationView(escalation, {
      knowledge: parts.knowledge(),
      operators: parts.users.cached(),
      canSendTemplate: (e) => parts.handoff.canSendTemplate(e),
      now: now(),
      messages,
    });

  // --- the page ---
  const page = async (_req: Request, res: Response) => {
    secureHeaders(res);
    res.sendRaw(200, fs.readFileSync(path.join(WEB_DIR, 'index.html')), { 'content-type': 'text/html; charset=utf-8' });
  };
  server.get('/console', page);
  server.get('/console/', page);
  // Browsers ask for it on every page; an empty answer keeps their consoles free of 404s.
  server.get('/favicon.ico', async (_req: Request, res: Response) => send(res, 204));
  server.get('/console/static/*', async (req: Request, res: Response) => {
    const asset = STATIC_FILES[req.path().slice('/console/static/'.length)];
    if (!asset) return send(res, 404, { error: 'not-found' });
    secureHeaders(res);
    res.sendRaw(200, fs.readFileSync(asset.file), { 'content-type': asset.type });
  });
  server.get('/console/api/i18n/:lng', async (req: Request, res: Response) => {
    const lng = req.params.lng === 'en' ? 'en' : 'it';
    send(res, 200, JSON.parse(fs.readFileSync(path.join(parts.localesDir, lng, 'console.json'), 'utf8')));
  });

  // --- signing in and out ---
  server.post('/console/api/login', ...json, async (req: Request, res: Response) => {
    // A cross-site form cannot send JSON without the browser asking first: with the Origin check, no login CSRF.
    if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) return send(res, 415, { error: 'json-only' });
    if (req.headers.origin && !sameOrigin(String(req.headers.origin), String(req.headers.host ?? ''))) return send(res, 403, { error: 'csrf' });
    const body = (req.body ?? {}) as { username?: unknown; password?: unknown };
    const username = typeof body.username === 'string' ? body.username.trim().toLowerCase() : '';
    const password = typeof body.password === 'string' ? body.password : '';
    const address = req.socket.remoteAddress ?? '';
    const wait = parts.limiter.retryAfter(username, address, now());
    if (wait > 0) {
      res.header('retry-after', String(wait));
      return send(res, 429, { error: 'rate-limited', retryAfter: wait });
    }
    const account = username ? await parts.users.get(username) : undefined;
    // Hash even for an unknown name, so the answer's timing does not tell which names exist.
    const valid = await verifyPassword(account?.passwordHash ?? DUMMY_HASH, password);
    if (!account || !valid) {
      parts.limiter.failed(username, address, now());
      parts.logger.warn({ event: 'loginFailed', known: Boolean(account) }, 'console sign-in refused');
      return send(res, 401, { error: 'invalid-login' });
    }
    parts.limiter.succeeded(username);
    const { token, csrf } = await parts.sessions.create(account.name, now());
    res.header('set-cookie', sessionCookie(token, SESSION_IDLE_MS / 1000, parts.secureCookies));
    parts.logger.info({ event: 'login', user: account.name, role: account.role }, 'console sign-in');
    send(res, 200, { user: publicView(account), csrf });
  });
  server.get('/console/api/me', api(async (_req, res, who) => send(res, 200, { user: publicView(who.account), csrf: who.csrf })));
  server.post('/console/api/logout', api(async (_req, res, who) => {
    await parts.sessions.destroy(who.token);
    res.header('set-cookie', sessionCookie('', 0, parts.secureCookies));
    send(res, 204);
  }));

  // --- escalations ---
  server.get('/console/api/escalations', restify.plugins.queryParser({ mapParams: false }), api(async (req, res, who) => {
    const which = (req.query as { status?: string }).status === 'closed' ? 'closed' : 'open';
    send(res, 200, { escalations: parts.handoff.list(who.account, which).map((e) => view(e, 'newest')) });
  }));
  server.get('/console/api/escalations/:id', api(async (req, res, who) => {
    send(res, 200, { escalation: view(parts.handoff.forOperator(who.account, req.params.id), 'all') });
  }));
  for (const kind of ['claim', 'resolve', 'abandon'] as const) {
    server.post(`/console/api/escalations/:id/${kind}`, api(async (req, res, who) => {
      send(res, 200, { escalation: view(await parts.handoff.act(who.account, req.params.id, { kind }), 'all') });
    }));
  }
  server.post('/console/api/escalations/:id/transfer', ...json, api(async (req, res, who) => {
    const body = (req.body ?? {}) as { deskId?: unknown; operator?: unknown };
    const action: ConsoleAction = {
      kind: 'transfer',
      deskId: typeof body.deskId === 'string' && body.deskId ? body.deskId : undefined,
      operator: typeof body.operator === 'string' && body.operator ? body.operator : undefined,
    };
    send(res, 200, { escalation: view(await parts.handoff.act(who.account, req.params.id, action), 'all') });
  }));
  server.post('/console/api/escalations/:id/reply', ...json, api(async (req, res, who) => {
    const text = typeof (req.body as { text?: unknown } | undefined)?.text === 'string' ? (req.body as { text: string }).text.trim() : '';
    if (!text || text.length > MAX_REPLY_CHARS) return send(res, 400, { error: 'invalid', problems: [{ field: 'text', message: `1 to ${MAX_REPLY_CHARS} characters` }] });
    const { escalation, problem } = await parts.handoff.reply(who.account, req.params.id, text);
    if (problem) return send(res, 502, { error: 'delivery', problem, escalation: view(escalation, 'all') });
    send(res, 200, { escalation: view(escalation, 'all') });
  }));
  server.post('/console/api/escalations/:id/template', api(async (req, res, who) => {
    const { escalation, problem } = await parts.handoff.sendTemplate(who.account, req.params.id);
    if (problem) return send(res, 502, { error: 'delivery', problem, escalation: view(escalation, 'all') });
    send(res, 200, { escalation: view(escalation, 'all') });
  }));

  // --- what an operator needs beside the queue ---
  server.get('/console/api/knowledge', restify.plugins.queryParser({ mapParams: false }), api(async (req, res) => {
    const asked = (req.query as { lang?: string }).lang ?? 'it';
    const lang: Lang = isLang(asked) ? asked : 'it';
    const knowledge = parts.knowledge();
    const topics = knowledge.knowledge.entries.flatMap((entry) => {
      const found = knowledge.text(entry.id, lang);
      return found ? [{ id: entry.id, title: found.text.title, lang: found.lang, answer: answerMessage(found.text.answer, entry, found.lang, parts.t) }] : [];
    });
    send(res, 200, { topics });
  }));
  server.get('/console/api/desks', api(async (_req, res) => {
    send(res, 200, { desks: parts.knowledge().desks.desks.map((d) => ({ id: d.id, name: d.name, type: d.type, province: d.province, sample: d.sample })) });
  }));
  server.get('/console/api/operators', api(async (_req, res) => {
    send(res, 200, { operators: (await parts.users.all()).filter((u) => u.role !== 'editor').map((u) => ({ name: u.name, desks: u.desks, languages: u.languages })) });
  }));
  server.get('/console/api/summary', restify.plugins.queryParser({ mapParams: false }), api(async (req, res, who) => {
    const days = [7, 30, 90].includes(Number((req.query as { days?: string }).days)) ? Number((req.query as { days?: string }).days) : 30;
    const knowledge = parts.knowledge();
    const summary = summarize(parts.handoff.visibleTo(who.account), now(), days, (at) => toRomeTime(new Date(at)).date);
    const label = (rows: typeof summary.byDesk, name: (key: string) => string | undefined) => rows.map((row) => ({ ...row, label: name(row.key) ?? row.key }));
    send(res, 200, {
      ...summary,
      byDesk: label(summary.byDesk, (key) => knowledge.desks.byId(key)?.name),
      byLanguage: label(summary.byLanguage, (key) => (isLang(key) ? ENDONYMS[key] : undefined)),
      byTopic: label(summary.byTopic, (key) => knowledge.text(key, 'it')?.text.title),
    });
  }));

  // --- accounts (admins) ---
  server.get('/console/api/users', api(async (_req, res) => send(res, 200, { users: await parts.accounts.list() }), ADMINS));
  server.post('/console/api/users', ...json, api(async (req, res) => send(res, 201, { user: await parts.accounts.save(accountInput(req.body), true) }), ADMINS));
  server.put('/console/api/users/:name', ...json, api(async (req, res) => {
    const input = accountInput({ ...(req.body as object), name: req.params.name });
    const user = await parts.accounts.save(input, false);
    if (input.password) await parts.sessions.destroyUser(user.name);
    send(res, 200, { user });
  }, ADMINS));
  server.del('/console/api/users/:name', api(async (req, res, who) => {
    if (req.params.name === who.account.name) return send(res, 400, { error: 'invalid', problems: [{ field: 'name', message: 'you cannot remove your own account' }] });
    if (!(await parts.accounts.remove(req.params.name))) return send(res, 404, { error: 'not-found' });
    await parts.sessions.destroyUser(req.params.name);
    send(res, 204);
  }, ADMINS));

  // --- live queue ---
  server.get('/console/api/events', async (req: Request, res: Response) => {
    const who = await caller(req);
    if (!who) return send(res, 401, { error: 'signed-out' });
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    res.write(': connected\n\n');
    streams.add(res);
    const stop = parts.handoff.onChange((escalation, change) => {
      // The account may have changed desks since the stream opened: ask again each time.
      const account = parts.users.cached().find((u) => u.name === who.account.name);
      if (account && canSee(account, escalation)) res.write(`event: escalation\ndata: ${JSON.stringify({ id: escalation.id, change })}\n\n`);
    });
    const ping = setInterval(() => res.write(': ping\n\n'), EVENT_PING_MS);
    await new Promise<void>((resolve) => {
      req.once('close', resolve);
      res.once('close', resolve);
    });
    stop();
    clearInterval(ping);
    streams.delete(res);
  });

  return () => {
    for (const stream of streams) stream.end();
  };
}

function accountInput(body: unknown): AccountInput {
  const b = (body ?? {}) as Record<string, unknown>;
  const list = (value: unknown) => (Array.isArray(value) ? value.map(String) : typeof value === 'string' ? value.split(',').map((s) => s.trim()).filter(Boolean) : []);
  return {
    name: typeof b.name === 'string' ? b.name.trim().toLowerCase() : '',
    password: typeof b.password === 'string' && b.password ? b.password : undefined,
    role: typeof b.role === 'string' ? b.role : '',
    desks: list(b.desks),
    languages: list(b.languages),
  };
}

function sessionCookie(token: string, maxAgeSeconds: number, secure: boolean): string {
  return `${SESSION_COOKIE}=${token}; Path=/console; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}${secure ? '; Secure' : ''}`;
}

function sameOrigin(origin: string, host: string): boolean {
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
