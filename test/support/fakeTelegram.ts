import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { TEST_BOT, type TgChat, type TgMessage, type TgUser } from './telegramUpdates';

/**
 * A stand-in for the Telegram Bot API server (https://api.telegram.org), answering like the real one
 * (telegram-bot-api): `${url}/bot${token}/<method>`, parameters as JSON, form or query string, method
 * names case-insensitive, answers {ok:true,result} or {ok:false,error_code,description[,parameters]},
 * 401 for a wrong token, 404 "Not Found: method not found", 409 for getUpdates while a webhook is set
 * or when a newer getUpdates replaces a waiting one, 429 with parameters.retry_after and a
 * Retry-After header. It checks what a real server would refuse and a bot could get wrong (empty or
 * too long text, callback_data over 64 bytes, bad secret_token).
 */

export interface TelegramCall {
  /** As written in the path, e.g. 'sendMessage'. */
  method: string;
  /** As received: JSON body, form fields and query parameters merged. */
  body: any;
  /** Date.now() on arrival. */
  at: number;
  /** HTTP status answered; 0 while the call is still waiting (a long poll, a delay). */
  status: number;
}

export interface TelegramFailure {
  status: number;
  /** Defaults to what Telegram says for that status (403: the bot was blocked, 429: retry after N...). */
  description?: string;
  /** Seconds, for 429; default 1. */
  retryAfter?: number;
  /** How many calls in a row fail; default 1. */
  times?: number;
}

export interface TelegramWebhook {
  url?: string;
  secret_token?: string;
  allowed_updates?: string[];
  max_connections?: number;
}

export interface FakeTelegram {
  /** Base URL, e.g. http://127.0.0.1:PORT; calls go to `${url}/bot${token}/<method>`. */
  url: string;
  /** Every call received, in order (wrong-token and failed ones included). */
  calls: TelegramCall[];
  /** The sendMessage bodies the fake accepted, in order; only those for `chatId` if given. */
  sent(chatId?: number | string): any[];
  /** The next `times` calls of `method` fail with `failure`. Queued failures are used in order. */
  failNext(method: string, failure: TelegramFailure): void;
  /** Answer every later call after `ms` milliseconds (0 to stop). */
  delay(ms: number): void;
  /** Updates for getUpdates to return (kept in update_id order); wakes a waiting long poll. */
  queueUpdates(updates: object[]): void;
  /** Until unblockChat, sending to this chat fails with 403 "Forbidden: bot was blocked by the user". */
  blockChat(chatId: number | string): void;
  unblockChat(chatId: number | string): void;
  /** Makes getWebhookInfo report a delivery error, as Telegram does after failing to reach the webhook. */
  webhookError(message: string): void;
  /** The webhook as the last setWebhook left it ({} when none). */
  readonly webhook: TelegramWebhook;
  close(): Promise<void>;
}

type Params = Record<string, unknown>;

interface Reply {
  status: number;
  body: object;
  retryAfter?: number;
}

interface Waiting {
  res: http.ServerResponse;
  call: TelegramCall;
  offset: number;
  limit: number;
  timer: NodeJS.Timeout;
}

type Update = { update_id: number } & Record<string, unknown>;

const DEFAULT_EXCLUDED_UPDATES = new Set(['chat_member', 'message_reaction', 'message_reaction_count']);
const LONG_POLL_CAP_SECONDS = 1;

function ok(result: unknown, description?: string): Reply {
  return { status: 200, body: { ok: true, result, ...(description ? { description } : {}) } };
}

function fail(status: number, description: string, retryAfter?: number): Reply {
  return {
    status,
    body: { ok: false, error_code: status, description, ...(retryAfter !== undefined ? { parameters: { retry_after: retryAfter } } : {}) },
    ...(retryAfter !== undefined ? { retryAfter } : {}),
  };
}

function injected(failure: TelegramFailure): Reply {
  const { status } = failure;
  if (status === 429) {
    const retryAfter = failure.retryAfter ?? 1;
    return fail(429, failure.description ?? `Too Many Requests: retry after ${retryAfter}`, retryAfter);
  }
  const defaults: Record<number, string> = {
    400: 'Bad Request: chat not found',
    401: 'Unauthorized',
    403: 'Forbidden: bot was blocked by the user',
    404: 'Not Found',
    409: 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running',
  };
  return fail(status, failure.description ?? defaults[status] ?? (status >= 500 ? 'Internal Server Error' : 'Bad Request'));
}

/** A parameter that Telegram accepts either as JSON or as a JSON-encoded string (form and query parameters). */
function jsonParam(value: unknown): { value?: unknown; error?: true } {
  if (typeof value !== 'string') return { value };
  try {
    return { value: JSON.parse(value) };
  } catch {
    return { error: true };
  }
}

function text(value: unknown): string {
  return value === undefined || value === null ? '' : String(value);
}

/** Length Telegram checks, in UTF-16 code units, after HTML markup is parsed away. */
function visibleLength(value: string, parseMode: unknown): number {
  if (String(parseMode).toUpperCase() !== 'HTML') return value.length;
  return value
    .replace(/<[^>]*>/g, '')
    .replace(/&(lt|gt|amp|quot|#\d+|#x[0-9a-f]+);/gi, '_').length;
}

function checkReplyMarkup(raw: unknown): Reply | undefined {
  if (raw === undefined) return undefined;
  const parsed = jsonParam(raw);
  if (parsed.error || typeof parsed.value !== 'object' || parsed.value === null) {
    return fail(400, "Bad Request: can't parse reply keyboard markup JSON object");
  }
  const rows = (parsed.value as { inline_keyboard?: unknown }).inline_keyboard;
  if (rows === undefined) return undefined;
  if (!Array.isArray(rows) || rows.some((row) => !Array.isArray(row))) return fail(400, 'Bad Request: field "inline_keyboard" must be an Array of Arrays');
  for (const row of rows as unknown[][]) {
    for (const button of row) {
      const { text: label, callback_data: data } = (button ?? {}) as { text?: unknown; callback_data?: unknown };
      if (typeof label !== 'string') return fail(400, "Bad Request: can't find field \"text\"");
      if (data !== undefined && (typeof data !== 'string' || Buffer.byteLength(data) < 1 || Buffer.byteLength(data) > 64)) {
        return fail(400, 'Bad Request: BUTTON_DATA_INVALID');
      }
    }
  }
  return undefined;
}

function updateType(update: Update): string {
  return Object.keys(update).find((key) => key !== 'update_id') ?? '';
}

export async function startFakeTelegram(token: string): Promise<FakeTelegram> {
  const botId = Number(token.split(':')[0]);
  const bot: TgUser = { ...TEST_BOT, id: Number.isSafeInteger(botId) && botId > 0 ? botId : TEST_BOT.id };
  const calls: TelegramCall[] = [];
  const accepted: { chatId: string; body: Params }[] = [];
  const failures = new Map<string, { failure: TelegramFailure; remaining: number }[]>();
  const chats = new Map<string, TgChat>();
  const blocked = new Set<string>();
  const timers = new Set<NodeJS.Timeout>();
  let queue: Update[] = [];
  let delayMs = 0;
  let webhook: TelegramWebhook = {};
  let lastWebhookError: { date: number; message: string } | undefined;
  let allowedUpdates: string[] = [];
  let nextMessageId = 1;
  let waiting: Waiting | undefined;

  const later = (ms: number, run: () => void): NodeJS.Timeout => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      run();
    }, ms);
    timers.add(timer);
    return timer;
  };

  const answer = (res: http.ServerResponse, call: TelegramCall, reply: Reply): void => {
    call.status = reply.status;
    if (res.writableEnded || res.destroyed) return;
    const payload = JSON.stringify(reply.body);
    const headers: http.OutgoingHttpHeaders = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) };
    if (reply.retryAfter !== undefined) headers['retry-after'] = String(reply.retryAfter);
    // restify patches ServerResponse in the test process, so writeHead is not chainable here.
    res.writeHead(reply.status, headers);
    res.end(payload);
  };

  const chatOf = (chatId: unknown): TgChat => {
    const key = text(chatId);
    const known = chats.get(key);
    if (known) return known;
    if (key.startsWith('@')) return { id: -1001000000000 - chats.size, title: key.slice(1), username: key.slice(1), type: 'channel' };
    const id = Number(key);
    if (id > 0) return { id, first_name: 'Amina', type: 'private' };
    if (key.startsWith('-100')) return { id, title: 'Test supergroup', type: 'supergroup' };
    return { id, title: 'Test group', type: 'group' };
  };

  const message = (chatId: unknown, content: Partial<TgMessage>): TgMessage => ({
    message_id: nextMessageId++,
    from: bot,
    chat: chatOf(chatId),
    date: Math.floor(Date.now() / 1000),
    ...content,
  });

  const takeFailure = (method: string): TelegramFailure | undefined => {
    const list = failures.get(method.toLowerCase());
    const head = list?.[0];
    if (!list || !head) return undefined;
    if (--head.remaining <= 0) list.shift();
    return head.failure;
  };

  const isAllowed = (update: Update): boolean => {
    const type = updateType(update);
    return allowedUpdates.length ? allowedUpdates.includes(type) : !DEFAULT_EXCLUDED_UPDATES.has(type);
  };

  /** Forgets confirmed updates (id < offset; a negative offset keeps only the last -offset) and returns up to `limit`. */
  const pending = (offset: number, limit: number): Update[] => {
    if (offset < 0) queue = queue.slice(offset);
    else if (offset > 0) queue = queue.filter((update) => update.update_id >= offset);
    queue = queue.filter(isAllowed);
    return queue.slice(0, limit);
  };

  const finishWaiting = (reply?: Reply): void => {
    if (!waiting) return;
    const { res, call, offset, limit, timer } = waiting;
    waiting = undefined;
    clearTimeout(timer);
    timers.delete(timer);
    answer(res, call, reply ?? ok(pending(offset, limit)));
  };

  const setAllowedUpdates = (raw: unknown): Reply | undefined => {
    if (raw === undefined) return undefined;
    const parsed = jsonParam(raw);
    if (parsed.error || !Array.isArray(parsed.value)) return fail(400, "Bad Request: can't parse allowed updates");
    allowedUpdates = (parsed.value as unknown[]).map(String);
    return undefined;
  };

  const requireChat = (params: Params): Reply | undefined => {
    const chatId = text(params.chat_id);
    if (!chatId) return fail(400, 'Bad Request: chat_id is empty');
    if (blocked.has(chatId)) return fail(403, 'Forbidden: bot was blocked by the user');
    return undefined;
  };

  /** Runs one method; undefined means the answer comes later (a long poll). */
  const run = (method: string, params: Params, res: http.ServerResponse, call: TelegramCall): Reply | undefined => {
    switch (method.toLowerCase()) {
      case 'getme':
        return ok({
          ...bot,
          can_join_groups: true,
          can_read_all_group_messages: false,
          supports_inline_queries: false,
          can_connect_to_business: false,
          has_main_web_app: false,
        });
      case 'sendmessage': {
        const problem = requireChat(params) ?? checkReplyMarkup(params.reply_markup);
        if (problem) return problem;
        const body = text(params.text);
        if (!body.trim()) return fail(400, 'Bad Request: message text is empty');
        if (visibleLength(body, params.parse_mode) > 4096) return fail(400, 'Bad Request: message is too long');
        accepted.push({ chatId: text(params.chat_id), body: params });
        const markup = jsonParam(params.reply_markup).value as { inline_keyboard?: unknown } | undefined;
        return ok(message(params.chat_id, { text: body, ...(markup?.inline_keyboard ? { reply_markup: markup as TgMessage['reply_markup'] } : {}) }));
      }
      case 'sendlocation': {
        const problem = requireChat(params) ?? checkReplyMarkup(params.reply_markup);
        if (problem) return problem;
        if (params.latitude === undefined || params.latitude === '') return fail(400, 'Bad Request: latitude is empty');
        if (params.longitude === undefined || params.longitude === '') return fail(400, 'Bad Request: longitude is empty');
        return ok(message(params.chat_id, { location: { latitude: Number(params.latitude), longitude: Number(params.longitude) } }));
      }
      case 'answercallbackquery':
        if (!/^\d+$/.test(text(params.callback_query_id))) {
          return fail(400, 'Bad Request: query is too old and response timeout expired or query ID is invalid');
        }
        return ok(true);
      case 'setwebhook':
      case 'deletewebhook': {
        const url = method.toLowerCase() === 'setwebhook' ? text(params.url) : '';
        if (params.drop_pending_updates === true || params.drop_pending_updates === 'true') queue = [];
        if (!url) {
          const had = webhook.url !== undefined;
          webhook = {};
          return ok(true, had ? 'Webhook was deleted' : 'Webhook is already deleted');
        }
        try {
          new URL(url);
        } catch {
          return fail(400, 'Bad Request: invalid webhook URL specified');
        }
        const secret = params.secret_token === undefined ? undefined : text(params.secret_token);
        if (secret !== undefined && secret.length > 256) return fail(400, 'Bad Request: secret token is too long');
        if (secret !== undefined && !/^[A-Za-z0-9_-]*$/.test(secret)) return fail(400, 'Bad Request: secret token contains unallowed characters');
        const problem = setAllowedUpdates(params.allowed_updates);
        if (problem) return problem;
        const unchanged = webhook.url === url && webhook.secret_token === (secret || undefined);
        webhook = {
          url,
          ...(secret ? { secret_token: secret } : {}),
          ...(params.allowed_updates !== undefined ? { allowed_updates: allowedUpdates } : {}),
          max_connections: params.max_connections !== undefined ? Number(params.max_connections) : 40,
        };
        finishWaiting(fail(409, 'Conflict: terminated by setWebhook request'));
        return ok(true, unchanged ? 'Webhook is already set' : 'Webhook was set');
      }
      case 'getwebhookinfo':
        return ok({
          url: webhook.url ?? '',
          has_custom_certificate: false,
          pending_update_count: queue.filter(isAllowed).length,
          ...(lastWebhookError ? { last_error_date: lastWebhookError.date, last_error_message: lastWebhookError.message } : {}),
          ...(webhook.url ? { max_connections: webhook.max_connections ?? 40, ip_address: '127.0.0.1' } : {}),
          ...(allowedUpdates.length ? { allowed_updates: allowedUpdates } : {}),
        });
      case 'getupdates': {
        if (webhook.url) {
          return fail(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
        }
        finishWaiting(fail(409, 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running'));
        const problem = setAllowedUpdates(params.allowed_updates);
        if (problem) return problem;
        const offset = Math.trunc(Number(params.offset ?? 0)) || 0;
        const limit = Math.min(100, Math.max(1, Math.trunc(Number(params.limit ?? 100)) || 100));
        const timeout = Math.max(0, Number(params.timeout ?? 0) || 0);
        const ready = pending(offset, limit);
        if (ready.length || timeout === 0) return ok(ready);
        const timer = later(Math.min(timeout, LONG_POLL_CAP_SECONDS) * 1000, () => finishWaiting());
        waiting = { res, call, offset, limit, timer };
        return undefined;
      }
      default:
        return fail(404, 'Not Found: method not found');
    }
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const target = new URL(req.url ?? '/', 'http://127.0.0.1');
      const raw = Buffer.concat(chunks).toString('utf8');
      const params: Params = Object.fromEntries(target.searchParams);
      if (raw) {
        if ((req.headers['content-type'] ?? '').includes('application/x-www-form-urlencoded')) {
          Object.assign(params, Object.fromEntries(new URLSearchParams(raw)));
        } else {
          try {
            const parsed: unknown = JSON.parse(raw);
            if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) Object.assign(params, parsed);
          } catch {
            // Telegram ignores a body it cannot read; the method then reports what is missing.
          }
        }
      }
      const match = /^\/bot([^/]*)\/([^/]*)$/.exec(target.pathname);
      const call: TelegramCall = { method: match?.[2] ?? target.pathname, body: params, at: Date.now(), status: 0 };
      calls.push(call);
      const respond = (): void => {
        if (!match) return answer(res, call, fail(404, 'Not Found'));
        if (match[1] !== token) return answer(res, call, fail(401, 'Unauthorized'));
        const failure = takeFailure(match[2]);
        if (failure) return answer(res, call, injected(failure));
        const reply = run(match[2], params, res, call);
        if (reply) answer(res, call, reply);
      };
      if (delayMs > 0) later(delayMs, respond);
      else respond();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    sent: (chatId) => accepted.filter((entry) => chatId === undefined || entry.chatId === String(chatId)).map((entry) => entry.body),
    failNext: (method, failure) => {
      const key = method.toLowerCase();
      failures.set(key, [...(failures.get(key) ?? []), { failure, remaining: Math.max(1, failure.times ?? 1) }]);
    },
    delay: (ms) => {
      delayMs = Math.max(0, ms);
    },
    queueUpdates: (updates) => {
      for (const update of updates) {
        const id = (update as { update_id?: unknown }).update_id;
        if (typeof id !== 'number') throw new Error('fakeTelegram.queueUpdates: every update needs a numeric update_id');
        const typed = update as Update;
        for (const key of ['message', 'edited_message', 'my_chat_member']) {
          const chat = (typed[key] as { chat?: TgChat } | undefined)?.chat;
          if (chat) chats.set(String(chat.id), chat);
        }
        const callbackChat = (typed.callback_query as { message?: { chat?: TgChat } } | undefined)?.message?.chat;
        if (callbackChat) chats.set(String(callbackChat.id), callbackChat);
        queue.push(typed);
      }
      queue.sort((a, b) => a.update_id - b.update_id);
      if (waiting && pending(waiting.offset, waiting.limit).length) finishWaiting();
    },
    blockChat: (chatId) => {
      blocked.add(String(chatId));
    },
    unblockChat: (chatId) => {
      blocked.delete(String(chatId));
    },
    webhookError: (message) => {
      lastWebhookError = { date: Math.floor(Date.now() / 1000), message };
    },
    get webhook() {
      return webhook;
    },
    close: async () => {
      finishWaiting(ok([]));
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
