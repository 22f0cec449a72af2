import type { Lang } from './language/languages';
import { isKnowledgeTopic } from './intents';

export interface EvaluationRow {
  text: string;
  /** The expected topic; `desk.find` for routing lines, which also name the desk type and province. */
  expect: string;
  expectType?: string;
  expectProvince?: string;
  /** The desk a routing reply named. */
  desk?: { type: string; province: string } | null;
  lang?: Lang | string;
  /** What Ponte replied with: a knowledge id or an intent (clarify, fallback, mediator.request...). */
  topic: string;
  confidence: number;
  options: string[];
}

export interface EvaluationSummary {
  total: number;
  correct: number;
  /** Share of all messages whose reply topic is the expected one. */
  accuracy: number;
  /** Expected topic answered, or offered among the choices of a clarification. */
  answeredOrOffered: number;
  /** Messages that should have fallen back but got a knowledge answer: out-of-scope answered. */
  outOfScope: { total: number; answered: number; rate: number };
  perLanguage: Record<string, { total: number; correct: number; accuracy: number }>;
  misses: EvaluationRow[];
}


/**
 * Scores an evaluation run: top-1 accuracy overall and per language, and how often an out-of-scope
 * message was answered from the knowledge base (the error that misleads people most). A routing line
 * (`expectType`, `expectProvince`) counts when the reply names a desk of that type in that province.
 */
export function summarizeEvaluation(rows: readonly EvaluationRow[]): EvaluationSummary {
  const perLanguage: EvaluationSummary['perLanguage'] = {};
  let correct = 0;
  let offered = 0;
  const outOfScope = { total: 0, answered: 0, rate: 0 };
  const misses: EvaluationRow[] = [];
  for (const row of rows) {
    const hit = row.expectType
      ? row.topic === 'desk.find' && row.desk?.type === row.expectType && row.desk?.province === row.expectProvince
      : row.topic === row.expect;
    const lang = row.lang ?? 'unknown';
    const bucket = (perLanguage[lang] ??= { total: 0, correct: 0, accuracy: 0 });
    bucket.total++;
    if (hit) (bucket.correct++, correct++);
    else misses.push(row);
    if (hit || (row.topic === 'clarify' && row.options.includes(row.expect))) offered++;
    if (row.expect === 'fallback') {
      outOfScope.total++;
      if (isKnowledgeTopic(row.topic)) outOfScope.answered++;
    }
  }
  for (const bucket of Object.values(perLanguage)) bucket.accuracy = ratio(bucket.correct, bucket.total);
  outOfScope.rate = ratio(outOfScope.answered, outOfScope.total);
  return {
    total: rows.length,
    correct,
    accuracy: ratio(correct, rows.length),
    answeredOrOffered: ratio(offered, rows.length),
    outOfScope,
    perLanguage,
    misses,
  };
}

function ratio(part: number, whole: number): number {
  return whole === 0 ? 0 : Number((part / whole).toFixed(3));
}
