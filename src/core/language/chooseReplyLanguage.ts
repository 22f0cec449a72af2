import type { LanguageGuess } from './detectLanguage';
import type { Lang } from './languages';

export interface LanguageSignals {
  guess: LanguageGuess;
  /** The language the user picked from the menu or by name ("english", "عربي"). */
  chosen?: Lang;
  /** The language of the conversation so far. */
  previous?: Lang;
  /** What the channel says about the user's device (Telegram `language_code`, Bot Framework `locale`). */
  channelHint?: Lang;
  fallback: Lang;
}

export type LanguageReason = 'message' | 'chosen' | 'conversation' | 'channel' | 'default';

/** A guess this sure, backed by a sentence's worth of words, overrides an earlier choice. */
const SWITCH_CONFIDENCE = 0.6;
const SWITCH_EVIDENCE = 2;
/** A weaker guess still beats knowing nothing at all. */
const FIRST_CONFIDENCE = 0.25;

/**
 * Decides which language to reply in. A clear message in another language wins ("the user switched");
 * a short or ambiguous one ("ok", "2", "grazie", "permesso") keeps the language already in use, or
 * the device's, before a weak guess.
 *
 * @example chooseReplyLanguage({ guess: { lang: 'it', confidence: 0.3, evidence: 1 }, chosen: 'ar', fallback: 'it' })
 * // -> { lang: 'ar', reason: 'chosen' }
 */
export function chooseReplyLanguage(signals: LanguageSignals): { lang: Lang; reason: LanguageReason } {
  const { guess } = signals;
  if (guess.lang && guess.confidence >= SWITCH_CONFIDENCE && guess.evidence >= SWITCH_EVIDENCE) {
    return { lang: guess.lang, reason: 'message' };
  }
  if (signals.chosen) return { lang: signals.chosen, reason: 'chosen' };
  if (signals.previous) return { lang: signals.previous, reason: 'conversation' };
  // The device's language says more than a word or two ("start", "ok", "xqzv"), which any language may hold.
  if (signals.channelHint) return { lang: signals.channelHint, reason: 'channel' };
  if (guess.lang && guess.confidence >= FIRST_CONFIDENCE) return { lang: guess.lang, reason: 'message' };
  return { lang: signals.fallback, reason: 'default' };
}
