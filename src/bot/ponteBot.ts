import { ActivityHandler, type BotState, type ConversationState, type StatePropertyAccessor, type TurnContext, type UserState } from 'botbuilder';
import { DialogSet, DialogTurnStatus, type Dialog, type DialogState } from 'botbuilder-dialogs';
import type { Logger } from 'pino';
import { chooseReplyLanguage } from '../core/language/chooseReplyLanguage';
import type { KnowledgeSnapshot } from '../core/knowledge/knowledgeSnapshot';
import { langFromLocale, type Lang } from '../core/language/languages';
import type { Translate } from '../i18n';
import { INTENTS, metaOf, reply } from './replies';
import { setTurnLang, turnLang, wasErased, type ConversationInfo, type UserProfile } from './turnState';
import type { HandoffGate } from './handoffGate';
import type { RecentTurn } from '../core/handoff/escalation';
import type { ConversationMemory } from '../storage/conversationMemory';
import { isKnowledgeTopic } from '../core/intents';
import { toRomeTime } from '../core/routing/openingHours';
import type { Outcome, TurnFigures } from '../storage/turnFigures';

export interface PonteBotOptions {
  rootDialog: Dialog;
  knowledge: () => KnowledgeSnapshot;
  conversationState: ConversationState;
  userState: UserState;
  profile: StatePropertyAccessor<UserProfile>;
  conversation: StatePropertyAccessor<ConversationInfo>;
  t: Translate;
  defaultLanguage: Lang;
  retentionDays: number;
  logger: Logger;
  /** The person's pseudonymous id, for log lines; never their channel id. */
  pseudonymOf: (context: TurnContext) => string;
  /** Sends messages to the desk instead of the dialogs while a person has the chat. */
  handoffGate: HandoffGate;
  /** Counts questions per language, topic and outcome for the editors (none on the command line). */
  figures?: Pick<TurnFigures, 'count'>;
  /** The last turns of each conversation, for a mediator who takes over. */
  memory: Pick<ConversationMemory, 'remember'>;
}

/**
 * Runs one turn: decides the reply language, welcomes a newcomer with the privacy notice, runs the
 * root dialog, then saves state (unless the person just erased it). Channel-agnostic: Telegram,
 * WhatsApp, the Bot Framework and the command line all come through here.
 */
export class PonteBot extends ActivityHandler {
  private readonly dialogs: DialogSet;
  private readonly dialogState: StatePropertyAccessor<DialogState>;
  private readonly conversation: StatePropertyAccessor<ConversationInfo>;

  constructor(private readonly options: PonteBotOptions) {
    super();
    this.dialogState = options.conversationState.createProperty<DialogState>('dialogState');
    this.conversation = options.conversation;
    this.dialogs = new DialogSet(this.dialogState).add(options.rootDialog);
    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });
  }

  override async run(context: TurnContext): Promise<void> {
    const started = Date.now();
    let topic: string | undefined;
    context.onSendActivities(async (_ctx, activities, next) => {
      for (const activity of activities) topic = metaOf(activity)?.topic ?? topic;
      this.remember(context, activities.filter((a) => a.type === 'message' && a.text).map((a) => botTurn(a.text!, metaOf(a)?.topic)));
      return next();
    });
    await super.run(context);
    // "Two answers in a row it could not give": any other reply (an answer, thanks, a desk) breaks the row.
    if (topic && topic !== INTENTS.fallback && context.activity.type === 'message' && !wasErased(context)) {
      const conversation = await this.conversation.get(context, {});
      if (conversation.fallbacks) conversation.fallbacks = 0;
    }
    if (!wasErased(context)) {
      await this.options.conversationState.saveChanges(context);
      await this.options.userState.saveChanges(context);
    }
    const outcome = topic ? outcomeOf(topic) : undefined;
    if (outcome && context.activity.type === 'message') this.options.figures?.count(toRomeTime(new Date(started)).date, turnLang(context), topic!, outcome);
    // No message text, names or numbers in logs: only what was decided.
    this.options.logger.info(
      { event: 'turn', user: this.options.pseudonymOf(context), channel: context.activity.channelId, type: context.activity.type, lang: turnLang(context), topic, ms: Date.now() - started },
      'turn',
    );
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const { profile: profileAccessor, t, retentionDays } = this.options;
    const profile = await profileAccessor.get(context, {});
    const conversation = await this.conversation.get(context, {});
    const text = context.activity.text ?? '';
    // A pressed button ("#topic:permit.renewal") or a command ("/start") says nothing about the person's language.
    const guess = text.startsWith('#') || text.startsWith('/') ? { lang: undefined, confidence: 0, evidence: 0 } : this.options.knowledge().detectLanguage(text);
    const { lang, reason } = chooseReplyLanguage({
      guess,
      chosen: profile.lang,
      previous: conversation.lang,
      channelHint: langFromLocale(context.activity.locale),
      fallback: this.options.defaultLanguage,
    });
    setTurnLang(context, lang);
    conversation.lang = lang;
    if (reason === 'message' || !profile.lang) profile.lang = lang;

    // A voice note, a photo, a sticker, an edit: say what Ponte can read, in the person's language.
    const unsupported = (context.activity.channelData as { unsupported?: string } | undefined)?.unsupported;
    if (unsupported) {
      await context.sendActivity(reply(t(lang, 'unsupported.media'), { topic: INTENTS.unsupported, confidence: 1, lang }));
      return;
    }

    // Before the welcome, so the transcript a mediator reads keeps the order of the conversation.
    this.remember(context, text ? [{ from: 'user', text: text.slice(0, MAX_REMEMBERED_CHARS), at: Date.now() }] : []);
    if (!profile.welcomed) {
      profile.welcomed = true;
      await context.sendActivity(reply(`${t(lang, 'welcome')}\n\n${t(lang, 'privacy.notice', { days: retentionDays })}`, { topic: INTENTS.welcome, confidence: 1, lang }));
    }

    if (await this.options.handoffGate.handle(context, conversation, lang)) return;

    const dc = await this.dialogs.createContext(context);
    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty) await dc.beginDialog(this.options.rootDialog.id);
  }

  /** Keeps the last turns, so a person taking over the chat sees what was already said. */
  private remember(context: TurnContext, turns: RecentTurn[]): void {
    if (wasErased(context)) return;
    this.options.memory.remember(context.activity.channelId, context.activity.conversation.id, turns);
  }

  /** Deletes the person's user and conversation state; called by the "delete my data" dialog. */
  static async erase(context: TurnContext, states: readonly BotState[]): Promise<void> {
    for (const state of states) await state.delete(context);
  }
}

/**
 * The remembered turns stay small: what the person wrote, cut short, and what Ponte replied as its
 * topic only (the hand-off writes answers back from the knowledge).
 */
const MAX_REMEMBERED_CHARS = 300;

function botTurn(text: string, topic: string | undefined): RecentTurn {
  return { from: 'bot', text: topic ? '' : text.slice(0, MAX_REMEMBERED_CHARS), topic, at: Date.now() };
}

/** What became of a question, for the editors' figures; other turns (greetings, desks, commands) are not questions. */
function outcomeOf(topic: string): Outcome | undefined {
  if (topic === INTENTS.clarify) return 'clarified';
  if (topic === INTENTS.fallback) return 'fellBack';
  if (topic === INTENTS.mediator) return 'handedOver';
  return isKnowledgeTopic(topic) ? 'answered' : undefined;
}
