import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { CommandLexicon } from '../src/core/language/commands';
import type { KnowledgeSnapshot } from '../src/core/knowledge/knowledgeSnapshot';
import type { Translate } from '../src/i18n';
import type { UserProfile } from '../src/bot/turnState';

/** What the dialogs need from the rest of Ponte, handed over by the composition root. */
export interface DialogDependencies {
  /** The knowledge published now; read it at each turn, since an editor's publish swaps it. */
  knowledge: () => KnowledgeSnapshot;
  t: Translate;
  commands: CommandLexicon;
  profile: StatePropertyAccessor<UserProfile>;
  /** How long data is kept, told to the user in the privacy notice. */
  retentionDays: number;
  /** Erases everything stored about the person in this turn's conversation. */
  eraseUserData: (context: TurnContext) => Promise<void>;
}
