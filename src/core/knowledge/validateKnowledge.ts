import { z } from 'zod';
import { foldText } from '../text/normalize';
import { LANGUAGES, type Lang } from '../language/languages';
import { DESK_TYPES, type GlossaryTerm, type KnowledgeBase, type KnowledgeEntry, type KnowledgeProblem } from './types';

/** A file as read from disk: its name and its parsed content (or the parser's complaint). */
export interface KnowledgeFile {
  file: string;
  data?: unknown;
  parseError?: string;
}

export interface ValidationOptions {
  /** Languages every topic must have. The content issue requires all ten. */
  requiredLanguages: readonly Lang[];
  today: Date;
  /** Answers over this many characters are flagged: a phone screen is small. */
  maxAnswerLength: number;
  minQuestions: number;
  maxReviewAgeDays: number;
}

export const DEFAULT_VALIDATION: Omit<ValidationOptions, 'today'> = {
  requiredLanguages: LANGUAGES,
  maxAnswerLength: 600,
  minQuestions: 6,
  maxReviewAgeDays: 365,
};

const httpsUrl = z.string().refine((value) => /^https:\/\/[^\s/]+\.[^\s]+$/.test(value), 'must be an https:// URL');
const isoDate = z
  .union([z.string(), z.date()])
  .transform((value) => (value instanceof Date ? value.toISOString().slice(0, 10) : value))
  .refine((value) => /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value)), 'must be a date YYYY-MM-DD');
const nonEmpty = z.string().trim().min(1, 'must not be empty');

const localizedTopic = z.object({
  title: nonEmpty,
  questions: z.array(nonEmpty).min(1, 'needs at least one question'),
  keywords: z.array(z.union([z.string(), z.number()]).transform(String)).default([]),
  answer: nonEmpty,
  more: nonEmpty.optional(),
});

const entrySchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/, 'must be a dotted lowercase id like permit.renewal'),
  desk: z.enum(DESK_TYPES),
  sensitive: z.boolean().default(false),
  reviewed: isoDate,
  sources: z.array(httpsUrl).min(1, 'needs at least one official source'),
  text: z.record(z.string(), localizedTopic),
});

const outOfScopeSchema = z.object({
  examples: z.record(z.enum(LANGUAGES), z.array(nonEmpty)),
});

const glossarySchema = z.object({
  terms: z.array(z.object({ id: nonEmpty }).catchall(z.array(z.union([z.string(), z.number()]).transform(String)))),
});

/**
 * Checks every topic and the glossary, and builds the knowledge base when nothing is wrong.
 * Problems name the file and the field, so an editor can find them; warnings (long answers, few
 * variants, old reviews) never stop loading.
 *
 * @example validateKnowledge([{ file: 'topics/permit.renewal.yaml', data }], { ...DEFAULT_VALIDATION, today: new Date() })
 */
export function validateKnowledge(
  files: readonly KnowledgeFile[],
  options: ValidationOptions,
): { knowledge?: KnowledgeBase; problems: KnowledgeProblem[] } {
  const problems: KnowledgeProblem[] = [];
  const entries: KnowledgeEntry[] = [];
  let glossary: GlossaryTerm[] = [];
  let outOfScope: KnowledgeBase['outOfScope'];
  const idsSeen = new Map<string, string>();

  for (const { file, data, parseError } of files) {
    if (parseError) {
      problems.push({ severity: 'error', file, field: '', message: parseError });
      continue;
    }
    if (isGlossaryFile(file)) {
      glossary = readGlossary(file, data, problems);
      continue;
    }
    if (baseName(file) === 'out-of-scope') {
      const parsed = outOfScopeSchema.safeParse(data);
      if (parsed.success) outOfScope = parsed.data.examples;
      else for (const issue of parsed.error.issues) problems.push({ severity: 'error', file, field: issue.path.join('.'), message: issue.message });
      continue;
    }
    const parsed = entrySchema.safeParse(data);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        problems.push({ severity: 'error', file, field: issue.path.join('.'), message: issue.message });
      }
      continue;
    }
    const entry = parsed.data as KnowledgeEntry;
    const expectedName = baseName(file);
    if (expectedName !== entry.id) {
      problems.push({ severity: 'error', file, field: 'id', message: `id "${entry.id}" does not match the file name "${expectedName}"` });
    }
    const earlier = idsSeen.get(entry.id);
    if (earlier) problems.push({ severity: 'error', file, field: 'id', message: `duplicate id "${entry.id}", also in ${earlier}` });
    idsSeen.set(entry.id, file);
    checkEntry(file, entry, options, problems);
    entries.push(entry);
  }

  checkSharedVariants(entries, idsSeen, problems);
  const failed = problems.some((p) => p.severity === 'error');
  return { knowledge: failed ? undefined : { entries, glossary, outOfScope }, problems };
}

function checkEntry(file: string, entry: KnowledgeEntry, options: ValidationOptions, problems: KnowledgeProblem[]) {
  for (const key of Object.keys(entry.text)) {
    if (!(LANGUAGES as readonly string[]).includes(key)) {
      problems.push({ severity: 'error', file, field: `text.${key}`, message: `unknown language "${key}"` });
    }
  }
  for (const lang of options.requiredLanguages) {
    if (!entry.text[lang]) problems.push({ severity: 'error', file, field: `text.${lang}`, message: `missing language "${lang}"` });
  }
  for (const [lang, topic] of Object.entries(entry.text) as [Lang, NonNullable<KnowledgeEntry['text'][Lang]>][]) {
    const where = `text.${lang}`;
    if ([...topic.answer].length > options.maxAnswerLength) {
      problems.push({ severity: 'warning', file, field: `${where}.answer`, message: `answer is ${[...topic.answer].length} characters, over ${options.maxAnswerLength}` });
    }
    if (topic.questions.length < options.minQuestions) {
      problems.push({ severity: 'warning', file, field: `${where}.questions`, message: `${topic.questions.length} question variants, fewer than ${options.minQuestions}` });
    }
  }
  const reviewed = Date.parse(entry.reviewed);
  const ageDays = (options.today.getTime() - reviewed) / 86_400_000;
  if (ageDays < -1) {
    problems.push({ severity: 'error', file, field: 'reviewed', message: `reviewed date ${entry.reviewed} is in the future` });
  } else if (ageDays > options.maxReviewAgeDays) {
    problems.push({ severity: 'warning', file, field: 'reviewed', message: `reviewed ${entry.reviewed}, more than ${options.maxReviewAgeDays} days ago` });
  }
}

/** The same question in two topics makes retrieval flip a coin: forbidden. */
function checkSharedVariants(entries: readonly KnowledgeEntry[], files: Map<string, string>, problems: KnowledgeProblem[]) {
  const owner = new Map<string, string>();
  for (const entry of entries) {
    for (const [lang, topic] of Object.entries(entry.text)) {
      topic?.questions.forEach((question, index) => {
        const key = `${lang}:${foldText(question).replace(/[^\p{L}\p{N}]+/gu, ' ').trim()}`;
        const other = owner.get(key);
        if (other && other !== entry.id) {
          problems.push({
            severity: 'error',
            file: files.get(entry.id) ?? entry.id,
            field: `text.${lang}.questions.${index}`,
            message: `question "${question}" is also a variant of ${other}`,
          });
        }
        owner.set(key, entry.id);
      });
    }
  }
}

function readGlossary(file: string, data: unknown, problems: KnowledgeProblem[]): GlossaryTerm[] {
  const parsed = glossarySchema.safeParse(data);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push({ severity: 'error', file, field: issue.path.join('.'), message: issue.message });
    return [];
  }
  return parsed.data.terms.map(({ id, ...forms }) => {
    for (const key of Object.keys(forms)) {
      if (!(LANGUAGES as readonly string[]).includes(key)) {
        problems.push({ severity: 'error', file, field: `terms.${id}.${key}`, message: `unknown language "${key}"` });
      }
    }
    return { id, forms: forms as GlossaryTerm['forms'] };
  });
}

function isGlossaryFile(file: string): boolean {
  return baseName(file) === 'glossary';
}

function baseName(file: string): string {
  return file.split(/[\\/]/).pop()!.replace(/\.(ya?ml|json)$/, '');
}
