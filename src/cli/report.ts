import type { EvaluationFigures, EvaluationRow, EvaluationSummary, Score } from '../core/evaluation';
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

const FIGURES = [
  ['topOne', 'top-1'],
  ['answeredOrOffered', 'offered'],
  ['outOfScopeAnswered', 'oos-ans'],
  ['desk', 'desk'],
  ['person', 'person'],
  ['replyLanguage', 'reply-lang'],
  ['followUps', 'follow-up'],
] as const;

/** The figures as a table, one row per language and one for all, then the misses if asked. */
export function formatEvaluation(summary: EvaluationSummary, withMisses: boolean): string {
  const cell = (s: Score) => (s.total === 0 ? '-' : `${s.rate.toFixed(3)} (${s.correct}/${s.total})`).padEnd(16);
  const row = (name: string, f: EvaluationFigures) => `${name.padEnd(8)}${String(f.messages).padEnd(6)}${FIGURES.map(([key]) => cell(f[key])).join('')}`;
  const lines = [
    `${''.padEnd(8)}${'msgs'.padEnd(6)}${FIGURES.map(([, title]) => title.padEnd(16)).join('')}`,
    ...Object.entries(summary.perLanguage).map(([lang, f]) => row(lang, f)),
    row('all', summary),
    '',
    `every count right: ${summary.accuracy.toFixed(3)} of ${summary.messages} messages (oos-ans: out-of-scope answered from the knowledge, lower is better)`,
  ];
  const kinds = Object.entries(summary.perKind);
  if (kinds.length) lines.push(`by kind: ${kinds.map(([kind, s]) => `${kind} ${s.correct}/${s.total}`).join(', ')}`);
  if (withMisses) {
    const expected = (m: EvaluationRow) => [m.expect, m.expectType ? `${m.expectType}@${m.expectProvince}` : ''].filter(Boolean).join(' ');
    const got = (m: EvaluationRow) => [m.topic, m.desk ? `${m.desk.type}@${m.desk.province}` : '', m.replyLang && m.replyLang !== m.lang ? `in ${m.replyLang}` : ''].filter(Boolean).join(' ');
    const context = (m: EvaluationRow) => (m.context?.length ? `${m.context.join(' | ')} >> ` : '');
    lines.push('misses:', ...summary.misses.map((m) => `  [${m.lang}${m.kind ? ` ${m.kind}` : ''}] expected ${expected(m)}, got ${got(m)} (${m.confidence})${m.options.length ? ` options ${m.options.join(',')}` : ''}: ${context(m)}${m.text}`));
  }
  return lines.join('\n');
}
