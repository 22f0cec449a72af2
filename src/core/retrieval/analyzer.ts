import { isHanToken, tokenize } from '../text/normalize';
import { sameWord } from '../text/editDistance';
import { STOPWORDS } from '../text/stopwords';
import type { Lang } from '../language/languages';
import type { GlossaryTerm } from '../knowledge/types';

/** Glossary concepts become one term each, marked so they never fuzzy-match ordinary words. */
export const CONCEPT_PREFIX = '~';

interface Phrase {
  concept: string;
  tokens: string[];
}

// Truncation is a crude but robust stemmer for Romance languages, English, Albanian and Ukrainian:
// "rinnovo", "rinnovare", "rinnovato" all become "rinnov"; a typo late in a long word disappears too.
const STEM_LENGTH = 6;
const ARABIC_PREFIXES = ['وال', 'بال', 'فال', 'كال', 'کال', 'لل', 'ال'];
const LATIN_OR_CYRILLIC = /^[\p{Script=Latin}\p{Script=Cyrillic}\p{N}]+$/u;
const ARABIC_SCRIPT = /^\p{Script=Arabic}+$/u;

/**
 * Turns a message or a knowledge text into search terms for one language: words folded and stemmed,
 * function words dropped, glossary phrases ("permesso di soggiorno", "residence permit", "居留许可")
 * replaced by the concept they name, so the Italian and the local word meet.
 */
export class Analyzer {
  private readonly phrasesByLang = new Map<Lang, Phrase[]>();

  constructor(glossary: readonly GlossaryTerm[]) {
    for (const term of glossary) {
      for (const [lang, forms] of Object.entries(term.forms) as [Lang, string[]][]) {
        const phrases = this.phrasesByLang.get(lang) ?? [];
        for (const form of forms) {
          const tokens = tokenize(form);
          if (tokens.length > 0) phrases.push({ concept: CONCEPT_PREFIX + term.id, tokens });
        }
        this.phrasesByLang.set(lang, phrases);
      }
    }
    // Longest phrases first, so "permesso di soggiorno" wins over "permesso".
    for (const phrases of this.phrasesByLang.values()) phrases.sort((a, b) => b.tokens.length - a.tokens.length);
  }

  /** Italian and English words are mixed into every language, so their phrases and fillers always apply. */
  analyze(text: string, lang: Lang): string[] {
    const languages = uniqueLangs([lang, 'it', 'en']);
    const tokens = tokenize(text);
    const terms: string[] = [];
    for (let i = 0; i < tokens.length; ) {
      const phrase = this.phraseAt(tokens, i, languages);
      if (phrase) {
        terms.push(phrase.concept);
        i += phrase.tokens.length;
        continue;
      }
      const token = tokens[i++];
      if (token.length < 2 && !isHanToken(token)) continue;
      if (languages.some((l) => STOPWORDS[l].has(token))) continue;
      terms.push(stem(token));
    }
    return terms;
  }

  private phraseAt(tokens: readonly string[], start: number, languages: readonly Lang[]): Phrase | undefined {
    let best: Phrase | undefined;
    for (const lang of languages) {
      for (const phrase of this.phrasesByLang.get(lang) ?? []) {
        if (best && best.tokens.length >= phrase.tokens.length) break;
        if (start + phrase.tokens.length > tokens.length) continue;
        if (phrase.tokens.every((t, k) => sameWord(t, tokens[start + k]))) {
          best = phrase;
          break;
        }
      }
    }
    return best;
  }
}

function uniqueLangs(langs: Lang[]): Lang[] {
  return [...new Set(langs)];
}

export function stem(token: string): string {
  if (isHanToken(token)) return token;
  if (ARABIC_SCRIPT.test(token)) {
    for (const prefix of ARABIC_PREFIXES) {
      if (token.startsWith(prefix) && token.length - prefix.length >= 3) return token.slice(prefix.length);
    }
    return token;
  }
  if (LATIN_OR_CYRILLIC.test(token) && token.length > STEM_LENGTH) return token.slice(0, STEM_LENGTH);
  return token;
}
