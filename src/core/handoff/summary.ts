import type { Escalation } from './escalation';

export interface SummaryRow {
  key: string;
  count: number;
  medianFirstReplySeconds: number | null;
  meanSatisfaction: number | null;
}

export interface EscalationSummary {
  days: number;
  total: number;
  perDay: { date: string; count: number }[];
  medianFirstReplySeconds: number | null;
  byDesk: SummaryRow[];
  byLanguage: SummaryRow[];
  byTopic: SummaryRow[];
  satisfaction: { count: number; mean: number | null; distribution: [number, number, number, number, number] };
}

const DAY_MS = 86_400_000;

/**
 * The desk coordinator's figures over the last `days`: how many escalations, how long people waited
 * for a first human reply (escalations never answered are left out of the wait, counted in the total),
 * and what they said of the help, per desk, language and topic.
 */
export function summarize(escalations: readonly Escalation[], now: number, days: number, dateOf: (at: number) => string): EscalationSummary {
  const since = now - days * DAY_MS;
  const recent = escalations.filter((e) => e.createdAt >= since);
  const perDay = new Map<string, number>();
  for (let ago = days - 1; ago >= 0; ago--) perDay.set(dateOf(now - ago * DAY_MS), 0);
  for (const e of recent) perDay.set(dateOf(e.createdAt), (perDay.get(dateOf(e.createdAt)) ?? 0) + 1);
  const scores = recent.map((e) => e.satisfaction).filter((s): s is number => s !== undefined);
  const distribution: [number, number, number, number, number] = [0, 0, 0, 0, 0];
  for (const score of scores) distribution[score - 1]++;
  return {
    days,
    total: recent.length,
    perDay: [...perDay].map(([date, count]) => ({ date, count })).sort((a, b) => a.date.localeCompare(b.date)),
    medianFirstReplySeconds: medianWait(recent),
    byDesk: rows(recent, (e) => e.deskId ?? '-'),
    byLanguage: rows(recent, (e) => e.lang),
    byTopic: rows(recent, (e) => e.topic ?? '-'),
    satisfaction: { count: scores.length, mean: mean(scores), distribution },
  };
}

function rows(escalations: readonly Escalation[], keyOf: (e: Escalation) => string): SummaryRow[] {
  const groups = new Map<string, Escalation[]>();
  for (const e of escalations) groups.set(keyOf(e), [...(groups.get(keyOf(e)) ?? []), e]);
  return [...groups]
    .map(([key, group]) => ({
      key,
      count: group.length,
      medianFirstReplySeconds: medianWait(group),
      meanSatisfaction: mean(group.map((e) => e.satisfaction).filter((s): s is number => s !== undefined)),
    }))
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}

function medianWait(escalations: readonly Escalation[]): number | null {
  const waits = escalations.filter((e) => e.firstReplyAt !== undefined).map((e) => (e.firstReplyAt! - e.createdAt) / 1000);
  if (waits.length === 0) return null;
  waits.sort((a, b) => a - b);
  const middle = Math.floor(waits.length / 2);
  return Math.round(waits.length % 2 ? waits[middle] : (waits[middle - 1] + waits[middle]) / 2);
}

function mean(values: readonly number[]): number | null {
  return values.length ? Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 10) / 10 : null;
}
