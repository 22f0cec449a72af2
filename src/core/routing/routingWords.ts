import { recognizeDateTime, Culture } from '@microsoft/recognizers-text-suite';
import { tokenize } from '../text/normalize';
import { findPhrase } from '../text/phrases';
import { LANGUAGES, type Lang } from '../language/languages';
import type { DeskType } from '../knowledge/types';
import { WEEKDAYS, type Weekday } from './desks';
import { nextDateOf, relativeDay, toRomeTime } from './openingHours';

export type DayWord = Weekday | 'today' | 'tomorrow' | 'morning' | 'afternoon' | 'now';

/** The words of desk routing in one language (from `locales/<lng>/commands.json`). */
export interface RoutingWords {
  deskTypes: Partial<Record<DeskType, string[]>>;
  findDesk: string[];
  days: Partial<Record<DayWord, string[]>>;
  municipalityPrompts: string[];
  /** "opening hours", "when is it open", "orari": a question about a desk's hours. */
  openingHours: string[];
}

export type RoutingLexicon = Partial<Record<Lang, RoutingWords>>;

/** The day (and part of day) a question about opening hours is about. */
export interface AskedDay {
  date: string;
  weekday: Weekday;
  part?: 'morning' | 'afternoon';
}

// The recognizers' date models work for these cultures; Italian and the others use our own day words
// (see ../shared/stack-notes.md: the Italian model silently falls back to English and misreads dates).
const RECOGNIZER_CULTURES: Partial<Record<Lang, string>> = { en: Culture.English, fr: Culture.French, es: Culture.Spanish, zh: Culture.Chinese };

/** Checked for every routing phrase on every message: skip phrases whose first letter is nowhere (typos rarely hit it). */
function containsPhrase(tokens: readonly string[], words: readonly string[]): boolean {
  return words.length > 0 && tokens.some((t) => t[0] === words[0][0]) && findPhrase(tokens, words) >= 0;
}

/**
 * Words that point at desk routing in a message: the kind of desk asked for ("sportello badanti",
 * "informagiovani", "mediatore per la scuola"), a request to find a desk, the day asked about.
 */
export class RoutingWordsReader {
  // Every phrase split into words once: these are checked on every message.
  private readonly deskPhrases: { type: DeskType; words: string[] }[] = [];
  private readonly findPhrases: string[][] = [];
  private readonly hoursPhrases: string[][] = [];
  private readonly dayPhrases = new Map<DayWord, string[][]>();
  private readonly promptList: string[];

  constructor(private readonly lexicon: RoutingLexicon) {
    for (const lang of LANGUAGES) {
      const words = lexicon[lang];
      for (const [type, phrases] of Object.entries(words?.deskTypes ?? {}) as [DeskType, string[]][]) {
        for (const phrase of phrases) this.deskPhrases.push({ type, words: tokenize(phrase) });
      }
      for (const phrase of words?.findDesk ?? []) this.findPhrases.push(tokenize(phrase));
      for (const phrase of words?.openingHours ?? []) this.hoursPhrases.push(tokenize(phrase));
      for (const [day, phrases] of Object.entries(words?.days ?? {}) as [DayWord, string[]][]) {
        this.dayPhrases.set(day, [...(this.dayPhrases.get(day) ?? []), ...phrases.map((p) => tokenize(p))]);
      }
    }
    // Longest first, so "sportello badanti" beats "sportello".
    this.deskPhrases.sort((a, b) => b.words.length - a.words.length);
    this.promptList = LANGUAGES.flatMap((lang) => lexicon[lang]?.municipalityPrompts ?? []);
  }

  /** The desk type named in the message; the longest matching phrase wins. */
  deskType(text: string): DeskType | undefined {
    const tokens = tokenize(text);
    return this.deskPhrases.find((phrase) => containsPhrase(tokens, phrase.words))?.type;
  }

  /** "where is the office", "nearest desk", "dove si trova lo sportello". */
  asksForDesk(text: string): boolean {
    const tokens = tokenize(text);
    return this.findPhrases.some((words) => containsPhrase(tokens, words));
  }

  /** "what are the hours?", "orari?", "当时几点开门": a question about opening hours. */
  asksForHours(text: string): boolean {
    const tokens = tokenize(text);
    return this.hoursPhrases.some((words) => containsPhrase(tokens, words));
  }

  prompts(): string[] {
    return this.promptList;
  }

  /**
   * The message's words without those of desk routing (desk types, "where is the office", "near me"):
   * what is left says whether the message asks something more than where a desk is.
   */
  withoutRoutingWords(text: string): string[] {
    const tokens = tokenize(text);
    const covered = new Set<number>();
    for (const words of [...this.deskPhrases.map((p) => p.words), ...this.findPhrases]) {
      const start = words.length > 0 && tokens.some((t) => t[0] === words[0][0]) ? findPhrase(tokens, words) : -1;
      if (start >= 0) for (let i = start; i < start + words.length; i++) covered.add(i);
    }
    return tokens.filter((_, i) => !covered.has(i));
  }

  /**
   * The day a question is about: "are you open on Saturday?", "domani mattina?", "ouvert le 8 décembre ?".
   * Weekday and today/tomorrow words come from the lexicon in every language; explicit dates from the
   * recognizers where they support the language.
   */
  askedDay(text: string, lang: Lang, now: Date): AskedDay | undefined {
    const tokens = tokenize(text);
    const has = (word: DayWord) => (this.dayPhrases.get(word) ?? []).some((words) => containsPhrase(tokens, words));
    const part = has('morning') ? 'morning' : has('afternoon') ? 'afternoon' : undefined;
    const explicit = this.recognizedDate(text, lang, now);
    if (explicit) return { ...explicit, part };
    if (has('tomorrow')) return { ...relativeDay(now, 1), part };
    for (const weekday of WEEKDAYS) if (has(weekday)) return { ...nextDateOf(weekday, now), part };
    if (has('today') || has('now') || part) return { ...relativeDay(now, 0), part };
    return undefined;
  }

  private recognizedDate(text: string, lang: Lang, now: Date): { date: string; weekday: Weekday } | undefined {
    const culture = RECOGNIZER_CULTURES[lang];
    // A date is written with a number ("8 dicembre", "December 8th"); weekday words are handled above,
    // and the recognizer costs milliseconds, so it only sees messages that could hold one.
    if (!culture || !/\d/.test(text)) return undefined;
    const today = toRomeTime(now).date;
    for (const result of recognizeDateTime(text, culture, undefined, now)) {
      const values = (result.resolution?.values ?? []) as { type: string; value?: string }[];
      const dates = values.filter((v) => v.type === 'date' && v.value).map((v) => v.value!).filter((d) => d >= today).sort();
      if (dates[0]) {
        const weekday = WEEKDAYS[new Date(`${dates[0]}T12:00:00Z`).getUTCDay()];
        return { date: dates[0], weekday };
      }
    }
    return undefined;
  }
}

/** The first call of a recognizer model builds it (seconds): done once at start-up, off the hot path. */
export function warmRecognizers(): void {
  for (const culture of Object.values(RECOGNIZER_CULTURES)) recognizeDateTime('1 december', culture!);
}
