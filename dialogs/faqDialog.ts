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

export const FAQ_DIALOG = 'faqDialog';
const FAQ_STEPS = 'faqDialog.steps';

/** What the FAQ dialog ends with when the question turned out to be a request for a person. */
export interface FaqResult {
  wantsPerson?: boolean;
  /** A person takes over because the assistant could not answer twice in a row. */
  fallbacksInARow?: boolean;
  /** The person pressed "find my nearest desk" after the answer on this topic. */
  findDeskFor?: string;
  /** A message that picked none of the buttons: a new message for the dispatcher. */
  unhandled?: string;
}

/** What the FAQ dialog is started with: a question, or a topic the person already picked. */
export interface FaqOptions {
  text?: string;
  topicId?: string;
  confidence?: number;
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
      return this.sendAnswer(step, options.topicId, options.confidence ?? 1);
    }
    const { decision } = knowledge.ask(options.text ?? '', lang);
    switch (decision.kind) {
      case 'answer':
        if (decision.topicId === MEDIATOR_REQUEST) return step.endDialog({ wantsPerson: true } satisfies FaqResult);
        (step.values as FaqValues).topics = decision.candidates.slice(0, 3).map((c) => c.topicId);
        return this.sendAnswer(step, decision.topicId, decision.confidence);
      case 'clarify':
        return this.sendClarification(step, decision);
      case 'fallback':
        (step.values as FaqValues).topics = decision.candidates.slice(0, 3).map((c) => c.topicId);
        return this.sendFallback(step, decision.confidence);
    }
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

  private async sendAnswer(step: WaterfallStepContext, topicId: string, confidence: number): Promise<DialogTurnResult> {
    const lang = turnLang(step.context);
    const knowledge = this.deps.knowledge();
    const conversation = await this.deps.conversation.get(step.context, {});
    conversation.lastTopic = topicId;
    const { question, topics } = step.values as FaqValues;
    const { channelId, conversation: chat } = step.context.activity;
    this.deps.memory.setLastAnswer(channelId, chat.id, question ? { text: question.slice(0, 300), confidence, topics: topics ?? [topicId] } : undefined);
    const { text } = knowledge.text(topicId, lang)!;
    const { activity, choices } = answerActivity(knowledge.entry(topicId)!, text, lang, this.deps.t, confidence);
    await step.context.sendActivity(activity);
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
