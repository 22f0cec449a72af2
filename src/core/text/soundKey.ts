/**
 * How an Italian word sounds, whatever script it was written in. People write the Italian office words
 * they heard in their own letters ("الكارتا دي سوجورنو", "пермессо", "কোয়েস্তুরা", "kestura", "tchivile"):
 * a list of spellings never keeps up, so words are compared by a consonant skeleton in which the sounds
 * that spellings swap meet (p/b, f/v, t/d, c/k/q/hard g, s/z/sh, the j/ch/soft-g family) and vowels,
 * which Arabic script leaves out, are dropped. Input is folded text (see foldText).
 */

const ARABIC: Record<string, string> = {
  ا: 'a', ب: 'b', ت: 't', ث: 't', ج: 'j', ح: 'h', خ: 'k', د: 'd', ذ: 'd', ر: 'r', ز: 'z', س: 's', ش: 'sh', ص: 's', ض: 'd',
  ط: 't', ظ: 'z', ع: '', غ: 'g', ف: 'f', ق: 'k', ک: 'k', ل: 'l', م: 'm', ن: 'n', ہ: 'a', و: 'u', ی: 'i', ء: '', پ: 'p',
  چ: 'ch', ژ: 'j', گ: 'g', ٹ: 't', ڈ: 'd', ڑ: 'r', ں: 'n', ے: 'e', ۓ: 'e', ھ: '', ڤ: 'v', ڨ: 'g',
};

const CYRILLIC: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', ґ: 'g', д: 'd', е: 'e', є: 'e', ж: 'j', з: 'z', и: 'i', і: 'i', ї: 'i', й: 'i', к: 'k',
  л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'h', ц: 'z', ч: 'ch', ш: 'sh',
  щ: 'sh', ь: '', ю: 'u', я: 'a', ы: 'i', э: 'e', ъ: '',
};

// Bengali: consonants carry an inherent vowel that a skeleton drops anyway; the nukta (়) turns য, ড, ঢ
// into য়, ড়, ঢ় (y, r, r).
const BENGALI: Record<string, string> = {
  ক: 'k', খ: 'k', গ: 'g', ঘ: 'g', ঙ: 'n', চ: 'ch', ছ: 'ch', জ: 'j', ঝ: 'j', ঞ: 'n', ট: 't', ঠ: 't', ড: 'd', ঢ: 'd', ণ: 'n',
  ত: 't', থ: 't', দ: 'd', ধ: 'd', ন: 'n', প: 'p', ফ: 'f', ব: 'b', ভ: 'b', ম: 'm', য: 'j', র: 'r', ল: 'l', শ: 'sh', ষ: 'sh',
  স: 's', হ: 'h', ৎ: 't', 'ং': 'n', অ: 'o', আ: 'a', ই: 'i', ঈ: 'i', উ: 'u', ঊ: 'u', এ: 'e', ঐ: 'oi', ও: 'o', ঔ: 'ou',
  'া': 'a', 'ি': 'i', 'ী': 'i', 'ু': 'u', 'ূ': 'u', 'ে': 'e', 'ৈ': 'oi', 'ো': 'o', 'ৌ': 'ou', 'ৃ': 'ri', '্': '', 'ঁ': '',
};
const BENGALI_NUKTA: Record<string, string> = { য: 'y', ড: 'r', ঢ: 'r' };

const ARABIC_ARTICLE = /^(?:وال|بال|فال|لل|ال)(?=.{3})/u;
const NON_LATIN = /[\u0600-\u06ff\u0400-\u04ff\u0980-\u09ff]/u;

/** A rough Latin spelling of a word in Arabic, Urdu, Cyrillic or Bengali letters (the Arabic article dropped). */
export function romanize(word: string): string {
  if (!NON_LATIN.test(word)) return word;
  const letters = [...word.replace(ARABIC_ARTICLE, '').replace(/تش/gu, 'چ').replace(/дж/gu, 'ж')];
  let out = '';
  for (let i = 0; i < letters.length; i++) {
    const letter = letters[i];
    if (letters[i + 1] === '়' && BENGALI_NUKTA[letter]) {
      out += BENGALI_NUKTA[letter];
      i++;
      continue;
    }
    out += ARABIC[letter] ?? CYRILLIC[letter] ?? BENGALI[letter] ?? (letter === '়' ? '' : letter);
  }
  return out;
}

/** Spelling rules: Italian for the reference words, "as heard" for what people type in Latin letters. */
export type Spelling = 'italian' | 'heard';

const ITALIAN_RULES: ReadonlyArray<[RegExp, string]> = [
  [/sch/g, 'sk'],
  [/sc(?=[ei])/g, 'S'],
  [/[cg]h/g, 'k'],
  [/c+i(?=[aou])/g, 'J'],
  [/g+i(?=[aou])/g, 'J'],
  [/c+(?=[ei])/g, 'J'],
  [/g+(?=[ei])/g, 'J'],
  [/gli/g, 'l'],
  [/gn/g, 'n'],
  [/qu/g, 'k'],
];

const HEARD_RULES: ReadonlyArray<[RegExp, string]> = [
  [/t?sch|sh/g, 'S'],
  [/t?ch|tsh/g, 'J'],
  [/dzh|dj|dz|zh|xh|j/g, 'J'],
  [/kh|gh/g, 'k'],
  [/c(?=[ei])/g, 'J'],
  [/g(?=[ei])/g, 'J'],
  [/qu/g, 'k'],
  // Arabizi digits: 3 (ع) and 2 (ء) are no consonant of Italian, 9 (ق) and 5 (خ) are heard as k, 7 (ح) as h.
  [/[32]/g, ''],
  [/[95]/g, 'k'],
  [/7/g, 'h'],
];

const CLASSES: Record<string, string> = {
  p: 'P', b: 'P', f: 'F', v: 'F', t: 'T', d: 'T', k: 'K', q: 'K', c: 'K', g: 'K', s: 'S', z: 'S', S: 'S', x: 'KS', J: 'J',
  m: 'M', n: 'N', l: 'L', r: 'R',
};

/**
 * The consonant skeleton of a word or of words run together: `soundKey('permesso')` and
 * `soundKey(romanize('بيرميسو'), 'heard')` are both `PRMS`; `soundKey('nullaosta')` and
 * `soundKey(romanize('النولا'), 'heard') + soundKey(romanize('أوستا'), 'heard')` are both `NLST`.
 */
export function soundKey(word: string, spelling: Spelling = 'italian'): string {
  let text = word.toLowerCase().replace(/[^a-z0-9]/g, '');
  for (const [pattern, replacement] of spelling === 'italian' ? ITALIAN_RULES : HEARD_RULES) text = text.replace(pattern, replacement);
  let key = '';
  for (const char of text) {
    const sound = CLASSES[char];
    if (!sound) continue;
    // Doubled consonants sound once; "qu" heard as "kv" or "kw" (квестура) is still one k.
    if (key.endsWith(sound) || (sound === 'F' && key.endsWith('K'))) continue;
    key += sound;
  }
  return key;
}

/** Sounds that spellings of the same word still swap (voicing of ch/j and k, r and l): merged for a looser key. */
const LOOSE: Record<string, string> = { J: 'K', L: 'R', F: 'P' };

/** A looser key for near matches: `KJT` (codice) and `KTK` (kodiche) differ, their loose keys too little. */
export function looseKey(key: string): string {
  return [...key].map((sound) => LOOSE[sound] ?? sound).join('');
}
