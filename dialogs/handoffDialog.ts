import { EventFactory, TurnContext, type Activity } from 'botbuilder';
import { ComponentDialog, Dialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { EscalationMessage, EscalationReason } from '../src/core/handoff/escalation';
import type { DeskType } from '../src/core/knowledge/types';
import type { Municipality } from '../src/core/routing/desks';
import { tokenize } from '../src/core/text/normalize';
import { INTENTS, reply } from '../src/bot/replies';
import { turnLang } from '../src/bot/turnState';
import type { DialogDependencies } from './dialogDependencies';
import { whenLine } from './handoffMessages';
import { LOW_CONFIDENCE } from '../src/core/editing/unanswered';

export const HANDOFF_DIALOG = 'handoffDialog';
const HANDOFF_STEPS = 'handoffDialog.steps';

export interface HandoffOptions {
  reason: EscalationReason;
}

/** A reply this long to "which municipality?" is not a town name: go on without one. */
const MAX_PLACE_WORDS = 4;

/**
 * Hands the chat to a person at the desk that serves the person: asks for their municipality once if
 * it is not known (the province picks the desk), opens the escalation, tells them roughly when someone
 * will answer and that "cancel" brings the assistant back, and emits Bot Framework's `handoff.initiate`
 * for deployments behind a contact-centre product.
 */
export class HandoffDialog extends ComponentDialog {
  constructor(private readonly deps: DialogDependencies) {
    super(HANDOFF_DIALOG);
    this.addDialog(new WaterfallDialog(HANDOFF_STEPS, [this.placeStep.bind(this), this.startStep.bind(this)]));
    this.initialDialogId = HANDOFF_STEPS;
  }

  private async placeStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    await this.reportShakyAnswer(step);
    const saved = (await this.deps.profile.get(step.context, {})).municipality;
    if (saved) return step.next(saved);
    const lang = turnLang(step.context);
    await step.context.sendActivity(reply(this.lines(step, [this.deps.t(lang, 'handoff.askMunicipality')]), { topic: INTENTS.mediator, confidence: 1, lang }));
    (step.values as { explained?: boolean }).explained = true;
    return Dialog.EndOfTurn;
  }

  /** "Talk to a person" right after an answer Ponte was unsure of: the editors should see that question. */
  private async reportShakyAnswer(step: WaterfallStepContext): Promise<void> {
    const { channelId, conversation } = step.context.activity;
    const shaky = this.deps.memory.get(channelId, conversation.id).lastAnswer;
    if ((step.options as HandoffOptions).reason !== 'fallbacks' && shaky && shaky.confidence < LOW_CONFIDENCE) {
      this.deps.inbox?.collect({ text: shaky.text, lang: turnLang(step.context), kind: 'low-confidence-then-person', topics: shaky.topics });
    }
    this.deps.memory.setLastAnswer(channelId, conversation.id, undefined);
  }

  /** After two unanswered questions, the first thing said explains why a person takes over. */
  private lines(step: WaterfallStepContext, lines: string[]): string {
    const { reason } = step.options as HandoffOptions;
    const explain = reason === 'fallbacks' && !(step.values as { explained?: boolean }).explained;
    return [...(explain ? [this.deps.t(turnLang(step.context), 'handoff.afterFallbacks')] : []), ...lines].join('\n');
  }

  private async startStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    // A waterfall resumed by a message gets the message text as its result; a saved place is an object.
    const municipality = typeof step.result === 'object' ? (step.result as Municipality) : await this.placeFromReply(step.context);
    const { reason } = step.options as HandoffOptions;
    const context = step.context;
    const lang = turnLang(context);
    const conversation = await this.deps.conversation.get(context, {});
    const entry = conversation.lastTopic ? this.deps.knowledge().entry(conversation.lastTopic) : undefined;
    // Replies were remembered by topic only: answers come back from the knowledge, in the person's
    // language; the fixed messages (welcome, "which of these?") as their name, which the console words.
    const turns = this.deps.memory.get(context.activity.channelId, context.activity.conversation.id).turns;
    const transcript: EscalationMessage[] = turns.map((turn) =>
      turn.from === 'bot' && !turn.text && turn.topic ? { ...turn, text: this.deps.knowledge().text(turn.topic, lang)?.text.answer ?? `[${turn.topic}]` } : { ...turn },
    );
    const lastReply = [...turns].reverse().find((turn) => turn.from === 'bot');
    const deskJustShown = lastReply?.topic === INTENTS.deskFind || lastReply?.topic === INTENTS.deskHours ? conversation.lastDeskId : undefined;
    const { escalation, desk, expected } = await this.deps.handoff.start({
      channel: context.activity.channelId,
      user: this.deps.pseudonymOf(context),
      lang,
      reason: reason === 'asked' && entry?.sensitive ? 'sensitive' : reason,
      topic: entry?.id,
      municipality,
      deskType: deskTypeFor(entry?.desk),
      deskId: deskJustShown,
      transcript,
      replyTo: TurnContext.getConversationReference(context.activity),
    });
    conversation.handoffId = escalation.id;


    const { t } = this.deps;
    const started = t(lang, 'handoff.started', { desk: desk?.name ?? t(lang, 'handoff.network'), when: whenLine(expected, lang, t) });
    await context.sendActivity(reply(this.lines(step, [started]), { topic: INTENTS.mediator, confidence: 1, lang }));
    await context.sendActivity(handoffEvent(context, escalation.id, transcript));
    return step.endDialog();
  }

  /** The answer to "which municipality?", remembered like the desk finder does; none if unclear. */
  private async placeFromReply(context: TurnContext): Promise<Municipality | undefined> {
    const text = context.activity.text ?? '';
    if (tokenize(text).length > MAX_PLACE_WORDS) return undefined;
    const match = this.deps.routing.findPlace(text, true);
    if (match?.candidates.length !== 1) return undefined;
    const profile = await this.deps.profile.get(context, {});
    profile.municipality = match.candidates[0];
    return match.candidates[0];
  }
}

/** Network desks take a topic's own desk type; Questura, Comune and the like are reached through the desk for foreigners. */
function deskTypeFor(topicDesk: DeskType | undefined): DeskType {
  const networkTypes: DeskType[] = ['immigration-desk', 'youth-counter', 'caregiver-counter', 'school-mediation', 'social-services', 'health-office'];
  return topicDesk && networkTypes.includes(topicDesk) ? topicDesk : 'immigration-desk';
}

/** Bot Framework's hand-off event, with the transcript, for a contact centre that takes over instead of the console. */
function handoffEvent(context: TurnContext, escalationId: string, transcript: EscalationMessage[]): Partial<Activity> {
  const activities: Activity[] = transcript.map(
    (turn) =>
      ({
        type: 'message',
        text: turn.text,
        timestamp: new Date(turn.at),
        from: turn.from === 'user' ? context.activity.from : context.activity.recipient,
      }) as Activity,
  );
  return EventFactory.createHandoffInitiation(context, { escalationId }, { activities });
}
