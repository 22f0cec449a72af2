import { tokenize } from '../text/normalize';
import { STOPWORDS } from '../text/stopwords';
import { editDistance, typoAllowance } from '../text/editDistance';
import { LANGUAGES } from '../language/languages';
import type { Municipality } from './desks';
import { romanize, soundKey } from '../text/soundKey';

export interface MunicipalityMatch {
  /** One match, or several when the name is ambiguous ("Cassano": d'Adda, Magnago, Valcuvia). */
  candidates: Municipality[];
  /** How it was found: the whole name, the start of a name, or a name with typos. */
  how: 'exact' | 'partial' | 'fuzzy';
}

/** The twelve province capitals: the names people use most, never taken for everyday words. */
const PROVINCE_CAPITALS = new Set(['Bergamo', 'Brescia', 'Como', 'Cremona', 'Lecco', 'Lodi', 'Mantova', 'Milano', 'Monza', 'Pavia', 'Sondrio', 'Varese']);

/**
 * Skeletons of three sounds are trusted only for one place or a province capital ("KNT" is Cantù alone);
 * shorter ones name too many.
 */
const MIN_SOUNDS = 3;
const MIN_NAME_SOUNDS = 4;
const NON_LATIN_LETTER = /[\u0600-\u06ff\u0400-\u04ff\u0980-\u09ff]/u;
/** "বেরগামোতে" is "in Bergamo": the ending adds a sound the name does not have. */
const BENGALI_CASE_ENDING = /(তে|কে|ের|র)$/u;
/** "بكانتو", "فميلانو": "in" glued to the name in Arabic script. */
const ARABIC_GLUED_PREPOSITION = /^[بفل]/u;

/** "S." and "S" stand for San, Santo, Santa and Sant': all are read as one word. */
const SAINT = new Set(['s', 'san', 'santo', 'santa', 'sant', 'ss']);

/**
 * Municipality names that are also everyday words in one of our languages ("Como" is Spanish "how",
 * "Pero" "but", "Mese" Italian "month", "Trovo" "I find", "Ponte" our own name): in free text they count only after
 * "I live in"-like words, or as a reply to "which municipality?".
 */
const EVERYDAY_WORDS = new Set(['trovo', 'dello', 'mese', 'ponte', 'torre', 'valle', 'piazza', 'sale', 'costa', 'casa', 'bene', 'campo', 'monte', 'pace', 'ome', 'zone', 'cene', 'gera', 'corte', 'villa', 'bosco', 'fino', 'pieve', 'rota', 'era', 'ono', 'lenna', 'sori', 'pian', 'mura', 'cosio', 'sorico', 'gordona', 'vione', 'porto']);

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
  /** Names (and aliases) by their first words, so "Cinisello" or "Cassano" finds the names it starts. */
  private readonly byFirstWords = new Map<string, Municipality[]>();
  /**
   * Names by every form of them with as many letters left out as their length forgives typos: a
   * misspelt name ("vigevanno", "busto arsizzio") finds its candidates by looking up its own such forms,
   * in a few map lookups instead of a fuzzy search over all 1,502 names.
   */
  private readonly byLettersLeftOut = new Map<string, string | string[]>(); // most forms belong to one name: no array
  private readonly commonWords: Set<string>;
  /** Names by how they sound, for names written in other letters ("Вігевано", "بكانتو", "বেরগামোতে"). */
  private readonly bySound = new Map<string, Municipality[]>();
  /** Every word of every name: "busto" is a place's first word even if a question in the knowledge says it. */
  private readonly nameWords = new Set<string>();
  private readonly splitPrompts = new Map<string, string[]>();

  /**
   * @param aliases other names of a municipality, keyed by its official name: "Milan", "ميلانو", "米兰".
   */
  constructor(
    private readonly municipalities: readonly Municipality[],
    aliases: Readonly<Record<string, readonly string[]>> = {},
  ) {
    for (const municipality of municipalities) this.byName.set(nameTokens(municipality.name).join(' '), municipality);
    for (const key of this.byName.keys()) for (const word of key.split(' ')) this.nameWords.add(word);
    for (const municipality of municipalities) {
      const key = nameTokens(municipality.name).map((word) => soundKey(word)).join('');
      if (key.length >= MIN_SOUNDS) this.bySound.set(key, [...(this.bySound.get(key) ?? []), municipality]);
    }
    for (const [official, others] of Object.entries(aliases)) {
      const municipality = this.byName.get(nameTokens(official).join(' '));
      for (const other of municipality ? others : []) this.byName.set(nameTokens(other).join(' '), municipality!);
    }
    for (const [key, municipality] of this.byName) {
      const words = key.split(' ');
      for (let length = 1; length < words.length && length <= 3; length++) {
        const prefix = words.slice(0, length).join(' ');
        const list = this.byFirstWords.get(prefix) ?? [];
        if (!list.includes(municipality)) list.push(municipality);
        this.byFirstWords.set(prefix, list);
      }
      for (const form of lettersLeftOut(key)) {
        const known = this.byLettersLeftOut.get(form);
        this.byLettersLeftOut.set(form, known === undefined ? key : [...(Array.isArray(known) ? known : [known]), key]);
      }
    }
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

    // 1. Whole names, longest first. A name that is also an everyday word ("Trovo": "I find") counts
    //    only after "I live in" or as the answer to "which municipality?", so "dove trovo lo sportello
    //    a Treviglio" finds Treviglio and "dove trovo lo sportello" finds nothing. The knowledge's own
    //    words are not used here: its phrasings name towns ("ho trovato casa a Busto Arsizio").
    const exact: { municipality: Municipality; strong: boolean }[] = [];
    for (let length = Math.min(6, tokens.length); length >= 1; length--) {
      for (let start = 0; start + length <= tokens.length; start++) {
        const found = this.byName.get(tokens.slice(start, start + length).join(' '));
        if (!found || !allowed(start, length)) continue;
        const strong = length > 1 || afterPrompt.has(start) || PROVINCE_CAPITALS.has(found.name) || !this.commonWords.has(tokens[start]);
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
        const candidates = this.byFirstWords.get(prefix.join(' ')) ?? [];
        if (candidates.length > 0) return { candidates: candidates.slice(0, 8), how: 'partial' };
      }
    }
    // 4. A one-word name with typos ("vigevanno", "vogera").
    const single = this.closestName(tokens, 1, allowed, everyday);
    if (single) return { candidates: [single], how: 'fuzzy' };
    // 5. A name written in other letters, by its sound.
    const heard = this.soundedName(tokens, everyday);
    return heard ? { candidates: heard.slice(0, 8), how: 'fuzzy' } : undefined;
  }

  /**
   * The name closest to a run of `length` words, held to a typist's error: same first letter, at most
   * one edit in 5-8 letters and two from 9 (so "chiede" is not "Chieve").
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
      const misread = (w: string) => w.length >= 3 && everyday(w) && !this.byName.has(w) && (length === 1 || !this.nameWords.has(w) || this.commonWords.has(w));
      if (query.length < 5 || !allowed(start, length) || words.some(misread)) continue;
      const allowance = typoAllowance(query.replace(/ /g, ''));
      const keys = new Set(lettersLeftOut(query).flatMap((form) => this.byLettersLeftOut.get(form) ?? []));
      for (const key of keys) {
        if (key[0] !== query[0] || key.split(' ').length !== length) continue;
        const distance = editDistance(query, key, allowance);
        if (distance > 0 && distance <= allowance && (!best || distance < best.distance)) best = { distance, municipality: this.byName.get(key)! };
      }
    }
    return best?.municipality;
  }

  /**
   * A name written in Cyrillic, Arabic, Urdu or Bengali letters, one to three words: romanised and
   * compared by its consonant skeleton, also without a case ending or a glued preposition ("Монці",
   * "বেরগামোতে" with "-te", "بكانتو" with "bi-"). Latin-letter names are left to the steps above.
   */
  private soundedName(tokens: string[], everyday: (word: string) => boolean): Municipality[] | undefined {
    for (let length = Math.min(3, tokens.length); length >= 1; length--) {
      for (let start = 0; start + length <= tokens.length; start++) {
        const words = tokens.slice(start, start + length);
        // Words the knowledge uses are office words ("квестура" sounds like Castro), not places.
        if (!words.every((word) => NON_LATIN_LETTER.test(word) && word.length >= 3 && !everyday(word))) continue;
        const keys = words.map((word) => soundKey(romanize(word), 'heard'));
        const whole = keys.join('');
        const variants = [whole];
        if (BENGALI_CASE_ENDING.test(words[words.length - 1])) variants.push(whole.slice(0, -1));
        if (ARABIC_GLUED_PREPOSITION.test(words[0])) variants.push(whole.slice(1));
        for (const key of variants) {
          const found = this.bySound.get(key);
          if (found && (key.length >= MIN_NAME_SOUNDS || found.length === 1 || found.some((m) => PROVINCE_CAPITALS.has(m.name)))) return found;
        }
      }
    }
    return undefined;
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

/** The text and every form of it with up to as many letters left out as its length forgives typos. */
function lettersLeftOut(text: string): string[] {
  const all = new Set([text]);
  let forms = [text];
  for (let round = 0; round < typoAllowance(text.replace(/ /g, '')); round++) {
    const next: string[] = [];
    for (const form of forms) for (let i = 0; i < form.length; i++) next.push(form.slice(0, i) + form.slice(i + 1));
    forms = next.filter((form) => !all.has(form));
    for (const form of forms) all.add(form);
  }
  return [...all];
}
