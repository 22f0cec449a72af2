import { LANGUAGES, type Lang } from '../language/languages';
import type { KnowledgeEntry } from '../knowledge/types';
import { DEFAULT_VALIDATION } from '../knowledge/validateKnowledge';

/** What an editor should look at in one language of a topic; none means complete. */
export type LanguageFlag = 'missing' | 'needs-review' | 'too-long' | 'few-variants' | 'stale-review';

/** Per language, the flags of a topic: the same limits as `ponte kb check`. */
export function languageFlags(entry: KnowledgeEntry, needsReview: readonly Lang[], today: Date): Record<Lang, LanguageFlag[]> {
  const ageDays = (today.getTime() - Date.parse(entry.reviewed)) / 86_400_000;
  const flags = {} as Record<Lang, LanguageFlag[]>;
  for (const lang of LANGUAGES) {
    const text = entry.text[lang];
    if (!text) {
      flags[lang] = ['missing'];
      continue;
    }
    const found: LanguageFlag[] = [];
    if (needsReview.includes(lang)) found.push('needs-review');
    if ([...text.answer].length > DEFAULT_VALIDATION.maxAnswerLength) found.push('too-long');
    if (text.questions.length < DEFAULT_VALIDATION.minQuestions) found.push('few-variants');
    if (ageDays > DEFAULT_VALIDATION.maxReviewAgeDays) found.push('stale-review');
    flags[lang] = found;
  }
  return flags;
}
