import {
  ComponentDialog,
  WaterfallDialog,
  type DialogContext,
  type DialogTurnResult,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import type { RecognizedCommand } from '../src/core/language/commands';
import { isLang, type Lang } from '../src/core/language/languages';
import { INTENTS, reply } from '../src/bot/replies';
import { turnLang } from '../src/bot/turnState';
import { parseButton } from '../src/bot/buttons';
import type { DialogDependencies } from './dialogDependencies';
import { DELETE_DATA_DIALOG, DeleteDataDialog } from './deleteDataDialog';
import { FAQ_DIALOG, FaqDialog, type FaqOptions, type FaqResult } from './faqDialog';
import { LANGUAGE_DIALOG, LanguageDialog, type LanguageOptions } from './languageDialog';
import { FIND_DESK_DIALOG, FindDeskDialog, sharedLocation, type FindDeskOptions } from './findDeskDialog';
import { deskMeta, hoursOnDay, weekHours } from './deskCard';
import { tokenize } from '../src/core/text/normalize';
import type { EscalationReason } from '../src/core/handoff/escalation';
import { HANDOFF_DIALOG, HandoffDialog, type HandoffOptions } from './handoffDialog';
import { isKnowledgeTopic } from '../src/core/intents';
import type { MunicipalityMatch } from '../src/core/routing/municipalityFinder';

export const MAIN_DIALOG = 'mainDialog';
/** Fewer words than this besides the place and the desk words ("dove si trova lo sportello a Lodi"): a desk only. */
const MIN_TOPIC_WORDS = 3;
const DISPATCH_STEPS = 'mainDialog.dispatch';

/** What a child dialog handed back for the dispatcher to start next. */
interface FollowUp {
  /** A message a waiting dialog could not use (it picked none of its buttons): dispatch it afresh. */
  text?: string;
  findDesk?: FindDeskOptions;
  /** Hand the chat to a person, and why. */
  person?: EscalationReason;
}

/** A command typed or pressed: the words of `recognizeCommand`, or a button such as "#person". */
type Interruption = Pick<RecognizedCommand, 'kind' | 'switchTo'>;

/**
 * The root dialog. Every message goes first through the commands that work from anywhere (help, cancel,
 * language, talk to a person, delete my data); everything else is a question for the FAQ dialog. While
 * a person at a desk has the chat, messages do not come here (src/bot/handoffGate.ts).
 */
export class MainDialog extends ComponentDialog {
  constructor(private readonly deps: DialogDependencies) {
    super(MAIN_DIALOG);
    this.addDialog(new FaqDialog(deps))
      .addDialog(new LanguageDialog(deps))
      .addDialog(new DeleteDataDialog(deps))
      .addDialog(new FindDeskDialog(deps))
      .addDialog(new HandoffDialog(deps))
      .addDialog(new WaterfallDialog(DISPATCH_STEPS, [this.dispatchStep.bind(this), this.afterChildStep.bind(this)]));
    this.initialDialogId = DISPATCH_STEPS;
  }

  /** Commands interrupt whatever is waiting (a clarification, the language menu, a confirmation). */
  protected override async onContinueDialog(inner: DialogContext): Promise<DialogTurnResult> {
    const command = this.recognize(inner.context.activity.text);
    if (command && command.kind !== 'greeting' && command.kind !== 'thanks') {
      await inner.cancelAllDialogs();
      return this.run(inner, command);
    }
    return super.onContinueDialog(inner);
  }

  private async dispatchStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const followUp = step.options as FollowUp | undefined;
    if (followUp?.findDesk) return step.beginDialog(FIND_DESK_DIALOG, followUp.findDesk);
    if (followUp?.person) return step.beginDialog(HANDOFF_DIALOG, { reason: followUp.person } satisfies HandoffOptions);
    const text = followUp?.text ?? step.context.activity.text ?? '';
    const location = sharedLocation(step.context);
    if (location) return step.beginDialog(FIND_DESK_DIALOG, { location } satisfies FindDeskOptions);
    const command = this.recognize(text);
    if (command) return this.run(step, command);
    const button = parseButton(text);
    if (button?.kind === 'topic') return step.beginDialog(FAQ_DIALOG, { topicId: button.arg } satisfies FaqOptions);
    if (button?.kind === 'desk') return step.beginDialog(FIND_DESK_DIALOG, { topicId: button.arg } satisfies FindDeskOptions);
    if (button?.kind === 'place') return step.beginDialog(FIND_DESK_DIALOG, { municipality: button.arg } satisfies FindDeskOptions);
    if (await this.answeredHours(step, text)) return step.endDialog();
    const route = this.deskRoute(text, turnLang(step.context));
    if (route?.topic) return step.beginDialog(FAQ_DIALOG, { text, topicId: route.topic.id, confidence: route.topic.confidence, thenDesk: route.desk } satisfies FaqOptions);
    if (route) return step.beginDialog(FIND_DESK_DIALOG, route.desk);
    return step.beginDialog(FAQ_DIALOG, { text } satisfies FaqOptions);
  }

  /**
   * A request for a desk: a place with "where is the office" or a kind of desk ("sportello badanti a
   * Treviglio"), both together ("where is the sportello badanti"), or a short one that the knowledge
   * cannot answer ("informagiovani?"). A message that also asks about a topic and names a place
   * ("abito a Gorgonzola, come rinnovo il permesso? c'è uno sportello vicino?") gets the answer and then
   * the desk of that place (`topic`). A question that merely mentions an office ("il comune mi chiede
   * l'ISEE") goes to the FAQ, whose answer offers "find my nearest desk".
   */
  private deskRoute(text: string, lang: Lang): { desk: FindDeskOptions; topic?: { id: string; confidence: number } } | undefined {
    const { words, findPlace } = this.deps.routing;
    const deskType = words.deskType(text);
    const asks = words.asksForDesk(text);
    const place = findPlace(text) ?? null;
    if (!deskType && !asks && !place) return undefined;
    // What was read here goes to the desk finder, which would otherwise read the message again.
    const desk: FindDeskOptions = { text, deskType, place };
    if (place) {
      const rest = this.wordsBesidesPlace(text, place);
      if (rest.length < MIN_TOPIC_WORDS) return { desk }; // "abito a Bergamo", "sportello stranieri a Lodi"
      const topic = this.confidentTopic(rest, lang);
      if (topic) return { desk, topic };
      // A place mentioned in passing ("I got married in Milan, and now?"): the question is the FAQ's.
      return deskType || asks ? { desk } : undefined;
    }
    if (deskType && asks) return { desk };
    return tokenize(text).length <= 4 && this.deps.knowledge().ask(text, lang).decision.kind !== 'answer' ? { desk } : undefined;
  }

  /** The words of a message besides the place it names and its desk words ("where is", "near me"). */
  private wordsBesidesPlace(text: string, place: MunicipalityMatch): string[] {
    const placeWords = new Set(place.candidates.flatMap((m) => tokenize(m.name)));
    return this.deps.routing.words.withoutRoutingWords(text).filter((word) => !placeWords.has(word));
  }

  /** The topic those words ask about, when the knowledge answers it with confidence. */
  private confidentTopic(words: string[], lang: Lang): { id: string; confidence: number } | undefined {
    const { decision } = this.deps.knowledge().ask(words.join(' '), lang);
    return decision.kind === 'answer' && !decision.tentative && isKnowledgeTopic(decision.topicId) ? { id: decision.topicId, confidence: decision.confidence } : undefined;
  }

  /** "Are you open on Saturday?" about the desk shown last in this conversation. */
  private async answeredHours(step: WaterfallStepContext, text: string): Promise<boolean> {
    const conversation = await this.deps.conversation.get(step.context, {});
    const desk = conversation.lastDeskId ? this.deps.knowledge().desks.byId(conversation.lastDeskId) : undefined;
    if (!desk || tokenize(text).length > 8) return false;
    const lang = turnLang(step.context);
    const { words } = this.deps.routing;
    const now = this.deps.now();
    const asked = words.askedDay(text, lang, now);
    if (!asked && !words.asksForHours(text)) return false;
    const meta = { topic: INTENTS.deskHours, confidence: 1, lang, desk: deskMeta(desk) };
    await step.context.sendActivity(reply(asked ? hoursOnDay(desk, lang, this.deps.t, asked) : weekHours(desk, lang, this.deps.t, now), meta));
    return true;
  }

  /**
   * Dialogs waiting for a button hand back a message that picked none (a new question); the FAQ hands
   * back a question that was really a request for a person, or a press of "find my nearest desk".
   */
  private async afterChildStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const result = step.result as FaqResult | undefined;
    // Each follow-up goes round the dispatcher again, so its own follow-ups are handled too.
    if (result?.unhandled) return step.replaceDialog(DISPATCH_STEPS, { text: result.unhandled } satisfies FollowUp);
    if (result?.wantsPerson) return step.replaceDialog(DISPATCH_STEPS, { person: result.fallbacksInARow ? 'fallbacks' : 'asked' } satisfies FollowUp);
    if (result?.findDeskFor) return step.replaceDialog(DISPATCH_STEPS, { findDesk: { topicId: result.findDeskFor } } satisfies FollowUp);
    if (result?.findDesk) return step.replaceDialog(DISPATCH_STEPS, { findDesk: result.findDesk } satisfies FollowUp);
    return step.endDialog();
  }

  private recognize(text: string | undefined): Interruption | undefined {
    const button = parseButton(text);
    if (button?.kind === 'person') return { kind: 'person' };
    if (button?.kind === 'place' || button?.kind === 'desk') return undefined;
    if (button?.kind === 'lang' && isLang(button.arg)) return { kind: 'language', switchTo: button.arg };
    if (button) return undefined;
    return this.deps.commands.recognize(text ?? '');
  }

  private async run(dc: DialogContext, command: Interruption): Promise<DialogTurnResult> {
    const { t } = this.deps;
    const lang = turnLang(dc.context);
    const say = (key: string, topic: string, options?: Record<string, unknown>) =>
      dc.context.sendActivity(reply(t(lang, key, options), { topic, confidence: 1, lang }));
    switch (command.kind) {
      case 'deleteData':
        return dc.beginDialog(DELETE_DATA_DIALOG);
      case 'language':
        return dc.beginDialog(LANGUAGE_DIALOG, { switchTo: command.switchTo } satisfies LanguageOptions);
      case 'person':
        return dc.beginDialog(HANDOFF_DIALOG, { reason: 'asked' } satisfies HandoffOptions);
      case 'cancel':
        await say('cancel.done', INTENTS.cancel);
        break;
      case 'help':
        await say('help.text', INTENTS.help);
        break;
      case 'greeting':
        await say('smalltalk.hello', INTENTS.smalltalk);
        break;
      case 'thanks':
        await say('smalltalk.thanks', INTENTS.smalltalk);
        break;
    }
    return dc.endDialog();
  }
}
