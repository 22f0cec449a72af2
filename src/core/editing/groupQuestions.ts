import type { Lang } from '../language/languages';
import { tokenize } from '../text/normalize';
import { STOPWORDS } from '../text/stopwords';

export interface AskedQuestion {
  id: string;
  text: string;
  lang: Lang;
  at: number;
}

export interface QuestionGroup<Q extends AskedQuestion> {
  lang: Lang;
  questions: Q[];
}

/**
 * Two questions this similar (cosine of their weighted terms, averaged over a group's members) ask the
 * same thing. Chosen on bench/data/unanswered-sample.jsonl (`npm run bench -- inbox`): at 0.1 a third
 * of the pairs put together ask different things (eviction with a deposit not returned); from 0.3 up
 * almost nothing is grouped. A wrong merge costs an editor a glance; a missed one, a repeated task.
 */
export const SAME_QUESTION = 0.15;

type Vector = Map<string, number>;

/**
 * Groups similar questions of each language so an editor sees "asked 14 times" once, not fourteen
 * lines. Each question becomes a TF-IDF vector of the retrieval's own terms (folded, stemmed, glossary
 * concepts, so "pds" and "permesso di soggiorno" meet) and of 4-letter pieces of its words (so typos
 * and word forms meet); a question joins the group it is most similar to on average, if that is at
 * least `threshold`. Groups come most asked first.
 */
export function groupQuestions<Q extends AskedQuestion>(questions: readonly Q[], termsOf: (text: string, lang: Lang) => string[], threshold = SAME_QUESTION): QuestionGroup<Q>[] {
  const ordered = [...questions].sort((a, b) => a.at - b.at);
  const vectors = weigh(ordered.map((q) => ({ lang: q.lang, terms: [...termsOf(q.text, q.lang), ...wordPieces(q.text, q.lang)] })));
  const groups: { lang: Lang; members: number[] }[] = [];
  ordered.forEach((question, i) => {
    let best: (typeof groups)[number] | undefined;
    let bestScore = threshold;
    for (const group of groups) {
      if (group.lang !== question.lang) continue;
      const score = group.members.reduce((sum, j) => sum + cosine(vectors[i], vectors[j]), 0) / group.members.length;
      if (score >= bestScore) [best, bestScore] = [group, score];
    }
    if (best) best.members.push(i);
    else groups.push({ lang: question.lang, members: [i] });
  });
  return groups
    .map((g) => ({ lang: g.lang, questions: g.members.map((i) => ordered[i]).sort((a, b) => b.at - a.at) }))
    .sort((a, b) => b.questions.length - a.questions.length || b.questions[0].at - a.questions[0].at);
}

/** Whether two questions, alone, would be grouped together. */
export function sameQuestion(a: { text: string; lang: Lang }, b: { text: string; lang: Lang }, termsOf: (text: string, lang: Lang) => string[]): boolean {
  return a.lang === b.lang && groupQuestions([{ ...a, id: 'a', at: 0 }, { ...b, id: 'b', at: 1 }], termsOf).length === 1;
}

/** "_rinn", "rinno", ...: 4-letter pieces of the words that carry meaning. */
function wordPieces(text: string, lang: Lang): string[] {
  const fillers = (word: string) => STOPWORDS[lang]?.has(word) || STOPWORDS.it.has(word) || STOPWORDS.en.has(word);
  return tokenize(text)
    .filter((word) => !fillers(word))
    .flatMap((word) => {
      const letters = [...`_${word}_`];
      if (letters.length <= 5) return [letters.join('')];
      return letters.slice(0, -3).map((_, k) => letters.slice(k, k + 4).join(''));
    });
}

/** TF-IDF weights, the rarity of a term counted among the questions of the same language; unit length. */
function weigh(items: { lang: Lang; terms: string[] }[]): Vector[] {
  const documents = new Map<Lang, number>();
  const frequency = new Map<string, number>();
  for (const { lang, terms } of items) {
    documents.set(lang, (documents.get(lang) ?? 0) + 1);
    for (const term of new Set(terms)) frequency.set(`${lang}\u0000${term}`, (frequency.get(`${lang}\u0000${term}`) ?? 0) + 1);
  }
  return items.map(({ lang, terms }) => {
    const vector: Vector = new Map();
    for (const term of terms) vector.set(term, (vector.get(term) ?? 0) + 1);
    let norm = 0;
    for (const [term, count] of vector) {
      const weight = count * Math.log(1 + documents.get(lang)! / frequency.get(`${lang}\u0000${term}`)!);
      vector.set(term, weight);
      norm += weight * weight;
    }
    norm = Math.sqrt(norm) || 1;
    for (const [term, weight] of vector) vector.set(term, weight / norm);
    return vector;
  });
}

function cosine(a: Vector, b: Vector): number {
  const [small, large] = a.size < b.size ? [a, b] : [b, a];
  let sum = 0;
  for (const [term, weight] of small) sum += weight * (large.get(term) ?? 0);
  return sum;
}
