/**
 * The harness's own limit: a stateless Telegram webhook bot (same secret check, one sendMessage to the
 * same fake API over a keep-alive agent, no state, no dialogs). Run by bench/telegramThroughput.ts.
 */
import http from 'node:http';
import { sameSecret } from '../src/core/privacy/sameSecret';

const port = Number(process.env.PORT);
const api = process.env.TELEGRAM_API_BASE_URL!;
const token = process.env.TELEGRAM_BOT_TOKEN!;
const secret = process.env.TELEGRAM_WEBHOOK_SECRET!;
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

function sendMessage(chatId: number, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify({ chat_id: chatId, text });
    const request = http.request(`${api}/bot${token}/sendMessage`, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (response) => {
      response.resume();
      response.on('end', () => resolve());
    });
    request.on('error', reject);
    request.end(body);
  });
}

http
  .createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      if (!sameSecret(req.headers['x-telegram-bot-api-secret-token'] as string | undefined, secret)) {
        res.writeHead(401);
        res.end();
        return;
      }
      const update = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { message?: { chat: { id: number }; text?: string } };
      if (update.message) await sendMessage(update.message.chat.id, update.message.text ?? '');
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
    });
  })
  .listen(port, '127.0.0.1', () => process.send?.('ready'));
