import restify, { type Server } from 'restify';
import type { CloudAdapter } from 'botbuilder';
import type { Logger } from 'pino';
import type { PonteBot } from './bot/ponteBot';

export interface Health {
  status: 'ok';
  version: string;
  knowledge: { entries: number };
  /** Sample desks are invented examples: operators must see how many are still live. */
  desks: { total: number; samples: number };
  languages: readonly string[];
}

export interface ServerParts {
  adapter: CloudAdapter;
  bot: PonteBot;
  health: () => Health;
  logger: Logger;
  maxBodyBytes: number;
}

/**
 * HTTP routes only: parse, authenticate, hand over, answer. `/api/messages` is the Bot Framework
 * endpoint (Azure Bot Service, the Emulator); `/healthz` is for probes and operators.
 */
export function createServer(parts: ServerParts): Server {
  const server = restify.createServer({ name: 'ponte', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: parts.maxBodyBytes, mapParams: false }));

  server.get('/healthz', async (_req, res) => {
    res.json(200, parts.health());
  });

  server.post('/api/messages', async (req, res) => {
    if (!req.body || typeof req.body !== 'object' || typeof (req.body as { type?: unknown }).type !== 'string') {
      res.json(400, { error: 'expected a Bot Framework activity (JSON object with a "type")' });
      return;
    }
    await parts.adapter.process(req, res, (context) => parts.bot.run(context));
  });

  server.on('restifyError', (req, res, error, callback) => {
    parts.logger.warn({ event: 'httpError', method: req.method, path: req.path(), status: error.statusCode ?? 500, name: error.name }, 'request refused');
    return callback();
  });
  return server;
}
