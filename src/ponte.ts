import { ConversationState, UserState, type Storage, type TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import { MainDialog } from '../dialogs/mainDialog';
import type { DialogDependencies } from '../dialogs/dialogDependencies';
import { pseudonymize } from './core/privacy/pseudonym';
import type { Lang } from './core/language/languages';
import type { KnowledgeSnapshot } from './core/knowledge/knowledgeSnapshot';
import type { Locales } from './i18n';
import { PonteBot } from './bot/ponteBot';
import { markErased, type ConversationInfo, type UserProfile } from './bot/turnState';
import { MunicipalityFinder } from './core/routing/municipalityFinder';
import { RoutingWordsReader } from './core/routing/routingWords';
import type { Municipality } from './core/routing/desks';
import { CommandRecognizer } from './core/language/commands';
import type { HandoffService } from './handoff/handoffService';
import { HandoffGate } from './bot/handoffGate';
import type { QuestionInbox } from './editors/questionInbox';
import type { TurnFigures } from './storage/turnFigures';
import { ConversationMemory } from './storage/conversationMemory';

export interface PonteParts {
  knowledge: () => KnowledgeSnapshot;
  locales: Locales;
  storage: Storage;
  /** Key of the pseudonymous ids (see src/storage/secretKey.ts). */
  pseudonymKey: Buffer;
  defaultLanguage: Lang;
  retentionDays: number;
  logger: Logger;
  /** Lombardy's municipalities (src/knowledge/municipalities.ts). */
  municipalities: readonly Municipality[];
  /** Other names of municipalities ("Milan", "米兰"). */
  municipalityAliases?: Record<string, string[]>;
  /** The clock; tests fix it to check opening hours. */
  now?: () => Date;
  /** Escalations to people at the desks. */
  handoff: HandoffService;
  /** The editors' inbox and figures; the server has them, the command line does not. */
  inbox?: Pick<QuestionInbox, 'collect'>;
  figures?: Pick<TurnFigures, 'count'>;
  /** The conversations' last turns for a hand-off; in memory when not given (the command line). */
  memory?: ConversationMemory;
  /** What else must go when a person erases their data (the channels' delivery records). */
  onErase?: (channel: string, chatId: string) => Promise<void>;
}

/**
 * Wires the conversation: state, dialogs and the bot. The server (src/index.ts) and the command line
 * (src/cli) both build their bot here, so they run the very same pipeline.
 */
export function createPonteBot(parts: PonteParts): { bot: PonteBot; conversationState: ConversationState; userState: UserState } {
  const conversationState = new ConversationState(parts.storage);
  const userState = new UserState(parts.storage);
  const profile = userState.createProperty<UserProfile>('profile');
  const conversation = conversationState.createProperty<ConversationInfo>('conversation');
  const municipalities = new MunicipalityFinder(parts.municipalities, parts.municipalityAliases);
  const words = new RoutingWordsReader(parts.locales.routing);
  const pseudonymOf = (context: TurnContext) =>
    pseudonymize(parts.pseudonymKey, context.activity.channelId ?? 'unknown', context.activity.from?.id ?? 'anonymous');

  const commands = new CommandRecognizer(parts.locales.commands);
  const memory = parts.memory ?? ConversationMemory.inMemory(parts.pseudonymKey);
  const deps: DialogDependencies = {
    knowledge: parts.knowledge,
    t: parts.locales.t,
    commands,
    profile,
    conversation,
    routing: {
      municipalities,
      words,
      findPlace: (text, answering = false) =>
        municipalities.find(text, { answering, prompts: words.prompts(), isEverydayWord: (word) => parts.knowledge().index.usesWord(word) }),
    },
    now: parts.now ?? (() => new Date()),
    retentionDays: parts.retentionDays,
    handoff: parts.handoff,
    inbox: parts.inbox,
    memory,
    pseudonymOf,
    eraseUserData: async (context) => {
      await PonteBot.erase(context, [userState, conversationState]);
      await parts.handoff.eraseUser(pseudonymOf(context));
      await memory.forget(context.activity.channelId, context.activity.conversation.id);
      await parts.onErase?.(context.activity.channelId, context.activity.conversation.id);
      markErased(context);
      parts.logger.info({ event: 'erased', user: pseudonymOf(context) }, 'user data erased');
    },
  };
  const bot = new PonteBot({
    rootDialog: new MainDialog(deps),
    knowledge: parts.knowledge,
    conversationState,
    userState,
    profile,
    conversation,
    t: parts.locales.t,
    defaultLanguage: parts.defaultLanguage,
    retentionDays: parts.retentionDays,
    logger: parts.logger,
    pseudonymOf,
    handoffGate: new HandoffGate({ handoff: parts.handoff, inbox: parts.inbox, commands, t: parts.locales.t, pseudonymOf }),
    figures: parts.figures,
    memory,
  });
  return { bot, conversationState, userState };
}
