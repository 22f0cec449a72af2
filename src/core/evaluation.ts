import { INTENTS, isKnowledgeTopic } from './intents';

/** One labelled message and what Ponte replied to it. */
export interface EvaluationRow {
  text: string;
  /**
   * The expected topic: a knowledge id, `fallback` (out of scope), `mediator.request`, `desk.find` or
   * `desk.opening-hours` (which also name the desk type and province).
   */
  expect: string;
  expectType?: string;
  expectProvince?: string;
  /** The messages the same person sent before this one (a follow-up). */
  context?: string[];
  /** The kind of phrasing (dialect, arabizi, long, near-miss...), to see where misses cluster. */
  kind?: string;
  /** The language the message is written in: the reply must come in it. */
  lang?: string;
  /** What Ponte replied with: a knowledge id or an intent (clarify, fallback, mediator.request...). */
  topic: string;
  /** The desk a reply named, if any. */
  desk?: { type: string; province: string } | null;
  /** The language Ponte replied in. */
  replyLang?: string;
  confidence: number;
  options: string[];
}

/** Right answers out of all, for one figure. */
export interface Score {
  total: number;
  correct: number;
  rate: number;
}

/** The figures the understanding issue sets targets for, overall or for one language. */
export interface EvaluationFigures {
  messages: number;
  /** Knowledge questions (plain, with a place, or follow-ups): the expected topic is the reply's topic. */
  topOne: Score;
  /** The expected topic answered, or offered among a clarification's buttons. */
  answeredOrOffered: Score;
  /** Out-of-scope messages that got a knowledge answer (lower is better). */
  outOfScopeAnswered: Score;
  /** Messages that name a desk type and province: a desk of that type in that province was named. */
  desk: Score;
  /** Requests for a person that started the hand-off. */
  person: Score;
  /** Messages answered in the language they were written in. */
  replyLanguage: Score;
  /** Messages that follow an earlier one in the same conversation. */
  followUps: Score;
}

export interface EvaluationSummary extends EvaluationFigures {
  /** Every message right on every count that applies to it, out of all. */
  accuracy: number;
  perLanguage: Record<string, EvaluationFigures>;
  /** Misses per kind of phrasing, when the lines carry one. */
  perKind: Record<string, Score>;
  misses: EvaluationRow[];
}

type Counts = { [K in keyof Omit<EvaluationFigures, 'messages'>]: [correct: number, total: number] } & { messages: number };

function emptyCounts(): Counts {
  return { messages: 0, topOne: [0, 0], answeredOrOffered: [0, 0], outOfScopeAnswered: [0, 0], desk: [0, 0], person: [0, 0], replyLanguage: [0, 0], followUps: [0, 0] };
}

/** Which figures a row counts in, and whether it is right on each. */
export function judge(row: EvaluationRow): Partial<Record<keyof Omit<EvaluationFigures, 'messages'>, boolean>> {
  const verdict: ReturnType<typeof judge> = {};
  if (isKnowledgeTopic(row.expect) && row.expect !== INTENTS.fallback) {
    verdict.topOne = row.topic === row.expect;
    verdict.answeredOrOffered = verdict.topOne || (row.topic === INTENTS.clarify && row.options.includes(row.expect));
  }
  if (row.expect === INTENTS.fallback) verdict.outOfScopeAnswered = isKnowledgeTopic(row.topic);
  if (row.expect === INTENTS.mediator) verdict.person = row.topic === INTENTS.mediator;
  if (row.expectType) {
    const sameDesk = row.desk?.type === row.expectType && row.desk?.province === row.expectProvince;
    verdict.desk = sameDesk && (row.expect !== INTENTS.deskHours || row.topic === INTENTS.deskHours);
  }
  if (row.lang && row.replyLang !== undefined) verdict.replyLanguage = row.replyLang === row.lang;
  if (row.context?.length) verdict.followUps = isHit(verdict);
  return verdict;
}

/** A row is a miss when any figure it counts in went wrong (out-of-scope: when it was answered). */
function isHit(verdict: ReturnType<typeof judge>): boolean {
  return Object.entries(verdict).every(([figure, ok]) => (figure === 'answeredOrOffered' ? true : figure === 'outOfScopeAnswered' ? !ok : ok));
}

/**
 * Scores an evaluation run, overall and per language: top-1 on knowledge questions, the right topic
 * answered or offered, out-of-scope messages answered from the knowledge (the error that misleads people
 * most), desk type and province, requests for a person, the reply's language and follow-ups.
 */
export function summarizeEvaluation(rows: readonly EvaluationRow[]): EvaluationSummary {
  const overall = emptyCounts();
  const perLanguage = new Map<string, Counts>();
  const perKind = new Map<string, [number, number]>();
  const misses: EvaluationRow[] = [];
  let hits = 0;
  for (const row of rows) {
    const verdict = judge(row);
    const language = perLanguage.get(row.lang ?? 'unknown') ?? emptyCounts();
    perLanguage.set(row.lang ?? 'unknown', language);
    for (const counts of [overall, language]) {
      counts.messages++;
      for (const [figure, ok] of Object.entries(verdict) as [keyof Omit<Counts, 'messages'>, boolean][]) {
        counts[figure][1]++;
        if (ok) counts[figure][0]++;
      }
    }
    const hit = isHit(verdict);
    if (hit) hits++;
    else misses.push(row);
    if (row.kind) {
      const kind = perKind.get(row.kind) ?? [0, 0];
      perKind.set(row.kind, [kind[0] + (hit ? 1 : 0), kind[1] + 1]);
    }
  }
  return {
    ...figures(overall),
    accuracy: ratio(hits, rows.length),
    perLanguage: Object.fromEntries([...perLanguage].sort(([a], [b]) => a.localeCompare(b)).map(([lang, counts]) => [lang, figures(counts)])),
    perKind: Object.fromEntries([...perKind].sort(([a], [b]) => a.localeCompare(b)).map(([kind, [correct, total]]) => [kind, score(correct, total)])),
    misses,
  };
}

function figures(counts: Counts): EvaluationFigures {
  const { messages, ...scores } = counts;
  return { messages, ...(Object.fromEntries(Object.entries(scores).map(([figure, [correct, total]]) => [figure, score(correct, total)])) as Omit<EvaluationFigures, 'messages'>) };
}

function score(correct: number, total: number): Score {
  return { total, correct, rate: ratio(correct, total) };
}

function ratio(part: number, whole: number): number {
  return whole === 0 ? 0 : Number((part / whole).toFixed(3));
}
