import type { EvaluationSummary } from '../core/evaluation';
import type { KnowledgeProblem } from '../core/knowledge/types';

/** Problems grouped by file, errors first, so an editor can fix them top to bottom. */
export function formatProblems(problems: readonly KnowledgeProblem[]): string {
  if (problems.length === 0) return 'No problems found.';
  const sorted = [...problems].sort((a, b) => (a.severity === b.severity ? a.file.localeCompare(b.file) : a.severity === 'error' ? -1 : 1));
  const lines = sorted.map((p) => `${p.severity === 'error' ? 'ERROR' : 'warn '} ${p.file}${p.field ? ` [${p.field}]` : ''}: ${p.message}`);
  const errors = problems.filter((p) => p.severity === 'error').length;
  const byLanguage = new Map<string, number>();
  for (const p of problems) {
    const lang = /^text\.([a-z]{2})/.exec(p.field)?.[1];
    if (lang && p.severity === 'warning') byLanguage.set(lang, (byLanguage.get(lang) ?? 0) + 1);
  }
  const perLanguage = [...byLanguage.entries()].map(([lang, n]) => `${lang}: ${n}`).join(', ');
  return `${lines.join('\n')}\n\n${errors} error(s), ${problems.length - errors} warning(s)${perLanguage ? ` (warnings per language: ${perLanguage})` : ''}.`;
}

export function formatEvaluation(summary: EvaluationSummary, withMisses: boolean): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const rows = Object.entries(summary.perLanguage)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([lang, s]) => `  ${lang.padEnd(8)} ${String(s.correct).padStart(4)}/${String(s.total).padEnd(4)} ${pct(s.accuracy).padStart(7)}`);
  const lines = [
    `messages               ${summary.total}`,
    `top-1 accuracy         ${pct(summary.accuracy)} (${summary.correct}/${summary.total})`,
    `answered or offered    ${pct(summary.answeredOrOffered)}`,
    `out-of-scope answered  ${pct(summary.outOfScope.rate)} (${summary.outOfScope.answered}/${summary.outOfScope.total})`,
    'per language:',
    ...rows,
  ];
  if (withMisses) {
    const expected = (m: EvaluationSummary['misses'][number]) => (m.expectType ? `${m.expectType}@${m.expectProvince}` : m.expect);
    const got = (m: EvaluationSummary['misses'][number]) => (m.desk ? `${m.topic} ${m.desk.type}@${m.desk.province}` : m.topic);
    lines.push('misses:', ...summary.misses.map((m) => `  [${m.lang}] expected ${expected(m)}, got ${got(m)} (${m.confidence}) ${m.options.length ? `options ${m.options.join(',')} ` : ''}: ${m.text}`));
  }
  return lines.join('\n');
}
