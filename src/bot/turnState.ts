import type { TurnContext } from 'botbuilder';
import type { Lang } from '../core/language/languages';
import type { Municipality } from '../core/routing/desks';

/** What Ponte keeps about a person, under their pseudonymous id (see docs/privacy.md). */
export interface UserProfile {
  /** The language they chose or last wrote in clearly. */
  lang?: Lang;
  /** The welcome and privacy notice were shown. */
  welcomed?: boolean;
  /** Where they said they live, so desks are found without asking again. */
  municipality?: Municipality;
}

export interface ConversationInfo {
  lang?: Lang;
  /** The desk shown last, so "are you open on Saturday?" has something to refer to. */
  lastDeskId?: string;
  /** The knowledge topic answered last: an escalation goes to the desk of that topic. */
  lastTopic?: string;
  /** The question answered last (cut short), so "and how much is the stamp?" is read with it. */
  lastQuestion?: string;
  /**
   * Answers in a row the assistant could not give; at two, a person takes over. Counted by the FAQ
   * dialog; reset in one place, by PonteBot, after any turn that ends with another reply.
   */
  fallbacks?: number;
  /** While a person at a desk has the chat: the escalation's id. */
  handoffId?: string;
}

const LANG = Symbol('ponte.lang');
const ERASED = Symbol('ponte.erased');

/** The reply language decided for this turn. Dialogs read it; the language dialog changes it. */
export function turnLang(context: TurnContext): Lang {
  return context.turnState.get(LANG) ?? 'it';
}

export function setTurnLang(context: TurnContext, lang: Lang): void {
  context.turnState.set(LANG, lang);
}

/** Marks that this turn erased the user's data, so nothing is written back at the end of it. */
export function markErased(context: TurnContext): void {
  context.turnState.set(ERASED, true);
}

export function wasErased(context: TurnContext): boolean {
  return context.turnState.get(ERASED) === true;
}
