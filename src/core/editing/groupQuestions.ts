import type { Lang } from '../language/languages';

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

/** Two questions whose terms overlap this much (Jaccard) ask the same thing. */
export const SAME_QUESTION = 0.5;

/**
 * Groups similar questions of each language so an editor sees "asked 14 times" once, not fourteen
 * lines: single-link clustering on the retrieval's own terms (folded, stemmed, glossary concepts), so
 * "pds scaduto" and "permesso di soggiorno scaduto" meet. Groups come most asked first.
 */
export function groupQuestions<Q extends AskedQuestion>(questions: readonly Q[], termsOf: (text: string, lang: Lang) => string[]): QuestionGroup<Q>[] {
  const groups: { lang: Lang; members: { question: Q; terms: Set<string> }[] }[] = [];
  for (const question of [...questions].sort((a, b) => a.at - b.at)) {
    const terms = new Set(termsOf(question.text, question.lang));
    const home = groups.find((g) => g.lang === question.lang && g.members.some((m) => sameQuestion(m.terms, terms)));
    if (home) home.members.push({ question, terms });
    else groups.push({ lang: question.lang, members: [{ question, terms }] });
  }
  return groups
    .map((g) => ({ lang: g.lang, questions: g.members.map((m) => m.question).sort((a, b) => b.at - a.at) }))
    .sort((a, b) => b.questions.length - a.questions.length || b.questions[0].at - a.questions[0].at);
}

/** Whether two questions' terms overlap enough to be the same question. */
export function sameQuestion(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  return similarity(a, b) >= SAME_QUESTION;
}

function similarity(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return a.size === b.size ? 1 : 0;
  let shared = 0;
  for (const term of a) if (b.has(term)) shared++;
  return shared / (a.size + b.size - shared);
}
