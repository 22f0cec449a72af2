import type { FakeTelegram } from './fakeTelegram';
import * as tg from './telegramUpdates';
import { TELEGRAM_SECRET } from './ponteServer';

/** People chatting with a Ponte server through its Telegram webhook, as Telegram delivers updates. */
export class TelegramChats {
  private nextUpdate = 1000;
  private nextChat = 5000;

  constructor(
    /** Getters, so tests can build this before their servers start in `beforeAll`. */
    private readonly fake: () => FakeTelegram,
    private readonly base: () => string,
  ) {}

  post(update: object, secret: string | null = TELEGRAM_SECRET, raw?: string): Promise<Response> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (secret !== null) headers['x-telegram-bot-api-secret-token'] = secret;
    return fetch(`${this.base()}/webhooks/telegram`, { method: 'POST', headers, body: raw ?? JSON.stringify(update) });
  }

  updateId(): number {
    return ++this.nextUpdate;
  }

  chatId(): number {
    return ++this.nextChat;
  }

  /** A person in a private chat with the bot. */
  person(languageCode?: string) {
    const chatId = this.chatId();
    const chats = this;
    return {
      chatId,
      async says(text: string) {
        const res = await chats.post(tg.textUpdate(chats.updateId(), chatId, text, { languageCode }));
        expect(res.status).toBe(200);
        return chats.fake().sent(chatId);
      },
      async presses(data: string) {
        const res = await chats.post(tg.callbackUpdate(chats.updateId(), chatId, data));
        expect(res.status).toBe(200);
        return chats.fake().sent(chatId);
      },
      last() {
        const sent = chats.fake().sent(chatId);
        return sent[sent.length - 1];
      },
      /** How many messages the bot has sent to this chat so far. */
      received() {
        return chats.fake().sent(chatId).length;
      },
    };
  }
}
