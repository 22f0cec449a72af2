import Fuse from 'fuse.js';
import { tokenize } from '../text/normalize';
import { STOPWORDS } from '../text/stopwords';
import { editDistance, typoAllowance } from '../text/editDistance';
import { LANGUAGES } from '../language/languages';
import type { Municipality } from './desks';

export interface MunicipalityMatch {
  /** One match, or several when the name is ambiguous ("Cassano": d'Adda, Magnago, Valcuvia). */
  candidates: Municipality[];
  /** How it was found: the whole name, the start of a name, or a name with typos. */
  how: 'exact' | 'partial' | 'fuzzy';
}

/** The twelve province capitals: the names people use most, never taken for everyday words. */
const PROVINCE_CAPITALS = new Set(['Bergamo', 'Brescia', 'Como', 'Cremona', 'Lecco', 'Lodi', 'Mantova', 'Milano', 'Monza', 'Pavia', 'Sondrio', 'Varese']);

/** "S." and "S" stand for San, Santo, Santa and Sant': all are read as one word. */
const SAINT = new Set(['s', 'san', 'santo', 'santa', 'sant', 'ss']);

/**
 * Municipality names that are also everyday words in one of our languages ("Como" is Spanish "how",
 * "Pero" "but", "Mese" Italian "month", "Ponte" our own name): in free text they count only after
 * "I live in"-like words, or as a reply to "which municipality?".
 */
const EVERYDAY_WORDS = new Set(['mese', 'ponte', 'torre', 'valle', 'piazza', 'sale', 'costa', 'casa', 'bene', 'campo', 'monte', 'pace', 'ome', 'zone', 'cene', 'gera', 'corte', 'villa', 'bosco', 'fino', 'pieve', 'rota', 'era', 'ono', 'lenna', 'sori', 'pian', 'mura', 'cosio', 'sorico', 'gordona', 'vione', 'porto']);

function nameTokens(text: string): string[] {
  return tokenize(text.replace(/\bs\.\s*/gi, 's ')).map((t) => (SAINT.has(t) ? 's' : t));
}

/**
 * Finds the municipality a person names in a message: "abito a Cinisello", "I live near busto arsizio",
 * "je suis à Brescia", "S. Giuliano", with typos and without accents. Names are matched whole first,
 * then by their first words, then with typos (fuse.js); several candidates mean the person must choose.
 *
 * @example finder.find('abito a cinisello') // { candidates: [{ name: 'Cinisello Balsamo', province: 'MI' }], how: 'partial' }
 */
export class MunicipalityFinder {
  private readonly byName = new Map<string, Municipality>();
  private readonly fuse: Fuse<{ key: string; municipality: Municipality }>;
  private readonly commonWords: Set<string>;
  private readonly splitPrompts = new Map<string, string[]>();

  /**
   * @param aliases other names of a municipality, keyed by its official name: "Milan", "ميلانو", "米兰".
   */
  constructor(
    private readonly municipalities: readonly Municipality[],
    aliases: Readonly<Record<string, readonly string[]>> = {},
  ) {
    for (const municipality of municipalities) this.byName.set(nameTokens(municipality.name).join(' '), municipality);
    for (const [official, others] of Object.entries(aliases)) {
      const municipality = this.byName.get(nameTokens(official).join(' '));
      for (const other of municipality ? others : []) this.byName.set(nameTokens(other).join(' '), municipality!);
    }
    this.fuse = new Fuse([...this.byName.entries()].map(([key, municipality]) => ({ key, municipality })), {
      keys: ['key'],
      includeScore: true,
      threshold: 0.4,
      ignoreLocation: true,
    });
    this.commonWords = new Set([...EVERYDAY_WORDS, ...LANGUAGES.flatMap((lang) => [...STOPWORDS[lang]])]);
  }

  get size(): number {
    return this.municipalities.length;
  }

  /**
   * @param answering the person is answering "which municipality?": everyday words count as names.
   * @param prompts words that announce a place ("abito a", "i live in"); a name right after them counts
   *   even when it is an everyday word.
   */
  find(
    text: string,
    options: { answering?: boolean; prompts?: readonly string[]; isEverydayWord?: (word: string) => boolean } = {},
  ): MunicipalityMatch | undefined {
    const tokens = nameTokens(text);
    if (tokens.length === 0) return undefined;
    const afterPrompt = this.positionsAfterPrompts(tokens, options.prompts ?? []);
    const everyday = (word: string) => this.commonWords.has(word) || (options.isEverydayWord?.(word) ?? false);
    const allowed = (start: number, length: number) =>
      options.answering || length > 1 || afterPrompt.has(start) || !this.commonWords.has(tokens[start]);

    // 1. Whole names, longest first. A name that is also a word the knowledge uses ("Trovo": "I find")
    //    counts only after "I live in" or as the answer to "which municipality?", so "dove trovo lo
    //    sportello a Treviglio" finds Treviglio and "dove trovo lo sportello" finds nothing.
    const exact: { municipality: Municipality; strong: boolean }[] = [];
    for (let length = Math.min(6, tokens.length); length >= 1; length--) {
      for (let start = 0; start + length <= tokens.length; start++) {
        const found = this.byName.get(tokens.slice(start, start + length).join(' '));
        if (!found || !allowed(start, length)) continue;
        const strong = length > 1 || afterPrompt.has(start) || PROVINCE_CAPITALS.has(found.name) || !everyday(tokens[start]);
        exact.push({ municipality: found, strong });
      }
    }
    const chosen = exact.find((m) => m.strong) ?? (options.answering ? exact[0] : undefined);
    if (chosen) return { candidates: [chosen.municipality], how: 'exact' };
    // 2. A name of several words with typos ("busto arsizzio"), before partial names catch "busto".
    const typoed = this.closestName(tokens, 2, allowed, everyday);
    if (typoed) return { candidates: [typoed], how: 'fuzzy' };
    // 3. The first words of one or more names ("Cinisello", "Cassano").
    for (let length = Math.min(3, tokens.length); length >= 1; length--) {
      for (let start = 0; start + length <= tokens.length; start++) {
        const prefix = tokens.slice(start, start + length);
        if (length === 1 && (prefix[0].length < 4 || prefix[0] === 's')) continue;
        if (!allowed(start, length) || (length === 1 && this.commonWords.has(prefix[0]) && !options.answering)) continue;
        const candidates = [...this.byName.entries()].filter(([key]) => startsWithWords(key, prefix)).map(([, m]) => m);
        if (candidates.length > 0) return { candidates: candidates.slice(0, 8), how: 'partial' };
      }
    }
    // 4. A one-word name with typos ("vigevanno", "vogera").
    const single = this.closestName(tokens, 1, allowed, everyday);
    return single ? { candidates: [single], how: 'fuzzy' } : undefined;
  }

  /**
   * The name closest to a run of `length` words, found by fuse.js and then held to a typist's error:
   * same first letter, at most one edit in 5-8 letters and two from 9 (so "chiede" is not "Chieve").
   * Words the knowledge itself uses ("prendere", "marche") are never read as misspelt names.
   */
  private closestName(
    tokens: string[],
    length: number,
    allowed: (start: number, length: number) => boolean,
    everyday: (word: string) => boolean,
  ): Municipality | undefined {
    let best: { distance: number; municipality: Municipality } | undefined;
    for (let start = 0; start + length <= tokens.length; start++) {
      const words = tokens.slice(start, start + length);
      const query = words.join(' ');
      if (query.length < 5 || !allowed(start, length) || words.some((w) => w.length >= 3 && everyday(w) && !this.byName.has(w))) continue;
      const allowance = typoAllowance(query.replace(/ /g, ''));
      for (const hit of this.fuse.search(query, { limit: 5 })) {
        const key = hit.item.key;
        if (key[0] !== query[0] || key.split(' ').length !== length) continue;
        const distance = editDistance(query, key, allowance);
        if (distance > 0 && distance <= allowance && (!best || distance < best.distance)) best = { distance, municipality: hit.item.municipality };
      }
    }
    return best?.municipality;
  }

  byExactName(name: string): Municipality | undefined {
    return this.byName.get(nameTokens(name).join(' '));
  }

  /** The same few dozen prompts come with every message: split each once. */
  private promptTokens(prompt: string): string[] {
    let tokens = this.splitPrompts.get(prompt);
    if (!tokens) this.splitPrompts.set(prompt, (tokens = nameTokens(prompt)));
    return tokens;
  }

  private positionsAfterPrompts(tokens: string[], prompts: readonly string[]): Set<number> {
    const positions = new Set<number>();
    for (const prompt of prompts) {
      const promptTokens = this.promptTokens(prompt);
      for (let i = 0; i + promptTokens.length < tokens.length; i++) {
        if (promptTokens.every((t, k) => tokens[i + k] === t)) positions.add(i + promptTokens.length);
      }
    }
    return positions;
  }
}

function startsWithWords(key: string, prefix: string[]): boolean {
  const words = key.split(' ');
  return prefix.length < words.length && prefix.every((word, i) => words[i] === word);
}
