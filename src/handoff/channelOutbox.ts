import type { Activity, CloudAdapter, ConversationReference } from 'botbuilder';
import type { DeliveryProblem } from '../core/handoff/escalation';
import type { Lang } from '../core/language/languages';
import type { Outbox } from './handoffService';

/** A channel that can write to a person outside their turn (ChannelAdapter.sendProactive). */
export interface ProactiveSender {
  sendProactive(reference: Partial<ConversationReference>, activities: Partial<Activity>[]): Promise<DeliveryProblem | undefined>;
}

/** The WhatsApp adapter's template send (WhatsAppAdapter.sendTemplate). */
export interface TemplateSender {
  sendTemplate(reference: Partial<ConversationReference>, template: { name: string; language: string }): Promise<DeliveryProblem | undefined>;
}

/** The approved "a mediator has answered you" template: its name and its language code per Ponte language. */
export interface HandoffTemplate {
  name: string;
  languages: Record<Lang, string>;
}

/**
 * Routes an operator's message to the channel the person wrote from: Telegram and WhatsApp through
 * their adapters, anything else (Teams, Web Chat, the Emulator) through the Bot Framework.
 */
export class ChannelOutbox implements Outbox {
  constructor(
    private readonly channels: Record<string, ProactiveSender>,
    private readonly botFramework?: ProactiveSender,
    private readonly whatsapp?: { sender: TemplateSender; template?: HandoffTemplate },
  ) {}

  async send(channel: string, replyTo: Partial<ConversationReference>, activities: Partial<Activity>[]): Promise<DeliveryProblem | undefined> {
    const sender = this.channels[channel] ?? this.botFramework;
    if (!sender) return 'rejected';
    return sender.sendProactive(replyTo, activities);
  }

  async sendTemplate(channel: string, replyTo: Partial<ConversationReference>, lang: Lang): Promise<DeliveryProblem | undefined> {
    if (!this.canSendTemplate(channel, lang)) return 'rejected';
    const template = this.whatsapp!.template!;
    return this.whatsapp!.sender.sendTemplate(replyTo, { name: template.name, language: template.languages[lang] });
  }

  canSendTemplate(channel: string, lang: Lang): boolean {
    return channel === 'whatsapp' && this.whatsapp?.template?.languages[lang] !== undefined;
  }
}

/** Proactive messages over the Bot Framework connector (the channel of Azure Bot Service). */
export class BotFrameworkSender implements ProactiveSender {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly appId: string,
  ) {}

  async sendProactive(reference: Partial<ConversationReference>, activities: Partial<Activity>[]): Promise<DeliveryProblem | undefined> {
    // The adapter hands errors inside the callback to its turn-error handler, so catch them there.
    let refused = false;
    try {
      await this.adapter.continueConversationAsync(this.appId, reference, async (context) => {
        try {
          await context.sendActivities(activities);
        } catch {
          refused = true;
        }
      });
    } catch {
      refused = true;
    }
    // The connector gives no reason we could act on: the operator sees that it did not arrive.
    return refused ? 'rejected' : undefined;
  }
}
