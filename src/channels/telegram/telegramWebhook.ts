import type { TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import { sameSecret } from '../../core/privacy/sameSecret';
import type { TelegramAdapter } from './telegramAdapter';
import { isTelegramUpdate } from './telegramUpdates';

export interface WebhookResult {
  status: number;
  body: Record<string, unknown>;
}

/**
 * POST /webhooks/telegram: the secret token header first (constant time; wrong or missing: 401 and
 * nothing processed), then the update. The answer comes only after the turn ran and its state is on
 * disk, so a crash makes Telegram redeliver. Unknown shapes get 200 and a log line: a 4xx/5xx would
 * make Telegram retry them forever.
 */
export async function handleTelegramWebhook(
  request: { headers: Record<string, string | string[] | undefined>; body: unknown },
  deps: { adapter: TelegramAdapter; secret: string; logic: (context: TurnContext) => Promise<void>; logger: Logger },
): Promise<WebhookResult> {
  const given = request.headers['x-telegram-bot-api-secret-token'];
  if (!sameSecret(Array.isArray(given) ? given[0] : given, deps.secret)) return { status: 401, body: { error: 'bad secret token' } };
  if (!isTelegramUpdate(request.body)) {
    deps.logger.warn({ event: 'telegramUnknownBody' }, 'ignored a body that is not a Telegram update');
    return { status: 200, body: { ignored: true } };
  }
  const outcome = await deps.adapter.processUpdate(request.body, deps.logic);
  return { status: 200, body: { outcome } };
}
