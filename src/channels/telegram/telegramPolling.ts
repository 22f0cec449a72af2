import type { TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import type { TelegramApi } from './telegramApi';
import type { TelegramAdapter } from './telegramAdapter';
import type { TelegramUpdate } from './telegramUpdates';

export const ALLOWED_UPDATES = ['message', 'edited_message', 'callback_query', 'my_chat_member'];

/**
 * TELEGRAM_MODE=polling: the same bot over long polling, for development without a public HTTPS
 * address. An update is confirmed (offset moves past it) only after its turn is done.
 */
export class TelegramPoller {
  private running = false;
  private stopped?: Promise<void>;

  constructor(
    private readonly api: TelegramApi,
    private readonly adapter: TelegramAdapter,
    private readonly logic: (context: TurnContext) => Promise<void>,
    private readonly logger: Logger,
    private readonly timeoutSeconds = 25,
  ) {}

  async start(): Promise<void> {
    await this.api.call('deleteWebhook', { drop_pending_updates: false }); // polling and a webhook exclude each other
    this.running = true;
    this.stopped = this.loop();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.stopped;
  }

  private async loop(): Promise<void> {
    let offset = 0;
    while (this.running) {
      try {
        const updates = await this.api.call<TelegramUpdate[]>('getUpdates', { offset, timeout: this.timeoutSeconds, allowed_updates: ALLOWED_UPDATES });
        // Different chats concurrently, each chat in order (the adapter's queue sees to that).
        await Promise.all(updates.map((update) => this.adapter.processUpdate(update, this.logic)));
        for (const update of updates) offset = Math.max(offset, update.update_id + 1);
      } catch (error) {
        this.logger.error({ event: 'telegramPollingError', err: { message: (error as Error).message } }, 'getUpdates failed; retrying');
        if (this.running) await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    }
  }
}
