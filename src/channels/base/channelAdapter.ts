import { BotAdapter, TurnContext, type Activity, type ConversationReference, type ResourceResponse } from 'botbuilder';
import type { Logger } from 'pino';
import { ChatQueue } from './chatQueue';
import type { ProcessedUpdates } from './processedUpdates';
import type { Recipients } from './recipients';
import { ChannelApiError } from './jsonHttpClient';
import type { DeliveryProblem } from '../../core/handoff/escalation';

/** One update from a platform, already translated; `activity` is absent for updates that need no turn. */
export interface InboundUpdate {
  updateId: string;
  chatId: string;
  activity?: Partial<Activity>;
  /** The update says the person blocked (true) or unblocked (false) the bot. */
  blocked?: boolean;
}

export interface ChannelBase {
  queue: ChatQueue;
  processed: ProcessedUpdates;
  recipients: Recipients;
  logger: Logger;
}

/** Why a platform refused a message, in words the code (and the console) can act on. */
export type { DeliveryProblem } from '../../core/handoff/escalation';

/**
 * The shared shape of a channel (Telegram, WhatsApp, ...): a botbuilder `BotAdapter` that turns
 * platform updates into activities and replies into API calls. It runs each update at most once
 * (duplicates and redeliveries are recognised), the updates of one chat in order, and acknowledges only
 * after the turn has run and its state is saved. Channels translate; they hold no business rules.
 */
export abstract class ChannelAdapter extends BotAdapter {
  abstract readonly channel: string;

  constructor(protected readonly base: ChannelBase) {
    super();
  }

  /** Runs one update through the bot; resolves when it is safe to acknowledge it to the platform. */
  async handle(update: InboundUpdate, logic: (context: TurnContext) => Promise<void>): Promise<'processed' | 'duplicate'> {
    return this.base.queue.run(`${this.channel}:${update.chatId}`, async () => {
      if (this.base.processed.has(this.channel, update.chatId, update.updateId)) return 'duplicate';
      if (update.blocked !== undefined) await this.base.recipients.update(this.channel, update.chatId, { blocked: update.blocked });
      if (update.activity) {
        // Writing again means they no longer block us.
        if (this.base.recipients.get(this.channel, update.chatId).blocked) await this.base.recipients.update(this.channel, update.chatId, { blocked: false });
        await this.runMiddleware(new TurnContext(this, this.complete(update)), logic);
      }
      await this.base.processed.add(this.channel, update.chatId, update.updateId);
      return 'processed';
    });
  }

  async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const chatId = context.activity.conversation.id;
    const responses: ResourceResponse[] = [];
    for (const activity of activities) {
      if (activity.type !== 'message' || this.base.recipients.get(this.channel, chatId).blocked) {
        responses.push({ id: '' });
        continue;
      }
      try {
        const ids = await this.deliver(chatId, activity);
        responses.push({ id: ids[ids.length - 1] ?? '' });
      } catch (error) {
        const problem = error instanceof ChannelApiError ? this.classify(error) : undefined;
        if (!problem) throw error;
        await this.base.recipients.update(this.channel, chatId, {
          ...(problem === 'blocked' ? { blocked: true } : {}),
          lastFailure: { at: Date.now(), reason: problem, code: error instanceof ChannelApiError ? error.code : undefined },
        });
        this.base.logger.warn({ event: 'deliveryRefused', channel: this.channel, problem, status: (error as ChannelApiError).status, code: (error as ChannelApiError).code }, 'platform refused a message');
        if (problem === 'blocked') return responses; // nothing more to send to them
        throw error;
      }
    }
    return responses;
  }

  async updateActivity(): Promise<void> {
    throw new Error(`${this.channel}: editing sent messages is not supported`);
  }

  async deleteActivity(): Promise<void> {
    throw new Error(`${this.channel}: deleting sent messages is not supported`);
  }

  async continueConversation(reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const activity = TurnContext.applyConversationReference({ type: 'event', name: 'continueConversation' }, reference, true);
    await this.runMiddleware(new TurnContext(this, activity), logic);
  }

  /**
   * Sends outside of the person's turn (an operator's reply): in the chat's order with its turns, and
   * says why when the platform refuses instead of throwing, so the console can show it.
   */
  async sendProactive(reference: Partial<ConversationReference>, activities: Partial<Activity>[]): Promise<DeliveryProblem | undefined> {
    const chatId = reference.conversation?.id ?? '';
    return this.base.queue.run(`${this.channel}:${chatId}`, async () => {
      if (this.base.recipients.get(this.channel, chatId).blocked) return 'blocked';
      // Not through the middleware: its turn-error handler would apologise to the person for our failure.
      const context = new TurnContext(this, TurnContext.applyConversationReference({ type: 'event', name: 'operatorMessage' }, reference, true));
      try {
        await context.sendActivities(activities);
      } catch (error) {
        if (error instanceof ChannelApiError) return this.classify(error) ?? 'rejected';
        throw error;
      }
      return this.base.recipients.get(this.channel, chatId).blocked ? 'blocked' : undefined;
    });
  }

  /** Sends one reply; returns the platform's message ids. */
  protected abstract deliver(chatId: string, activity: Partial<Activity>): Promise<string[]>;

  /** Which refusals are about the recipient rather than a bug: blocked, 24-hour window, ... */
  protected abstract classify(error: ChannelApiError): DeliveryProblem | undefined;

  private complete(update: InboundUpdate): Partial<Activity> {
    return {
      type: 'message',
      channelId: this.channel,
      serviceUrl: `${this.channel}://`,
      timestamp: new Date(),
      recipient: { id: 'ponte', name: 'Ponte' },
      conversation: { id: update.chatId, isGroup: false, conversationType: 'personal', name: '' },
      ...update.activity,
    };
  }
}
