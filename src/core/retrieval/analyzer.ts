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
  /** Per language, phrases grouped by the first letter of their first word (typos rarely hit it). */
  private readonly phrasesByLang = new Map<Lang, Map<string, Phrase[]>>();

  constructor(glossary: readonly GlossaryTerm[]) {
    for (const term of glossary) {
      for (const [lang, forms] of Object.entries(term.forms) as [Lang, string[]][]) {
        const byInitial = this.phrasesByLang.get(lang) ?? new Map<string, Phrase[]>();
        for (const form of forms) {
          const tokens = tokenize(form);
          if (tokens.length === 0) continue;
          const initial = [...tokens[0]][0];
          byInitial.set(initial, [...(byInitial.get(initial) ?? []), { concept: CONCEPT_PREFIX + term.id, tokens }]);
        }
        this.phrasesByLang.set(lang, byInitial);
      }
    }
    // Longest phrases first, so "permesso di soggiorno" wins over "permesso".
    for (const byInitial of this.phrasesByLang.values()) {
      for (const phrases of byInitial.values()) phrases.sort((a, b) => b.tokens.length - a.tokens.length);
    }
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
      if (/^\d{5,}$/.test(token)) continue; // phone numbers, receipt numbers, years: never what a question is about
      if (languages.some((l) => STOPWORDS[l].has(token))) continue;
      terms.push(stem(token));
    }
    return terms;
  }

  private phraseAt(tokens: readonly string[], start: number, languages: readonly Lang[]): Phrase | undefined {
    let best: Phrase | undefined;
    const initial = [...tokens[start]][0];
    for (const lang of languages) {
      for (const phrase of this.phrasesByLang.get(lang)?.get(initial) ?? []) {
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
