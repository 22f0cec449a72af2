import { LANGUAGES, type Lang } from '../language/languages';
import type { KnowledgeEntry, LocalizedTopic } from '../knowledge/types';

const TEXT_FIELDS = ['title', 'questions', 'keywords', 'answer', 'more'] as const;

/** Why a change must wait for a second editor: a wrong fee or office must not reach people on one editor's word. */
export type ApprovalReason = 'sensitive' | 'fee-or-deadline' | 'sources';

/** The fields a new version changes, as dotted paths (`text.it.answer`, `sources`, `desk`). */
export function changedFields(before: KnowledgeEntry | undefined, after: KnowledgeEntry): string[] {
  const changes: string[] = [];
  for (const field of ['id', 'desk', 'sensitive', 'reviewed', 'sources'] as const) {
    if (!before || !same(before[field], after[field])) changes.push(field);
  }
  for (const lang of LANGUAGES) {
    const a = before?.text[lang];
    const b = after.text[lang];
    if (!a && !b) continue;
    if (!a || !b) {
      changes.push(`text.${lang}`);
      continue;
    }
    for (const field of TEXT_FIELDS) if (!same(a[field], b[field])) changes.push(`text.${lang}.${field}`);
  }
  return changes;
}

/**
 * A second editor approves before publishing when the entry is sensitive, when a number in an answer
 * changed (fees, deadlines, days, phone numbers all are numbers), or when the sources changed.
 */
export function approvalReasons(before: KnowledgeEntry | undefined, after: KnowledgeEntry): ApprovalReason[] {
  const reasons: ApprovalReason[] = [];
  if (before?.sensitive || after.sensitive) reasons.push('sensitive');
  if (LANGUAGES.some((lang) => !same(numbersIn(before?.text[lang]), numbersIn(after.text[lang])))) reasons.push('fee-or-deadline');
  if (!same([...(before?.sources ?? [])].sort(), [...after.sources].sort())) reasons.push('sources');
  return reasons;
}

/**
 * The languages whose translation must be checked again. When the Italian answer changes, every other
 * language that was not rewritten in the same version is flagged, so a changed fee cannot stay wrong in
 * Urdu unnoticed; a flag goes when that language's answer is rewritten or an editor confirms it.
 */
export function needsReviewAfter(before: KnowledgeEntry | undefined, after: KnowledgeEntry, flagged: readonly Lang[], confirmed: readonly Lang[] = []): Lang[] {
  const rewritten = (lang: Lang) => !before || !sameAnswer(before.text[lang], after.text[lang]);
  const result = new Set(flagged.filter((lang) => !rewritten(lang)));
  if (before && !sameAnswer(before.text.it, after.text.it)) {
    for (const lang of LANGUAGES) if (lang !== 'it' && after.text[lang] && !rewritten(lang)) result.add(lang);
  }
  for (const lang of confirmed) result.delete(lang);
  return LANGUAGES.filter((lang) => result.has(lang) && after.text[lang]);
}

/** "16 €", "60 giorni", "70,46": the numbers of a text, in order, as written. */
function numbersIn(topic: LocalizedTopic | undefined): string[] {
  return `${topic?.answer ?? ''}\n${topic?.more ?? ''}`.match(/\d+(?:[.,]\d+)*/g) ?? [];
}

function sameAnswer(a: LocalizedTopic | undefined, b: LocalizedTopic | undefined): boolean {
  return a?.answer === b?.answer && a?.more === b?.more;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}
