import { foldText, tokenize } from '../text/normalize';
import { STOPWORDS } from '../text/stopwords';
import type { Lang } from './languages';
import type { LetterModel } from './letterModel';

export interface LanguageGuess {
  lang: Lang | undefined;
  /** 0..1: how sure the guess is. Script-based guesses are near 1; one Latin function word is not. */
  confidence: number;
  /** How many words or letters spoke for the guess: "grazie" is one, a full sentence several. */
  evidence: number;
}

/**
 * Italian administrative words appear in every language ("my permesso expired", "ricevuta" in an Arabic
 * sentence): they say nothing about the language the person reads, so they never count as Italian.
 */
const ADMINISTRATIVE_TERMS = new Set(
  `permesso permessi permeso soggiorno sogiorno questura prefettura ricevuta cedolino codice fiscale tessera sanitaria
   residenza cpia spid isee inps naspi caf patronato comune anagrafe nulla osta badante badanti colf bollettino marca bollo
   kit sportello amico poste carta identita cie asst ats scelta revoca pds stp sui ali informagiovani cittadinanza
   ricongiungimento questure motorizzazione patente assegno unico servizio civile`
    .split(/\s+/)
    .filter(Boolean),
);

/** Multi-word Italian terms, whose little words ("di", "da") must not count as Italian either. */
const ADMINISTRATIVE_PHRASES = /permess[oi]? di soggiorno|marca da bollo|carta d.identit[aà]|codice fiscale|tessera sanitaria|nulla ?osta|kit postale|servizio civile|assegno unico|medico di base|sportello amico/giu;

// Letters that only Urdu (not Arabic) uses, and Arabic-only letters, checked on the raw text.
const URDU_LETTERS = /[ٹڈڑںےۓہھگچپژکی]/gu;
const ARABIC_LETTERS = /[ةىكيضظذ]/gu;

const SCRIPTS: ReadonlyArray<[RegExp, 'han' | 'bengali' | 'cyrillic' | 'arabic' | 'latin']> = [
  [/\p{Script=Han}/gu, 'han'],
  [/\p{Script=Bengali}/gu, 'bengali'],
  [/\p{Script=Cyrillic}/gu, 'cyrillic'],
  [/\p{Script=Arabic}/gu, 'arabic'],
  [/\p{Script=Latin}/gu, 'latin'],
];

/** Letters that give a Latin-script language away on their own. */
const TELLTALE_LETTERS: Partial<Record<Lang, RegExp>> = {
  sq: /ë/g,
  es: /[ñ¿¡]/g,
  fr: /[êùœç]|\bj'|\bc'|\bqu'/g, // not è or à: Italian writes them all the time
  it: /\bperché\b|[ìò]|\bè\b|\b(dov|cos|c)'è/g,
};

// Romanised Urdu and Bengali ("mera permesso khatam ho gaya") are common on phones; the words that mark
// them are in the stop-word lists next to the native script. Arabizi is told by the letter model.
const LATIN_CANDIDATES: readonly Lang[] = ['it', 'en', 'fr', 'es', 'sq', 'ur', 'bn', 'ar'];

/**
 * How much one nat of the letter model's log-likelihood ratio weighs against one function word: the
 * model reads every letter of a message and is right far more often (docs/retrieval.md), the function
 * words break its near-ties.
 */
const NATS_PER_WORD = 8;

/**
 * Guesses the language of a short message from its script; in Latin letters from how each language
 * looks letter by letter (`letters`, trained on the knowledge: it tells Arabizi, Roman Urdu and Banglish
 * from Italian or French), function words and telltale letters. Italian administrative terms are
 * ignored, so "ho perso il permesso" is Italian but "lost my permesso" is English.
 *
 * @example detectLanguage('كيف أجدد permesso di soggiorno') // { lang: 'ar', confidence: 0.97, ... }
 */
export function detectLanguage(message: string, letters?: LetterModel): LanguageGuess {
  const text = withoutAdministrativeTerms(message);
  const script = dominantScript(text);
  switch (script) {
    case 'han':
      return { lang: 'zh', confidence: 0.98, evidence: 3 };
    case 'bengali':
      return { lang: 'bn', confidence: 0.98, evidence: 3 };
    case 'cyrillic':
      return { lang: 'uk', confidence: 0.95, evidence: 3 };
    case 'arabic':
      return guessArabicScript(text);
    case 'latin':
      return guessLatinScript(text, letters);
    default:
      return { lang: undefined, confidence: 0, evidence: 0 };
  }
}

function withoutAdministrativeTerms(text: string): string {
  return text
    .replace(ADMINISTRATIVE_PHRASES, ' ')
    .split(/(\s+)/)
    .filter((word) => !ADMINISTRATIVE_TERMS.has(foldText(word).replace(/[^\p{L}]/gu, '')))
    .join('');
}

function dominantScript(text: string) {
  let best: (typeof SCRIPTS)[number][1] | undefined;
  let bestCount = 0;
  for (const [pattern, name] of SCRIPTS) {
    const count = text.match(pattern)?.length ?? 0;
    // Latin letters inside a non-Latin message are usually Italian terms: give other scripts the edge.
    const weighted = name === 'latin' ? count / 3 : count;
    if (weighted > bestCount) (best = name), (bestCount = weighted);
  }
  return best;
}

function guessArabicScript(text: string): LanguageGuess {
  const urdu = text.match(URDU_LETTERS)?.length ?? 0;
  const arabic = text.match(ARABIC_LETTERS)?.length ?? 0;
  const words = tokenize(text);
  const urduWords = words.filter((w) => STOPWORDS.ur.has(w)).length;
  const arabicWords = words.filter((w) => STOPWORDS.ar.has(w)).length;
  const urduScore = urdu + 2 * urduWords;
  const arabicScore = arabic + 2 * arabicWords;
  const lang: Lang = urduScore > arabicScore ? 'ur' : 'ar';
  const margin = Math.abs(urduScore - arabicScore) / Math.max(1, urduScore + arabicScore);
  // One word in Arabic letters ("منسوخ", "شکریہ") is as likely Urdu as Arabic: not enough to switch a conversation.
  return { lang, confidence: 0.8 + 0.18 * margin, evidence: Math.min(3, words.length) };
}

function guessLatinScript(text: string, letters: LetterModel | undefined): LanguageGuess {
  const lower = text.toLowerCase();
  const words = tokenize(text).filter((w) => !ADMINISTRATIVE_TERMS.has(w));
  const scores = new Map<Lang, number>(LATIN_CANDIDATES.map((lang) => [lang, 0]));
  for (const word of words) {
    for (const lang of LATIN_CANDIDATES) {
      if (STOPWORDS[lang].has(word)) scores.set(lang, scores.get(lang)! + (lang === 'ur' || lang === 'bn' ? 0.9 : 1));
    }
  }
  for (const [lang, pattern] of Object.entries(TELLTALE_LETTERS) as [Lang, RegExp][]) {
    const hits = lower.match(pattern)?.length ?? 0;
    scores.set(lang, scores.get(lang)! + 1.5 * hits);
  }
  const functionWords = Math.max(...scores.values());
  if (!letters) {
    scores.delete('ar'); // Arabizi has no function-word list: without the letter model it is never guessed
    const [[bestLang, best], [, second]] = [...scores.entries()].sort((a, b) => b[1] - a[1]);
    if (best === 0) return { lang: undefined, confidence: 0, evidence: 0 };
    // Several clear function words make a sentence; one ("ciao", "merci") is a hint only.
    const strength = Math.min(1, best / 4);
    return { lang: bestLang, confidence: Number((((best - second) / best) * (0.3 + 0.7 * strength)).toFixed(3)), evidence: best };
  }
  // The letter model's log-likelihood of each language against the likeliest, in function-word units.
  const { ranked, grams } = letters.scores(text);
  const likeliest = ranked[0]?.score ?? 0;
  for (const lang of LATIN_CANDIDATES) {
    const model = ranked.find((r) => r.lang === lang);
    scores.set(lang, scores.get(lang)! + (model ? ((model.score - likeliest) * grams) / NATS_PER_WORD : -words.length));
  }
  const [[bestLang, best], [, second]] = [...scores.entries()].sort((a, b) => b[1] - a[1]);
  if (words.length === 0) return { lang: undefined, confidence: 0, evidence: 0 };
  // A lead of one function word's worth is a hint; three make it near certain.
  return { lang: bestLang, confidence: Number((1 - Math.exp(-(best - second) / 1.5)).toFixed(3)), evidence: Math.max(functionWords, Math.min(words.length, 4) / 2) };
}

/** Exported for tests and the console: the words detection deliberately ignores. */
export function isAdministrativeTerm(word: string): boolean {
  return ADMINISTRATIVE_TERMS.has(foldText(word));
}

