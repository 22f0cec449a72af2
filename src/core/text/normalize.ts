/**
 * Text folding shared by retrieval, language commands and fuzzy matching: people type without accents,
 * with Arabic/Urdu letter variants and in mixed scripts, so both sides of every comparison are folded
 * the same way.
 */

// Combining marks that carry accents (Latin, Cyrillic) or short vowels (Arabic harakat). Bengali vowel
// signs are combining marks too, but they are letters of the word, so they are kept.
const DROPPED_MARKS = /[\u0300-\u036f\u064b-\u065f\u0670\u06d6-\u06ed]/g;

const LETTER_VARIANTS: ReadonlyArray<[RegExp, string]> = [
  [/[أإآٱ]/g, 'ا'],
  [/[ىيئ]/g, 'ی'], // Arabic ya and alif maqsura fold into the Urdu/Persian ya
  [/ك/g, 'ک'],
  [/[ةۃه]/g, 'ہ'],
  [/ؤ/g, 'و'],
  [/ـ/g, ''], // tatweel, a purely visual stretch
  [/ё/g, 'е'],
  [/[’ʼ`´]/g, "'"],
];

const CYRILLIC_APOSTROPHE = /(\p{Script=Cyrillic})'(?=\p{Script=Cyrillic})/gu;

/** Lowercases, removes accents and harakat, unifies letter variants. `"Città"` becomes `"citta"`. */
export function foldText(text: string): string {
  let folded = text.normalize('NFKC').toLowerCase().normalize('NFD').replace(DROPPED_MARKS, '').normalize('NFC');
  for (const [pattern, replacement] of LETTER_VARIANTS) folded = folded.replace(pattern, replacement);
  // In Ukrainian the apostrophe is part of the word ("б'є", "сім'ї"); in Italian or French it joins two.
  return folded.replace(CYRILLIC_APOSTROPHE, '$1');
}

const HAN = /\p{Script=Han}/u;
/**
 * Chinese function characters (I, you, possessive, question particles, "what", "how"): they split a run
 * of characters like spaces would, so "我的居留" does not produce the pair "的居".
 */
const HAN_FUNCTION_CHARS = new Set([...'我你您他她它们的了吗呢吧啊呀是么什怎请谢']);
const WORD = /[\p{L}\p{N}\p{M}]+/gu;

/**
 * Splits folded text into words. Chinese is written without spaces, so a run of Han characters becomes
 * its overlapping character pairs ("居留许可" -> "居留", "留许", "许可"), the usual unit for Chinese search.
 */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  for (const match of foldText(text).matchAll(WORD)) {
    tokens.push(...splitHanRuns(match[0]));
  }
  return tokens;
}

function splitHanRuns(word: string): string[] {
  if (!HAN.test(word)) return [word];
  const parts: string[] = [];
  let run = '';
  let other = '';
  const flushRun = () => {
    const chars = [...run];
    if (chars.length === 1) parts.push(run);
    for (let i = 0; i + 1 < chars.length; i++) parts.push(chars[i] + chars[i + 1]);
    run = '';
  };
  for (const char of word) {
    if (HAN_FUNCTION_CHARS.has(char)) {
      if (run) flushRun();
      if (other) parts.push(other), (other = '');
    } else if (HAN.test(char)) {
      if (other) parts.push(other), (other = '');
      run += char;
    } else {
      if (run) flushRun();
      other += char;
    }
  }
  if (run) flushRun();
  if (other) parts.push(other);
  return parts;
}

export function isHanToken(token: string): boolean {
  return HAN.test(token);
}
