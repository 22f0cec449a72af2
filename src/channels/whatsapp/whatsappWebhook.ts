import { createHmac } from 'node:crypto';
import type { TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import { sameSecret } from '../../core/privacy/sameSecret';
import type { WebhookResult } from '../telegram/telegramWebhook';
import type { WhatsAppAdapter } from './whatsappAdapter';
import { isWhatsAppWebhook } from './whatsappUpdates';

/** GET /webhooks/whatsapp: Meta's verification handshake, answered only with the right verify token. */
export function verifyWhatsAppWebhook(query: Record<string, unknown>, verifyToken: string): { status: number; text: string } {
  const mode = query['hub.mode'];
  const token = query['hub.verify_token'];
  const challenge = query['hub.challenge'];
  if (mode === 'subscribe' && typeof token === 'string' && sameSecret(token, verifyToken) && typeof challenge === 'string') {
    return { status: 200, text: challenge };
  }
  return { status: 403, text: 'verification failed' };
}

/**
 * POST /webhooks/whatsapp: X-Hub-Signature-256 (HMAC-SHA256 of the raw body with the app secret) is
 * checked before anything is parsed or processed; the answer comes after the turns ran and their state
 * is saved. Bodies that are not WhatsApp webhooks get 200 and a log line, so Meta does not retry them.
 */
export async function handleWhatsAppWebhook(
  request: { headers: Record<string, string | string[] | undefined>; rawBody: Buffer | string | undefined },
  deps: { adapter: WhatsAppAdapter; appSecret: string; logic: (context: TurnContext) => Promise<void>; logger: Logger },
): Promise<WebhookResult> {
  const signature = request.headers['x-hub-signature-256'];
  const raw = Buffer.isBuffer(request.rawBody) ? request.rawBody : Buffer.from(request.rawBody ?? '', 'utf8');
  const expected = `sha256=${createHmac('sha256', deps.appSecret).update(raw).digest('hex')}`;
  if (!sameSecret(Array.isArray(signature) ? signature[0] : signature, expected)) return { status: 401, body: { error: 'bad signature' } };
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch {
    return { status: 400, body: { error: 'malformed JSON' } };
  }
  if (!isWhatsAppWebhook(body)) {
    deps.logger.warn({ event: 'whatsappUnknownBody' }, 'ignored a body that is not a WhatsApp webhook');
    return { status: 200, body: { ignored: true } };
  }
  const counts = await deps.adapter.processWebhook(body, deps.logic);
  return { status: 200, body: counts };
}
