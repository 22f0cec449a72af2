import type { ConversationState, TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import type { Translate } from '../i18n';
import { INTENTS, reply } from './replies';
import { turnLang } from './turnState';

/**
 * The one place a failed turn ends: log it (without the message), apologise in the person's language,
 * and clear the conversation's dialog state so a broken dialog cannot fail every next turn too.
 */
export function createTurnErrorHandler(deps: { logger: Logger; t: Translate; conversationState: ConversationState }) {
  return async (context: TurnContext, error: Error): Promise<void> => {
    deps.logger.error({ event: 'turnError', channel: context.activity.channelId, err: { name: error.name, message: error.message, stack: error.stack } }, 'turn failed');
    const lang = turnLang(context);
    try {
      await context.sendActivity(reply(deps.t(lang, 'error.generic'), { topic: INTENTS.error, confidence: 0, lang }));
      await deps.conversationState.delete(context);
    } catch (secondary) {
      deps.logger.error({ event: 'turnErrorReplyFailed', err: { message: (secondary as Error).message } }, 'could not apologise');
    }
  };
}
