import type { FakeWhatsApp } from './fakeWhatsApp';
import * as wa from './whatsappPayloads';
import { WHATSAPP } from './ponteServer';

/** People writing to a Ponte server through its WhatsApp webhook, as Meta delivers (signed, \u-escaped). */
export class WhatsAppChats {
  private nextMessage = 1;

  constructor(
    /** Getters, so tests can build this before their servers start in `beforeAll`. */
    private readonly fake: () => FakeWhatsApp,
    private readonly base: () => string,
    private nextNumber = 393330000000,
  ) {}

  post(body: object, signature?: string | null): Promise<Response> {
    const raw = wa.metaJson(body);
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    const sig = signature === undefined ? wa.signWhatsApp(raw, WHATSAPP.appSecret) : signature;
    if (sig !== null) headers['x-hub-signature-256'] = sig;
    return fetch(`${this.base()}/webhooks/whatsapp`, { method: 'POST', headers, body: raw });
  }

  messageId(): string {
    return `wamid.TEST${++this.nextMessage}`;
  }

  person() {
    const number = String(++this.nextNumber);
    const chats = this;
    return {
      number,
      async says(text: string) {
        expect((await chats.post(wa.waText(WHATSAPP.phoneNumberId, number, chats.messageId(), text))).status).toBe(200);
        return chats.fake().sent(number);
      },
      async presses(buttonId: string) {
        expect((await chats.post(wa.waButtonReply(WHATSAPP.phoneNumberId, number, chats.messageId(), buttonId, 'x'))).status).toBe(200);
      },
      last() {
        const sent = chats.fake().sent(number);
        return sent[sent.length - 1];
      },
    };
  }
}
