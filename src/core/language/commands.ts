import { tokenize } from '../text/normalize';
import { findPhrase, isWholePhrase } from '../text/phrases';
import { LANGUAGES, type Lang } from './languages';

export type CommandKind = 'deleteData' | 'person' | 'language' | 'cancel' | 'help' | 'greeting' | 'thanks';

/** The words people type for each command in one language (from `locales/<lng>/commands.json`). */
export type CommandWords = Record<CommandKind, string[]> & {
  languageNames: Partial<Record<Lang, string[]>>;
  /** Longer ways of asking for a person; retrieval learns them as the `mediator.request` intent. */
  personQuestions?: string[];
};

export type CommandLexicon = Partial<Record<Lang, CommandWords>>;

export interface RecognizedCommand {
  kind: CommandKind;
  /** For `language`: the language named in the message ("english", "عربي"), if any. */
  switchTo?: Lang;
  /** The language whose word matched: a good hint for the reply language of a one-word message. */
  lang: Lang;
}

/** Messages longer than this are questions, not commands, unless they contain a whole command phrase. */
const SHORT_MESSAGE_WORDS = 4;

/**
 * Recognises the commands that work from anywhere in the conversation, in any of the ten languages and
 * with typos: erase my data, talk to a person, change language, cancel, help, and greetings or thanks.
 * A command phrase of two or more words counts anywhere in the message ("i want to talk to a mediator
 * about my permit"); a single word only in a short message, so "mediatore per la scuola di mio figlio"
 * is a question about school mediators, not a hand-off.
 *
 * @example recognizeCommand('cancella i miei dati', lexicon) // { kind: 'deleteData', lang: 'it' }
 */
export function recognizeCommand(text: string, lexicon: CommandLexicon): RecognizedCommand | undefined {
  return new CommandRecognizer(lexicon).recognize(text);
}

/** The lexicon with every phrase split into words once, for the recogniser on the hot path. */
export class CommandRecognizer {
  private readonly phrases: { kind: CommandKind; lang: Lang; words: string[] }[] = [];
  private readonly names: { switchTo: Lang; lang: Lang; words: string[] }[] = [];

  constructor(lexicon: CommandLexicon) {
    for (const lang of LANGUAGES) {
      for (const kind of ['deleteData', 'person', 'language', 'cancel', 'help', 'greeting', 'thanks'] as const) {
        for (const phrase of lexicon[lang]?.[kind] ?? []) {
          const words = tokenize(phrase);
          if (words.length > 0) this.phrases.push({ kind, lang, words });
        }
      }
      for (const [switchTo, names] of Object.entries(lexicon[lang]?.languageNames ?? {}) as [Lang, string[]][]) {
        for (const name of names) this.names.push({ switchTo, lang, words: tokenize(name) });
      }
    }
  }

  /** See `recognizeCommand`. */
  recognize(text: string): RecognizedCommand | undefined {
    const tokens = tokenize(text);
    if (tokens.length === 0) return undefined;
    const short = tokens.length <= SHORT_MESSAGE_WORDS;
    const contained = (kind: CommandKind, wholeOnly: boolean) =>
      this.phrases.find((p) => p.kind === kind && (wholeOnly ? isWholePhrase(tokens, p.words) : containsPhrase(tokens, p.words, short)))?.lang;

    const erase = contained('deleteData', false);
    if (erase) return { kind: 'deleteData', lang: erase };
    const person = contained('person', false);
    if (person) return { kind: 'person', lang: person };
    if (short) {
      const named = this.names.find((n) => isWholePhrase(tokens, n.words));
      if (named) return { kind: 'language', switchTo: named.switchTo, lang: named.lang };
    }
    for (const kind of ['language', 'cancel', 'help', 'greeting', 'thanks'] as const) {
      const lang = contained(kind, true);
      if (lang) return { kind, lang };
    }
    return undefined;
  }
}

/** A one-word command counts only in a short message; a longer phrase anywhere. */
function containsPhrase(tokens: string[], phrase: string[], short: boolean): boolean {
  return (phrase.length > 1 || short) && findPhrase(tokens, phrase) >= 0;
}
