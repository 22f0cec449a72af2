import type { Activity, TurnContext } from 'botbuilder';
import { ChannelAdapter, type ChannelBase, type DeliveryProblem } from '../base/channelAdapter';
import type { ButtonIds } from '../base/buttonIds';
import type { ChannelApiError } from '../base/jsonHttpClient';
import type { TelegramApi } from './telegramApi';
import { fromTelegram, type TelegramUpdate } from './telegramUpdates';
import { CALLBACK_DATA_BYTES, renderForTelegram } from './telegramRenderer';

/** Telegram as a botbuilder channel: updates in (webhook or long polling), Bot API calls out. */
export class TelegramAdapter extends ChannelAdapter {
  readonly channel = 'telegram';

  constructor(
    base: ChannelBase,
    private readonly api: TelegramApi,
    private readonly buttons: ButtonIds,
  ) {
    super(base);
  }

  /** Handles one update; resolves when it may be acknowledged. */
  async processUpdate(update: TelegramUpdate, logic: (context: TurnContext) => Promise<void>): Promise<'processed' | 'duplicate' | 'ignored'> {
    const inbound = fromTelegram(update, (data) => this.buttons.resolve(data));
    if (!inbound) return 'ignored';
    const callbackQueryId = (inbound.activity?.channelData as { callbackQueryId?: string } | undefined)?.callbackQueryId;
    // Stop the button's spinner at once; a failure here must not cost the person their answer.
    if (callbackQueryId) void this.api.call('answerCallbackQuery', { callback_query_id: callbackQueryId }).catch(() => undefined);
    return this.handle(inbound, logic);
  }

  protected async deliver(chatId: string, activity: Partial<Activity>): Promise<string[]> {
    const calls = await renderForTelegram(chatId, activity, (value) => this.buttons.shorten(value, CALLBACK_DATA_BYTES));
    const ids: string[] = [];
    for (const call of calls) {
      const sent = await this.api.call<{ message_id: number }>(call.method, call.payload);
      ids.push(String(sent.message_id));
    }
    return ids;
  }

  protected classify(error: ChannelApiError): DeliveryProblem | undefined {
    if (error.status === 403) return 'blocked'; // "Forbidden: bot was blocked by the user" / "user is deactivated"
    if (error.status === 400) return 'rejected';
    return undefined;
  }
}
