import { looseKey, romanize, soundKey } from '../text/soundKey';

/** A word sequence of a message that sounds like an Italian term. */
export interface SoundMatch {
  concept: string;
  /** How many words of the message it covers. */
  length: number;
}

/** Skeletons this short are too common to trust unless they match exactly. */
const MIN_EXACT = 4;
const MIN_LOOSE = 5;
const MIN_ONE_OFF = 6;
/** "nulla osta" is often split or glued: two words are read as one. */
const MAX_WORDS = 2;
/** A Latin-script word this short is an ordinary word far more often than a misspelt Italian term. */
const MIN_LATIN_LETTERS = 5;

/**
 * Finds Italian terms written as heard, in any script: every Italian form of the glossary is indexed by
 * its sound key (exactly, loosely, and loosely with one sound missing), and a message's words are looked
 * up the same way, one to three words at a time. See soundKey.ts for the keys.
 *
 * @example new SoundAlikes([{ concept: '~questura', forms: ['questura'] }]).match(['الكويستورا'], 0) // { concept: '~questura', length: 1 }
 */
export class SoundAlikes {
  private readonly exact = new Map<string, Set<string>>();
  private readonly loose = new Map<string, Set<string>>();
  /** Loose keys with one sound left out, for a sound lost or added in the spelling. */
  private readonly oneOff = new Map<string, Set<string>>();
  /** Each word's keys, computed once: the knowledge's phrasings repeat the same words thousands of times. */
  private readonly wordKeys = new Map<string, { heard: string; italian: string }>();

  constructor(terms: readonly { concept: string; forms: readonly string[] }[]) {
    for (const { concept, forms } of terms) {
      for (const form of forms) {
        const key = form
          .split(/\s+/)
          .map((word) => soundKey(word, 'italian'))
          .join('');
        if (key.length < MIN_EXACT) continue;
        add(this.exact, key, concept);
        if (key.length >= MIN_LOOSE) add(this.loose, looseKey(key), concept);
        if (key.length >= MIN_ONE_OFF) for (const shorter of deletions(looseKey(key))) add(this.oneOff, shorter, concept);
      }
    }
  }

  /** The longest run of words from `start` that sounds like one Italian term, if any. */
  match(words: readonly string[], start: number, isOrdinaryWord: (word: string) => boolean = () => false): SoundMatch | undefined {
    for (let length = Math.min(MAX_WORDS, words.length - start); length >= 1; length--) {
      const span = words.slice(start, start + length);
      if (span.some((word) => isOrdinaryWord(word) || /^\d+$/.test(word))) continue;
      if (length === 1 && !/[^\p{Script=Latin}\d]/u.test(span[0]) && span[0].length < MIN_LATIN_LETTERS) continue;
      const concept = this.lookup(span, length === 1);
      if (concept) return { concept, length };
    }
    return undefined;
  }

  /** @param allowOneOff a sound lost or added is forgiven in one word; across words it matches too much */
  private lookup(span: readonly string[], allowOneOff: boolean): string | undefined {
    const wordKeys = span.map((word) => this.keysOf(word));
    // Latin letters may be Italian spelling ("ricevuta") or spelling as heard ("richevuta").
    const keys = new Set([wordKeys.map((k) => k.heard).join(''), wordKeys.map((k) => k.italian).join('')]);
    for (const key of keys) {
      if (key.length >= MIN_EXACT) {
        const found = single(this.exact.get(key));
        if (found) return found;
      }
    }
    for (const key of keys) {
      if (key.length < MIN_LOOSE) continue;
      const loose = looseKey(key);
      const oneOff = allowOneOff && key.length >= MIN_ONE_OFF;
      const found = single(this.loose.get(loose)) ?? (oneOff ? (single(this.oneOff.get(loose)) ?? deletions(loose).map((k) => single(this.loose.get(k))).find(Boolean)) : undefined);
      if (found) return found;
    }
    return undefined;
  }

  private keysOf(word: string): { heard: string; italian: string } {
    let keys = this.wordKeys.get(word);
    if (!keys) {
      if (this.wordKeys.size >= MAX_CACHED_WORDS) this.wordKeys.clear();
      const romanized = romanize(word);
      keys = { heard: soundKey(romanized, 'heard'), italian: soundKey(romanized, 'italian') };
      this.wordKeys.set(word, keys);
    }
    return keys;
  }
}

/** Enough for the knowledge's whole vocabulary; past it the cache starts again rather than grow. */
const MAX_CACHED_WORDS = 100_000;

function add(map: Map<string, Set<string>>, key: string, concept: string) {
  const concepts = map.get(key) ?? new Set<string>();
  concepts.add(concept);
  map.set(key, concepts);
}

/** A key that two terms share says nothing. */
function single(concepts: Set<string> | undefined): string | undefined {
  return concepts?.size === 1 ? [...concepts][0] : undefined;
}

function deletions(key: string): string[] {
  return [...key].map((_, i) => key.slice(0, i) + key.slice(i + 1));
}
