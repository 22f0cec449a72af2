import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { CommandRecognizer } from '../src/core/language/commands';
import type { KnowledgeSnapshot } from '../src/core/knowledge/knowledgeSnapshot';
import type { Translate } from '../src/i18n';
import type { ConversationInfo, UserProfile } from '../src/bot/turnState';
import type { MunicipalityFinder, MunicipalityMatch } from '../src/core/routing/municipalityFinder';
import type { RoutingWordsReader } from '../src/core/routing/routingWords';
import type { HandoffService } from '../src/handoff/handoffService';
import type { QuestionInbox } from '../src/editors/questionInbox';
import type { ConversationMemory } from '../src/storage/conversationMemory';

/** What the dialogs need from the rest of Ponte, handed over by the composition root. */
export interface DialogDependencies {
  /** The knowledge published now; read it at each turn, since an editor's publish swaps it. */
  knowledge: () => KnowledgeSnapshot;
  t: Translate;
  /** The words for commands in ten languages, split once for the whole bot (the hand-off gate shares it). */
  commands: CommandRecognizer;
  profile: StatePropertyAccessor<UserProfile>;
  conversation: StatePropertyAccessor<ConversationInfo>;
  /** Municipality names and routing words, for finding the right desk. */
  routing: {
    municipalities: MunicipalityFinder;
    words: RoutingWordsReader;
    /** The municipality named in a message; `answering` when it replies to "which municipality?". */
    findPlace: (text: string, answering?: boolean) => MunicipalityMatch | undefined;
  };
  /** The clock, so tests can ask "is it open?" at a chosen moment. */
  now: () => Date;
  /** How long data is kept, told to the user in the privacy notice. */
  retentionDays: number;
  /** Opens escalations to a person at a desk (src/handoff/handoffService.ts). */
  handoff: Pick<HandoffService, 'start'>;
  /** The editors' inbox of questions Ponte could not answer well (none on the command line). */
  inbox?: Pick<QuestionInbox, 'collect'>;
  /** The conversation's last turns and last answer, for a hand-off. */
  memory: Pick<ConversationMemory, 'get' | 'setLastAnswer'>;
  /** The person's pseudonymous id: escalations carry it, never their channel id. */
  pseudonymOf: (context: TurnContext) => string;
  /** Erases everything stored about the person in this turn's conversation. */
  eraseUserData: (context: TurnContext) => Promise<void>;
}
