import {
  BotAdapter,
  TurnContext,
  type Activity,
  type ConversationReference,
  type ResourceResponse,
} from 'botbuilder';

/**
 * An in-process channel: hands an activity to the bot and collects the replies. The command line
 * (`ponte chat`, `ponte ask`, `ponte eval`) runs the same pipeline as the server through it.
 */
export class DirectAdapter extends BotAdapter {
  private nextId = 0;

  /** Runs one turn for `activity` and returns what the bot sent back. */
  async send(activity: Partial<Activity>, logic: (context: TurnContext) => Promise<void>): Promise<Partial<Activity>[]> {
    const replies: Partial<Activity>[] = [];
    const full: Partial<Activity> = {
      type: 'message',
      channelId: 'direct',
      serviceUrl: 'direct://local',
      timestamp: new Date(),
      id: `in-${++this.nextId}`,
      recipient: { id: 'ponte', name: 'Ponte' },
      ...activity,
    };
    const context = new TurnContext(this, full);
    context.onSendActivities(async (_ctx, activities, next) => {
      replies.push(...activities);
      return next();
    });
    await this.runMiddleware(context, logic);
    return replies;
  }

  async sendActivities(_context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    return activities.map(() => ({ id: `out-${++this.nextId}` }));
  }

  async updateActivity(): Promise<void> {
    throw new Error('The direct channel cannot edit messages');
  }

  async deleteActivity(): Promise<void> {
    throw new Error('The direct channel cannot delete messages');
  }

  async continueConversation(reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const activity = TurnContext.applyConversationReference({ type: 'event', name: 'continueConversation' }, reference, true);
    await this.runMiddleware(new TurnContext(this, activity), logic);
  }
}
