import type { Activity, ConversationReference, TurnContext } from 'botbuilder';
import { ChannelAdapter, type ChannelBase, type DeliveryProblem } from '../base/channelAdapter';
import type { ButtonIds } from '../base/buttonIds';
import type { ChannelApiError } from '../base/jsonHttpClient';
import { OUTSIDE_WINDOW_CODES, UNREACHABLE_CODES, type WhatsAppApi } from './whatsappApi';
import { fromWhatsApp, type WhatsAppWebhook } from './whatsappUpdates';
import { BUTTON_ID_BYTES, renderForWhatsApp } from './whatsappRenderer';
import { DeliveryStatuses } from './deliveryStatuses';

/** WhatsApp Cloud API as a botbuilder channel: webhooks in, Graph API messages out. */
export class WhatsAppAdapter extends ChannelAdapter {
  readonly channel = 'whatsapp';

  constructor(
    base: ChannelBase,
    private readonly api: WhatsAppApi,
    private readonly buttons: ButtonIds,
    private readonly statuses: DeliveryStatuses,
    /** The label of the button that opens a list of choices, in the person's language. */
    private readonly listLabel: (lang: string | undefined) => string,
  ) {
    super(base);
  }

  /** Handles one webhook body: each message at most once and in order per person; statuses recorded. */
  async processWebhook(body: WhatsAppWebhook, logic: (context: TurnContext) => Promise<void>): Promise<{ messages: number; statuses: number }> {
    const { updates, statuses } = fromWhatsApp(body, (id) => this.buttons.resolve(id));
    for (const status of statuses) await this.statuses.record(status, this.base.logger);
    await Promise.all(updates.map((update) => this.handle(update, logic)));
    return { messages: updates.length, statuses: statuses.length };
  }

  /**
   * An approved message template (the only kind WhatsApp delivers outside the 24-hour window), sent
   * through the same queue and refusal handling as any reply.
   */
  async sendTemplate(reference: Partial<ConversationReference>, template: { name: string; language: string }): Promise<DeliveryProblem | undefined> {
    return this.sendProactive(reference, [{ type: 'message', channelData: { whatsappTemplate: template } }]);
  }

  protected async deliver(chatId: string, activity: Partial<Activity>): Promise<string[]> {
    const template = (activity.channelData as { whatsappTemplate?: { name: string; language: string } } | undefined)?.whatsappTemplate;
    if (template) return [await this.api.send(chatId, { type: 'template', template: { name: template.name, language: { code: template.language } } })];
    const messages = await renderForWhatsApp(activity, (value) => this.buttons.shorten(value, BUTTON_ID_BYTES), this.listLabel(activity.locale));
    const ids: string[] = [];
    for (const message of messages) ids.push(await this.api.send(chatId, message));
    return ids;
  }

  protected classify(error: ChannelApiError): DeliveryProblem | undefined {
    if (error.code !== undefined && OUTSIDE_WINDOW_CODES.has(error.code)) return 'outside-window';
    if (error.code !== undefined && UNREACHABLE_CODES.has(error.code)) return 'blocked';
    if (error.status === 400) return 'rejected';
    return undefined;
  }
}
