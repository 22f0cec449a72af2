import { isHanToken, tokenize } from '../text/normalize';
import { sameWord, typoAllowance } from '../text/editDistance';
import { STOPWORDS } from '../text/stopwords';
import type { Lang } from '../language/languages';
import type { GlossaryTerm } from '../knowledge/types';
import { SoundAlikes } from './soundAlikes';

/** Glossary concepts become one term each, marked so they never fuzzy-match ordinary words. */
export const CONCEPT_PREFIX = '~';

interface Phrase {
  concept: string;
  tokens: string[];
  lang: Lang;
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
  /**
   * Phrases of every language by their first word and by every form of it with as many letters left out
   * as its length forgives typos: a message's word finds the phrases it may be a typo of by looking up
   * its own such forms, instead of comparing itself with every phrase (the glossary has thousands).
   */
  private readonly phrasesByForm = new Map<string, Phrase[]>();
  /** The glossary's Italian terms by how they sound, for the spellings no list has ("الكارتا دي سوجورنو"). */
  private readonly soundAlikes: SoundAlikes;
  private readonly candidateCache = new Map<string, Phrase[]>();
  /** The knowledge's own texts, analysed once: they stay the same from one published version to the next. */
  private readonly knowledgeTerms = new Map<string, string[]>();
  /** The glossary this analyzer was built from, to tell whether a new version of the knowledge can reuse it. */
  readonly glossaryKey: string;

  constructor(glossary: readonly GlossaryTerm[]) {
    this.glossaryKey = JSON.stringify(glossary);
    this.soundAlikes = new SoundAlikes(glossary.map((term) => ({ concept: CONCEPT_PREFIX + term.id, forms: term.forms.it ?? [] })));
    for (const term of glossary) {
      for (const [lang, forms] of Object.entries(term.forms) as [Lang, string[]][]) {
        for (const form of forms) {
          const tokens = tokenize(form);
          if (tokens.length === 0) continue;
          const phrase = { concept: CONCEPT_PREFIX + term.id, tokens, lang };
          for (const key of withLettersLeftOut(tokens[0])) {
            const list = this.phrasesByForm.get(key);
            if (list) list.push(phrase);
            else this.phrasesByForm.set(key, [phrase]);
          }
        }
      }
    }
  }

  /** `analyze` for the knowledge's own texts (phrasings, titles, keywords), remembered across rebuilds. */
  analyzeKnowledge(text: string, lang: Lang): string[] {
    const key = `${lang}\u0000${text}`;
    let terms = this.knowledgeTerms.get(key);
    if (!terms) {
      if (this.knowledgeTerms.size >= MAX_CACHED_WORDS) this.knowledgeTerms.clear();
      this.knowledgeTerms.set(key, (terms = this.analyze(text, lang)));
    }
    return terms;
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
      const isFunctionWord = (word: string) => languages.some((l) => STOPWORDS[l].has(word));
      const heard = this.soundAlikes.match(tokens, i, isFunctionWord);
      if (heard) {
        terms.push(heard.concept);
        i += heard.length;
        continue;
      }
      const token = tokens[i++];
      if (token.length < 2 && !isHanToken(token)) continue;
      if (/^\d{5,}$/.test(token)) continue; // phone numbers, receipt numbers, years: never what a question is about
      if (isFunctionWord(token)) continue;
      terms.push(stem(token));
    }
    return terms;
  }

  private phraseAt(tokens: readonly string[], start: number, languages: readonly Lang[]): Phrase | undefined {
    let best: Phrase | undefined;
    const candidates = this.phrasesFor(tokens[start]);
    if (candidates.length === 0) return undefined;
    for (const lang of languages) {
      const found = candidates.find((phrase) => phrase.lang === lang && start + phrase.tokens.length <= tokens.length && phrase.tokens.every((t, k) => sameWord(t, tokens[start + k])));
      if (found && (!best || found.tokens.length > best.tokens.length)) best = found;
    }
    return best;
  }

  /**
   * The phrases, in any language, whose first word this word may be a typo of, longest first (so
   * "permesso di soggiorno" wins over "permesso"). Typos rarely hit the first letter: a phrase whose
   * first word starts otherwise is another word. Looked up once per word: the knowledge's phrasings
   * repeat the same words thousands of times.
   */
  private phrasesFor(word: string): Phrase[] {
    let phrases = this.candidateCache.get(word);
    if (!phrases) {
      if (this.candidateCache.size >= MAX_CACHED_WORDS) this.candidateCache.clear();
      const found = new Set<Phrase>();
      for (const key of withLettersLeftOut(word)) for (const phrase of this.phrasesByForm.get(key) ?? []) if (phrase.tokens[0][0] === word[0]) found.add(phrase);
      phrases = [...found].sort((a, b) => b.tokens.length - a.tokens.length);
      this.candidateCache.set(word, phrases);
    }
    return phrases;
  }
}

/** Enough for the words of the whole knowledge; past it the cache starts again rather than grow. */
const MAX_CACHED_WORDS = 100_000;

/** The word and every form of it with up to as many letters left out as its length forgives typos. */
function withLettersLeftOut(word: string): string[] {
  let forms = new Set([word]);
  const all = new Set(forms);
  for (let round = 0; round < typoAllowance(word); round++) {
    const next = new Set<string>();
    for (const form of forms) for (let i = 0; i < form.length; i++) next.add(form.slice(0, i) + form.slice(i + 1));
    for (const form of next) all.add(form);
    forms = next;
  }
  return [...all];
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
