import type { Lang } from '../language/languages';

/** Desk types of the network and of the public offices people are sent to. */
export const DESK_TYPES = [
  'immigration-desk',
  'youth-counter',
  'caregiver-counter',
  'school-mediation',
  'social-services',
  'health-office',
  'questura',
  'comune',
  'other',
] as const;

export type DeskType = (typeof DESK_TYPES)[number];

/** One topic's text in one language. */
export interface LocalizedTopic {
  title: string;
  /** Ways people ask: typos, no accents, mixed Italian, situations rather than procedure names. */
  questions: string[];
  keywords: string[];
  /** Short, phone-sized answer, without the source link (that is appended when replying). */
  answer: string;
  /** Further steps for longer matters, shown behind a "more details" button. */
  more?: string;
}

export interface KnowledgeEntry {
  /** Stable dotted English id (`permit.renewal`): never changes once published. */
  id: string;
  desk: DeskType;
  /** Violence, asylum, emergencies: the answer offers a person at once. */
  sensitive: boolean;
  /** ISO date (YYYY-MM-DD) the facts were last checked against the sources. */
  reviewed: string;
  sources: string[];
  text: Partial<Record<Lang, LocalizedTopic>>;
}

export interface GlossaryTerm {
  id: string;
  forms: Partial<Record<Lang, string[]>>;
}

export interface KnowledgeBase {
  entries: readonly KnowledgeEntry[];
  glossary: readonly GlossaryTerm[];
  /** Messages not to answer from the topics although they share words with them, per language. */
  outOfScope?: Partial<Record<Lang, string[]>>;
}

export interface KnowledgeProblem {
  severity: 'error' | 'warning';
  file: string;
  /** Dotted path inside the file (`text.ar.answer`), or empty for the whole file. */
  field: string;
  message: string;
}
