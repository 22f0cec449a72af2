import { foldText } from '../text/normalize';
import type { Lang } from './languages';

/** Letter sequences up to this long; longer ones add memory and little accuracy on short messages. */
const MAX_N = 4;
/** Add-one smoothing weight: an n-gram a language never showed is unlikely, not impossible. */
const SMOOTHING = 0.5;

/**
 * A character n-gram model of how each language looks in Latin letters, trained from the knowledge's
 * own text: Italian, English, French, Spanish and Albanian from every title, question and answer, and
 * Arabic, Urdu and Bengali from the questions people typed in Latin letters (Arabizi with its 3, 7 and 9,
 * Roman Urdu, Banglish). Function-word lists miss most of what such messages hold; letter sequences
 * ("kh", "3a", "-ch", "kor") tell them apart even in two words.
 *
 * @example LetterModel.train(samples).scores('wach n9der nkhdem')[0].lang // 'ar'
 */
export class LetterModel {
  private constructor(
    private readonly counts: ReadonlyMap<Lang, ReadonlyMap<string, number>>,
    private readonly totals: ReadonlyMap<Lang, number>,
    private readonly vocabularySize: number,
  ) {}

  static train(samples: ReadonlyMap<Lang, readonly string[]>): LetterModel {
    const counts = new Map<Lang, Map<string, number>>();
    const totals = new Map<Lang, number>();
    const vocabulary = new Set<string>();
    for (const [lang, texts] of samples) {
      const grams = new Map<string, number>();
      let total = 0;
      for (const text of texts) {
        for (const gram of letterGrams(text)) {
          grams.set(gram, (grams.get(gram) ?? 0) + 1);
          vocabulary.add(gram);
          total++;
        }
      }
      if (total > 0) (counts.set(lang, grams), totals.set(lang, total));
    }
    return new LetterModel(counts, totals, vocabulary.size);
  }

  get languages(): Lang[] {
    return [...this.counts.keys()];
  }

  /**
   * Each language's mean log-probability per n-gram of the text, best first, and how many n-grams spoke.
   * Only letters and digits of Latin script count: other scripts are told apart by their letters.
   */
  scores(text: string): { ranked: { lang: Lang; score: number }[]; grams: number } {
    const grams = letterGrams(text);
    const ranked = [...this.counts].map(([lang, counts]) => {
      const denominator = Math.log(this.totals.get(lang)! + SMOOTHING * this.vocabularySize);
      let sum = 0;
      for (const gram of grams) sum += Math.log((counts.get(gram) ?? 0) + SMOOTHING) - denominator;
      return { lang, score: grams.length ? sum / grams.length : 0 };
    });
    ranked.sort((a, b) => b.score - a.score);
    return { ranked, grams: grams.length };
  }
}

/** Latin-script words padded with spaces ("_wach_"), cut into 1- to 4-letter pieces. */
function letterGrams(text: string): string[] {
  const grams: string[] = [];
  for (const [word] of foldText(text).matchAll(/[a-z0-9]+/g)) {
    if (/^\d+$/.test(word)) continue;
    const padded = ` ${word} `;
    for (let n = 1; n <= MAX_N; n++) {
      for (let i = 0; i + n <= padded.length; i++) {
        const gram = padded.slice(i, i + n);
        if (gram !== ' ') grams.push(gram);
      }
    }
  }
  return grams;
}
