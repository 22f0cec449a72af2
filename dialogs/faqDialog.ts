import { ComponentDialog, Dialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { matchChoice, type Choice } from '../src/core/choices';
import { MEDIATOR_REQUEST } from '../src/core/intents';
import { FALLBACKS_BEFORE_ESCALATION } from '../src/core/handoff/escalation';
import type { Decision } from '../src/core/retrieval/decide';
import { INTENTS, reply } from '../src/bot/replies';
import { turnLang } from '../src/bot/turnState';
import { answerActivity } from './answerMessage';
import { BUTTON, parseButton } from '../src/bot/buttons';
import type { DialogDependencies } from './dialogDependencies';
import type { FindDeskOptions } from './findDeskDialog';
import { tokenize } from '../src/core/text/normalize';

export const FAQ_DIALOG = 'faqDialog';
/** Longer than this, a message is a question of its own, not a follow-up of the last one. */
const MAX_FOLLOW_UP_WORDS = 10;
/** The last question is kept this short in the conversation's state (it holds what the person wrote). */
const MAX_REMEMBERED_QUESTION = 300;
const FAQ_STEPS = 'faqDialog.steps';

/** What the FAQ dialog ends with when the question turned out to be a request for a person. */
export interface FaqResult {
  wantsPerson?: boolean;
  /** A person takes over because the assistant could not answer twice in a row. */
  fallbacksInARow?: boolean;
  /** The person pressed "find my nearest desk" after the answer on this topic. */
  findDeskFor?: string;
  /** The question also named a place: its desk comes right after the answer. */
  findDesk?: FindDeskOptions;
  /** A message that picked none of the buttons: a new message for the dispatcher. */
  unhandled?: string;
}

/** What the FAQ dialog is started with: a question, or a topic the person already picked. */
export interface FaqOptions {
  text?: string;
  topicId?: string;
  confidence?: number;
  /** The message also asked for a desk in a place: show it right after the answer, for the topic's desk type. */
  thenDesk?: FindDeskOptions;
}

/** What one FAQ turn remembers for the next: the question, what was offered, what was considered. */
interface FaqValues {
  question?: string;
  choices?: Choice[];
  topics?: string[];
  /** The person was asked "which of these?". */
  clarified?: boolean;
}

/**
 * Answers a question from the knowledge base: answer when confident, ask which topic when two or three
 * are close, say so honestly when nothing fits. Buttons it offers wait for one turn; a message that
 * picks none of them goes back to the main dialog as a new message.
 */
export class FaqDialog extends ComponentDialog {
  constructor(private readonly deps: DialogDependencies) {
    super(FAQ_DIALOG);
    this.addDialog(new WaterfallDialog(FAQ_STEPS, [this.replyStep.bind(this), this.choiceStep.bind(this)]));
    this.initialDialogId = FAQ_STEPS;
  }

  private async replyStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = (step.options ?? {}) as FaqOptions;
    const lang = turnLang(step.context);
    const knowledge = this.deps.knowledge();
    (step.values as FaqValues).question = options.text;
    if (options.topicId === MEDIATOR_REQUEST) return step.endDialog({ wantsPerson: true } satisfies FaqResult);
    if (options.topicId && knowledge.entry(options.topicId)) {
      return this.sendAnswer(step, options.topicId, options.confidence ?? 1, undefined, options.thenDesk);
    }
    const decision = await this.decideInContext(step, options.text ?? '');
    switch (decision.kind) {
      case 'answer':
        if (decision.topicId === MEDIATOR_REQUEST) return step.endDialog({ wantsPerson: true } satisfies FaqResult);
        (step.values as FaqValues).topics = decision.candidates.slice(0, 3).map((c) => c.topicId);
        return this.sendAnswer(step, decision.topicId, decision.confidence, decision.tentative ? decision.alternatives : undefined, options.thenDesk);
      case 'clarify':
        return this.sendClarification(step, decision);
      case 'fallback':
        (step.values as FaqValues).topics = decision.candidates.slice(0, 3).map((c) => c.topicId);
        return this.sendFallback(step, decision.confidence);
    }
  }

  /**
   * A short follow-up ("and how much is the stamp?", "y si lo dejo pierdo el permiso?") says little on
   * its own: when it is not clearly about a topic by itself, it is read together with the question
   * answered just before.
   */
  private async decideInContext(step: WaterfallStepContext, text: string): Promise<Decision> {
    const lang = turnLang(step.context);
    const knowledge = this.deps.knowledge();
    const { decision } = knowledge.ask(text, lang);
    if ((decision.kind === 'answer' && !decision.tentative) || tokenize(text).length > MAX_FOLLOW_UP_WORDS) return decision;
    const { lastQuestion } = await this.deps.conversation.get(step.context, {});
    if (!lastQuestion) return decision;
    const inContext = knowledge.ask(`${lastQuestion} ${text}`, lang).decision;
    return inContext.kind === 'answer' ? inContext : decision;
  }

  private async choiceStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const values = step.values as FaqValues;
    const choices = values.choices ?? [];
    const text = step.context.activity.text ?? '';
    const picked = parseButton(matchChoice(text, choices)?.value);
    switch (picked?.kind) {
      case 'desk':
        return step.endDialog({ findDeskFor: picked.arg } satisfies FaqResult);
      case 'topic':
        return step.replaceDialog(FAQ_DIALOG, { topicId: picked.arg, confidence: 1 } satisfies FaqOptions);
      case 'more':
        return this.sendMore(step, picked.arg!);
      case 'none':
        return this.sendFallback(step, 0);
      default:
        // A clarification left for another question: the editors should see what was not clear.
        if (values.clarified) this.collect(step, 'abandoned-clarification');
        return step.endDialog({ unhandled: text } satisfies FaqResult);
    }
  }

  /**
   * @param alternatives given for a best guess: the other close topics, offered under the answer
   * @param thenDesk the question also asked for a desk in a place: it comes next, instead of waiting for a button
   */
  private async sendAnswer(step: WaterfallStepContext, topicId: string, confidence: number, alternatives?: string[], thenDesk?: FindDeskOptions): Promise<DialogTurnResult> {
    const lang = turnLang(step.context);
    const knowledge = this.deps.knowledge();
    const conversation = await this.deps.conversation.get(step.context, {});
    conversation.lastTopic = topicId;
    const { question, topics } = step.values as FaqValues;
    if (question) conversation.lastQuestion = question.slice(0, MAX_REMEMBERED_QUESTION);
    const { channelId, conversation: chat } = step.context.activity;
    this.deps.memory.setLastAnswer(channelId, chat.id, question ? { text: question.slice(0, MAX_REMEMBERED_QUESTION), confidence, topics: topics ?? [topicId] } : undefined);
    const { text } = knowledge.text(topicId, lang)!;
    const guess = alternatives && { alternatives: alternatives.filter((id) => knowledge.entry(id)).map((id) => ({ id, title: knowledge.text(id, lang)?.text.title ?? id })) };
    const { activity, choices } = answerActivity(knowledge.entry(topicId)!, text, lang, this.deps.t, confidence, guess);
    await step.context.sendActivity(activity);
    if (thenDesk) return step.endDialog({ findDesk: { ...thenDesk, topicId } } satisfies FaqResult);
    return this.waitFor(step, choices);
  }

  private async sendMore(step: WaterfallStepContext, topicId: string): Promise<DialogTurnResult> {
    const lang = turnLang(step.context);
    const found = this.deps.knowledge().text(topicId, lang);
    if (!found?.text.more) return step.endDialog();
    await step.context.sendActivity(reply(found.text.more, { topic: topicId, confidence: 1, lang }));
    return step.endDialog();
  }

  private async sendClarification(step: WaterfallStepContext, decision: Extract<Decision, { kind: 'clarify' }>): Promise<DialogTurnResult> {
    const lang = turnLang(step.context);
    const { t } = this.deps;
    const choices = [...this.topicChoices(decision.options, lang), { value: BUTTON.none, title: t(lang, 'clarify.none') }];
    const meta = { topic: INTENTS.clarify, confidence: decision.confidence, lang, options: decision.options };
    Object.assign(step.values as FaqValues, { clarified: true, topics: decision.options });
    await step.context.sendActivity(reply(t(lang, 'clarify.question'), meta, choices));
    return this.waitFor(step, choices);
  }

  private async sendFallback(step: WaterfallStepContext, confidence: number): Promise<DialogTurnResult> {
    const lang = turnLang(step.context);
    const { t } = this.deps;
    const conversation = await this.deps.conversation.get(step.context, {});
    conversation.fallbacks = (conversation.fallbacks ?? 0) + 1;
    this.deps.memory.setLastAnswer(step.context.activity.channelId, step.context.activity.conversation.id, undefined);
    this.collect(step, 'fallback');
    if (conversation.fallbacks >= FALLBACKS_BEFORE_ESCALATION) return step.endDialog({ wantsPerson: true, fallbacksInARow: true } satisfies FaqResult);
    const topics = this.deps.knowledge().mainTopics().slice(0, 4);
    const choices = [...this.topicChoices(topics, lang), { value: BUTTON.person, title: t(lang, 'person.button') }];
    const meta = { topic: INTENTS.fallback, confidence, lang, options: topics };
    await step.context.sendActivity(reply(`${t(lang, 'fallback.noAnswer')}\n${t(lang, 'fallback.topics')}`, meta, choices));
    return this.waitFor(step, choices);
  }

  /** Reports the question to the editors' inbox: its text, language and the topics considered, no identity. */
  private collect(step: WaterfallStepContext, kind: 'fallback' | 'abandoned-clarification'): void {
    const { question, topics } = step.values as FaqValues;
    if (question) this.deps.inbox?.collect({ text: question, lang: turnLang(step.context), kind, topics: topics ?? [] });
  }

  private topicChoices(topicIds: readonly string[], lang: ReturnType<typeof turnLang>): Choice[] {
    const knowledge = this.deps.knowledge();
    return topicIds.map((id) =>
      id === MEDIATOR_REQUEST
        ? { value: BUTTON.person, title: this.deps.t(lang, 'person.button') }
        : { value: BUTTON.topic(id), title: knowledge.text(id, lang)?.text.title ?? id },
    );
  }

  /** Keeps the offered buttons for the next message; with none offered, the dialog is done. */
  private async waitFor(step: WaterfallStepContext, choices: Choice[]): Promise<DialogTurnResult> {
    if (choices.length === 0) return step.endDialog();
    (step.values as FaqValues).choices = choices;
    return Dialog.EndOfTurn;
  }
}
