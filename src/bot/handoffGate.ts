import type { TurnContext } from 'botbuilder';
import { isOpen } from '../core/handoff/escalation';
import type { CommandRecognizer } from '../core/language/commands';
import type { Lang } from '../core/language/languages';
import type { HandoffService } from '../handoff/handoffService';
import type { Translate } from '../i18n';
import type { QuestionInbox } from '../editors/questionInbox';
import { LOW_SCORE } from '../core/editing/unanswered';
import { INTENTS, reply } from './replies';
import { parseRating } from './buttons';
import type { ConversationInfo } from './turnState';

export interface HandoffGateParts {
  handoff: Pick<HandoffService, 'get' | 'userWrote' | 'cancelByUser' | 'rate'>;
  /** A low score sends what the person had asked to the editors' inbox. */
  inbox?: Pick<QuestionInbox, 'collect'>;
  commands: CommandRecognizer;
  t: Translate;
  pseudonymOf: (context: TurnContext) => string;
}

/**
 * Stands before the dialogs while a person at a desk has the chat: what the person writes goes to the
 * desk, not to the assistant. "cancel" brings the assistant back; "delete my data" closes the
 * escalation and goes on to the usual confirmation; a satisfaction score is stored on its escalation.
 * Once the desk resolves or abandons the escalation, messages reach the assistant again.
 */
export class HandoffGate {
  constructor(private readonly parts: HandoffGateParts) {}

  /** True when this turn was handled here (relayed, cancelled, rated). */
  async handle(context: TurnContext, conversation: ConversationInfo, lang: Lang): Promise<boolean> {
    const text = (context.activity.text ?? '').trim();
    const say = (key: string) => context.sendActivity(reply(this.parts.t(lang, key), { topic: INTENTS.handoff, confidence: 1, lang }));

    const rating = parseRating(text);
    if (rating) {
      const { escalationId, score } = rating;
      const stored = await this.parts.handoff.rate(escalationId, this.parts.pseudonymOf(context), score);
      const escalation = stored && score <= LOW_SCORE ? this.parts.handoff.get(escalationId) : undefined;
      const asked = escalation?.messages.find((m) => m.from === 'user' && !m.text.startsWith('#'));
      if (escalation && asked) this.parts.inbox?.collect({ text: asked.text, lang: escalation.lang, kind: 'low-score', topics: escalation.topic ? [escalation.topic] : [] });
      await say('handoff.rated');
      return true;
    }

    if (!conversation.handoffId) return false;
    const escalation = this.parts.handoff.get(conversation.handoffId);
    if (!escalation || !isOpen(escalation)) {
      delete conversation.handoffId; // the desk closed it and said so: the assistant answers again
      return false;
    }

    const command = text.startsWith('#') ? undefined : this.parts.commands.recognize(text);
    if (command?.kind === 'cancel') {
      await this.parts.handoff.cancelByUser(escalation.id);
      delete conversation.handoffId;
      await say('handoff.cancelled');
      return true;
    }
    if (command?.kind === 'deleteData') {
      await this.parts.handoff.cancelByUser(escalation.id);
      delete conversation.handoffId;
      return false;
    }
    if (command?.kind === 'person' && text.split(/\s+/).length <= 3) {
      await say('handoff.already');
      return true;
    }

    const { tellDeskClosed } = await this.parts.handoff.userWrote(escalation.id, relayedText(context, text));
    if (tellDeskClosed) await say('handoff.queuedClosed');
    return true;
  }
}

/** What the operator reads: the text, or a pin as coordinates (the console links it to a map). */
function relayedText(context: TurnContext, text: string): string {
  if (text) return text;
  const geo = (context.activity.entities ?? []).find((e) => e.type === 'GeoCoordinates') as { latitude?: number; longitude?: number } | undefined;
  return geo?.latitude !== undefined ? `📍 ${geo.latitude}, ${geo.longitude}` : '';
}
