import http from 'node:http';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for the WhatsApp Cloud API (graph.facebook.com): POST `/${version}/${phoneNumberId}/messages`
 * with `Authorization: Bearer <accessToken>`. Answers like the Graph API: on success
 * {messaging_product, contacts:[{input, wa_id}], messages:[{id:'wamid.…'}]}, a read receipt
 * ({status:'read', message_id}) gets {success:true}; errors are
 * {error:{message:'(#code) …', type, code, error_data:{messaging_product, details}, error_subcode?, fbtrace_id}}.
 * It refuses what Cloud API refuses and a bot could get wrong: a missing messaging_product or `to`,
 * text over 4096 characters, reply buttons (1–3, title ≤ 20, id ≤ 256) and lists (≤ 10 rows,
 * row title ≤ 24, description ≤ 72, id ≤ 200, button ≤ 20) out of bounds, interactive body over 1024.
 */

export interface WhatsAppCall {
  method: string;
  path: string;
  /** As received (parsed JSON, or the raw text when it was not JSON). */
  body: any;
  /** Date.now() on arrival. */
  at: number;
  /** HTTP status answered; 0 while the answer is delayed. */
  status: number;
}

export interface WhatsAppFailure {
  /** HTTP status: 400 for most Graph errors, 401 for tokens, 429 for throughput. */
  status: number;
  /** Graph error code: 131047 (24-hour window), 130429 / 131056 (rate limits), 131026, 131008, 190... */
  code: number;
  /** Defaults to Meta's text for the code, prefixed "(#code)" like the real API. */
  message?: string;
  /** error_data.details; defaults to Meta's text for the code. */
  details?: string;
  error_subcode?: number;
  /** Graph error type; default 'OAuthException'. */
  type?: string;
  /** How many sends in a row fail; default 1. */
  times?: number;
}

export interface FakeWhatsApp {
  url: string;
  /** Every request received, in order (refused ones included). */
  calls: WhatsAppCall[];
  /** Message bodies the fake accepted (read receipts excluded), in order; only those to `to` if given. */
  sent(to?: string): any[];
  /** Read receipts / typing indicators accepted ({status:'read', message_id, ...}), in order. */
  reads(): any[];
  /** The next `times` message sends fail with this Graph error (read receipts are not affected). */
  failNext(failure: WhatsAppFailure): void;
  /** Answer every later request after `ms` milliseconds (0 to stop). */
  delay(ms: number): void;
  /**
   * The 24-hour customer-service window with this number closes: like Cloud API, every message but
   * an approved template fails with 131047 until `openWindow` (the person wrote again).
   */
  closeWindow(to: string): void;
  openWindow(to: string): void;
  close(): Promise<void>;
}

interface GraphError {
  message: string;
  type: string;
  code: number;
  error_data?: { messaging_product: 'whatsapp'; details: string };
  error_subcode?: number;
  fbtrace_id: string;
}

interface Reply {
  status: number;
  body: object;
  headers?: http.OutgoingHttpHeaders;
}

/** Meta's titles and details for the codes tests are likely to use. */
export const GRAPH_ERRORS: Record<number, { message: string; details?: string }> = {
  0: { message: 'AuthException', details: 'We were unable to authenticate the app user.' },
  4: { message: 'Application request limit reached' },
  100: { message: 'Invalid parameter' },
  190: { message: 'Invalid OAuth access token - Cannot parse access token' },
  131000: { message: 'Something went wrong', details: 'Message failed to send due to an unknown error.' },
  131005: { message: 'Access denied', details: 'Permission is either not granted or has been removed.' },
  131008: { message: 'Required parameter is missing', details: 'The request is missing a required parameter.' },
  131009: { message: 'Parameter value is not valid', details: 'One or more parameter values are invalid.' },
  131026: { message: 'Message Undeliverable', details: 'Unable to deliver message.' },
  131047: {
    message: 'Re-engagement message',
    details: 'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
  },
  131056: {
    message: '(Business Account, Consumer Account) pair rate limit hit',
    details: 'Too many messages sent from the sender phone number to the same recipient phone number in a short period of time.',
  },
  130429: { message: 'Rate limit hit', details: 'Cloud API message throughput has been reached.' },
};

function fbtraceId(): string {
  return randomBytes(9).toString('base64').replace(/[+/=]/g, 'A');
}

function graphError(status: number, code: number, options: { message?: string; details?: string; type?: string; error_subcode?: number } = {}): Reply {
  const known = GRAPH_ERRORS[code];
  const title = options.message ?? known?.message ?? 'An unknown error occurred';
  const details = options.details ?? known?.details;
  const error: GraphError = {
    message: /^\(#\d+\)/.test(title) || code === 190 ? title : `(#${code}) ${title}`,
    type: options.type ?? 'OAuthException',
    code,
    ...(details !== undefined ? { error_data: { messaging_product: 'whatsapp' as const, details } } : {}),
    ...(options.error_subcode !== undefined ? { error_subcode: options.error_subcode } : {}),
    fbtrace_id: fbtraceId(),
  };
  const headers: http.OutgoingHttpHeaders =
    status === 401 || code === 190 ? { 'www-authenticate': `OAuth "Facebook Platform" "invalid_token" "${error.message}"` } : {};
  return { status, body: { error }, headers };
}

const invalid = (details: string): Reply => graphError(400, 131009, { details });
const missing = (name: string): Reply => graphError(400, 100, { message: `The parameter ${name} is required.` });

/** Cloud API takes numbers with or without "+" and formatting; wa_id is the bare digits. */
function digits(phone: string): string {
  return phone.replace(/\D/g, '');
}

function chars(value: unknown): number {
  return [...String(value ?? '')].length;
}

function checkInteractive(interactive: unknown): Reply | undefined {
  if (typeof interactive !== 'object' || interactive === null) return missing('interactive');
  const { type, body, header, footer, action } = interactive as {
    type?: unknown;
    body?: { text?: unknown };
    header?: { type?: unknown; text?: unknown };
    footer?: { text?: unknown };
    action?: { buttons?: unknown; button?: unknown; sections?: unknown };
  };
  if (!body || typeof body.text !== 'string' || !body.text) return missing("interactive['body']['text']");
  if (chars(body.text) > 1024) return invalid('Body text length invalid. Min length: 1, Max length: 1024');
  if (header?.type === 'text' && chars(header.text) > 60) return invalid('Header text length invalid. Min length: 1, Max length: 60');
  if (footer && chars(footer.text) > 60) return invalid('Footer text length invalid. Min length: 1, Max length: 60');
  if (!action) return missing("interactive['action']");
  if (type === 'button') {
    const buttons = Array.isArray(action.buttons) ? (action.buttons as { type?: unknown; reply?: { id?: unknown; title?: unknown } }[]) : [];
    if (buttons.length < 1 || buttons.length > 3) return invalid('Buttons count invalid. Min: 1, Max: 3');
    const titles = new Set<string>();
    for (const button of buttons) {
      const title = button.reply?.title;
      const id = button.reply?.id;
      if (button.type !== 'reply' || typeof title !== 'string' || typeof id !== 'string') return missing("interactive['action']['buttons'][]['reply']");
      if (chars(title) < 1 || chars(title) > 20) return invalid('Button title length invalid. Min length: 1, Max length: 20');
      if (chars(id) < 1 || chars(id) > 256) return invalid('Button id length invalid. Min length: 1, Max length: 256');
      if (titles.has(title)) return invalid('Button title is not unique');
      titles.add(title);
    }
    return undefined;
  }
  if (type === 'list') {
    if (typeof action.button !== 'string' || chars(action.button) < 1 || chars(action.button) > 20) {
      return invalid('Button text length invalid. Min length: 1, Max length: 20');
    }
    const sections = Array.isArray(action.sections) ? (action.sections as { title?: unknown; rows?: unknown }[]) : [];
    if (sections.length < 1 || sections.length > 10) return invalid('Sections count invalid. Min: 1, Max: 10');
    let rowCount = 0;
    const ids = new Set<string>();
    for (const section of sections) {
      if (sections.length > 1 && (typeof section.title !== 'string' || !section.title)) return missing("interactive['action']['sections'][]['title']");
      if (section.title !== undefined && chars(section.title) > 24) return invalid('Section title length invalid. Min length: 1, Max length: 24');
      const rows = Array.isArray(section.rows) ? (section.rows as { id?: unknown; title?: unknown; description?: unknown }[]) : [];
      if (rows.length < 1) return missing("interactive['action']['sections'][]['rows']");
      for (const row of rows) {
        rowCount++;
        if (typeof row.id !== 'string' || typeof row.title !== 'string') return missing("interactive['action']['sections'][]['rows'][]['id']");
        if (chars(row.title) < 1 || chars(row.title) > 24) return invalid('Row title length invalid. Min length: 1, Max length: 24');
        if (chars(row.id) < 1 || chars(row.id) > 200) return invalid('Row id length invalid. Min length: 1, Max length: 200');
        if (row.description !== undefined && chars(row.description) > 72) return invalid('Row description length invalid. Min length: 0, Max length: 72');
        if (ids.has(row.id)) return invalid('Row id is not unique');
        ids.add(row.id);
      }
    }
    if (rowCount > 10) return invalid('Total row count exceed max allowed count: 10');
    return undefined;
  }
  return undefined;
}

/** What Cloud API refuses in a message body, before sending anything. */
function checkMessage(body: Record<string, unknown>): Reply | undefined {
  if (body.messaging_product === undefined) return missing('messaging_product');
  if (body.messaging_product !== 'whatsapp') return graphError(400, 100, { message: 'Param messaging_product must be one of {WHATSAPP}' });
  if (typeof body.to !== 'string' || !body.to) return missing('to');
  const type = body.type ?? 'text';
  if (type === 'text') {
    const text = body.text as { body?: unknown } | undefined;
    if (!text || typeof text.body !== 'string' || !text.body) return missing("text['body']");
    if (chars(text.body) > 4096) return graphError(400, 100, { message: "Param text['body'] must be at most 4096 characters long." });
  }
  if (type === 'interactive') return checkInteractive(body.interactive);
  if (type === 'template') {
    const template = body.template as { name?: unknown; language?: { code?: unknown } } | undefined;
    if (!template || typeof template.name !== 'string' || !template.name) return missing("template['name']");
    if (typeof template.language?.code !== 'string' || !template.language.code) return missing("template['language']['code']");
  }
  if (type === 'location') {
    const location = body.location as { latitude?: unknown; longitude?: unknown } | undefined;
    if (!location || location.latitude === undefined || location.longitude === undefined) return missing('location');
  }
  return undefined;
}

export async function startFakeWhatsApp(options: { accessToken: string; phoneNumberId: string; version: string }): Promise<FakeWhatsApp> {
  const calls: WhatsAppCall[] = [];
  const accepted: { to: string; body: Record<string, unknown> }[] = [];
  const readReceipts: Record<string, unknown>[] = [];
  const failures: { failure: WhatsAppFailure; remaining: number }[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const messagesPath = `/${options.version}/${options.phoneNumberId}/messages`;
  const closedWindows = new Set<string>();
  let delayMs = 0;
  let counter = 0;

  const answer = (res: http.ServerResponse, call: WhatsAppCall, reply: Reply): void => {
    call.status = reply.status;
    if (res.writableEnded || res.destroyed) return;
    const payload = JSON.stringify(reply.body);
    // restify patches ServerResponse in the test process, so writeHead is not chainable here.
    res.writeHead(reply.status, { 'content-type': 'application/json; charset=UTF-8', 'content-length': Buffer.byteLength(payload), ...reply.headers });
    res.end(payload);
  };

  const handle = (method: string, path: string, authorization: string | undefined, body: unknown): Reply => {
    if (authorization !== `Bearer ${options.accessToken}`) return graphError(401, 190, { type: 'OAuthException' });
    if (method !== 'POST' || path !== messagesPath) {
      const id = path.split('/').filter(Boolean)[1] ?? '';
      return graphError(400, 100, {
        message: `Unsupported ${method.toLowerCase()} request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`,
        type: 'GraphMethodException',
        error_subcode: 33,
      });
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return missing('messaging_product');
    const message = body as Record<string, unknown>;
    if (message.status === 'read') {
      if (message.messaging_product !== 'whatsapp') return missing('messaging_product');
      if (typeof message.message_id !== 'string' || !message.message_id) return missing('message_id');
      readReceipts.push(message);
      return { status: 200, body: { success: true } };
    }
    const head = failures[0];
    if (head) {
      if (--head.remaining <= 0) failures.shift();
      const { status, code, ...rest } = head.failure;
      return graphError(status, code, rest);
    }
    const problem = checkMessage(message);
    if (problem) return problem;
    const to = String(message.to);
    if (closedWindows.has(digits(to)) && message.type !== 'template') return graphError(400, 131047);
    accepted.push({ to, body: message });
    const id = `wamid.${Buffer.concat([Buffer.from(`HBgL${digits(to)}FQIAERgS`), randomBytes(12), Buffer.from([++counter & 0xff])]).toString('base64')}`;
    return { status: 200, body: { messaging_product: 'whatsapp', contacts: [{ input: to, wa_id: digits(to) }], messages: [{ id }] } };
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: unknown = raw || undefined;
      try {
        body = raw ? JSON.parse(raw) : undefined;
      } catch {
        // keep the raw text: the handler refuses it as a missing messaging_product
      }
      const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
      const call: WhatsAppCall = { method: req.method ?? 'GET', path, body, at: Date.now(), status: 0 };
      calls.push(call);
      const respond = (): void => answer(res, call, handle(call.method, path, req.headers.authorization, body));
      if (delayMs > 0) {
        const timer = setTimeout(() => {
          timers.delete(timer);
          respond();
        }, delayMs);
        timers.add(timer);
      } else respond();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    sent: (to) => accepted.filter((entry) => to === undefined || digits(entry.to) === digits(to)).map((entry) => entry.body),
    reads: () => [...readReceipts],
    failNext: (failure) => {
      failures.push({ failure, remaining: Math.max(1, failure.times ?? 1) });
    },
    delay: (ms) => {
      delayMs = Math.max(0, ms);
    },
    closeWindow: (to) => void closedWindows.add(digits(to)),
    openWindow: (to) => void closedWindows.delete(digits(to)),
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
