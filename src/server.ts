import restify, { type Request, type Response, type Server } from 'restify';
import type { CloudAdapter } from 'botbuilder';
import type { Logger } from 'pino';
import type { PonteBot } from './bot/ponteBot';
import type { WebhookResult } from './channels/telegram/telegramWebhook';

export interface Health {
  status: 'ok';
  version: string;
  knowledge: { entries: number };
  /** Sample desks are invented examples: operators must see how many are still live. */
  desks: { total: number; samples: number };
  languages: readonly string[];
  channels: string[];
}

type Headers = Record<string, string | string[] | undefined>;

/** The channels' webhook handlers, when their credentials are configured. */
export interface Webhooks {
  telegram?: (request: { headers: Headers; body: unknown }) => Promise<WebhookResult>;
  whatsapp?: {
    verify: (query: Record<string, unknown>) => { status: number; text: string };
    handle: (request: { headers: Headers; rawBody: Buffer | string | undefined }) => Promise<WebhookResult>;
  };
}

export interface ServerParts {
  adapter: CloudAdapter;
  bot: PonteBot;
  health: () => Health;
  logger: Logger;
  maxBodyBytes: number;
  webhooks: Webhooks;
}

/**
 * HTTP routes only: parse, authenticate, hand over, answer. `/api/messages` is the Bot Framework
 * endpoint (Azure Bot Service, the Emulator); `/webhooks/*` the channels; `/healthz` for probes.
 */
export function createServer(parts: ServerParts): Server {
  const server = restify.createServer({ name: 'ponte', handleUncaughtExceptions: false });
  const json = restify.plugins.bodyParser({ maxBodySize: parts.maxBodyBytes, mapParams: false });
  // WhatsApp's signature covers the exact bytes: read them raw and check before any parsing.
  const raw = restify.plugins.bodyReader({ maxBodySize: parts.maxBodyBytes });

  server.get('/healthz', async (_req: Request, res: Response) => {
    res.json(200, parts.health());
  });

  server.post('/api/messages', ...json, async (req: Request, res: Response) => {
    if (!req.body || typeof req.body !== 'object' || typeof (req.body as { type?: unknown }).type !== 'string') {
      res.json(400, { error: 'expected a Bot Framework activity (JSON object with a "type")' });
      return;
    }
    await parts.adapter.process(req, res, (context) => parts.bot.run(context));
  });

  const { telegram, whatsapp } = parts.webhooks;
  if (telegram) {
    server.post('/webhooks/telegram', ...json, async (req: Request, res: Response) => {
      const result = await telegram({ headers: req.headers, body: req.body });
      res.json(result.status, result.body);
    });
  }
  if (whatsapp) {
    server.get('/webhooks/whatsapp', restify.plugins.queryParser({ mapParams: false }), async (req: Request, res: Response) => {
      const result = whatsapp.verify((req.query ?? {}) as Record<string, unknown>);
      res.sendRaw(result.status, result.text, { 'content-type': 'text/plain' });
    });
    server.post('/webhooks/whatsapp', raw, async (req: Request, res: Response) => {
      const result = await whatsapp.handle({ headers: req.headers, rawBody: req.body as Buffer | string | undefined });
      res.json(result.status, result.body);
    });
  }

  server.on('restifyError', (req, res, error, callback) => {
    parts.logger.warn({ event: 'httpError', method: req.method, path: req.path(), status: error.statusCode ?? 500, name: error.name }, 'request refused');
    return callback();
  });
  return server;
}
