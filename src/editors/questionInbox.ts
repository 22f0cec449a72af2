import { randomUUID } from 'node:crypto';
import { groupQuestions, sameQuestion } from '../core/editing/groupQuestions';
import type { KnowledgeSnapshot } from '../core/knowledge/knowledgeSnapshot';
import type { KnowledgeEntry } from '../core/knowledge/types';
import type { Lang } from '../core/language/languages';
import { foldText } from '../core/text/normalize';
import type { InboxQuestion, QuestionInboxStore, UnansweredKind } from '../storage/questionInbox';
import type { KnowledgeWorkspace, SaveResult } from './knowledgeWorkspace';

/** What the bot reports when it could not answer well. */
export interface Unanswered {
  text: string;
  lang: Lang;
  kind: UnansweredKind;
  topics: string[];
}

export interface InboxParts {
  store: QuestionInboxStore;
  knowledge: () => KnowledgeSnapshot;
  workspace: KnowledgeWorkspace;
  now?: () => number;
}

const DAY_MS = 86_400_000;

/**
 * The editors' inbox of what people asked that Ponte could not answer: collected without identity,
 * grouped by similarity per language, turned into variants or a new topic, or dismissed for good.
 */
export class QuestionInbox {
  private readonly now: () => number;
  /** The same words asked again count on one question, so the inbox grows with what is asked, not how often. */
  private byWords?: Map<string, string>;

  constructor(private readonly parts: InboxParts) {
    this.now = parts.now ?? Date.now;
  }

  /** Called by the bot; never waits on the disk and never fails a turn. */
  collect(question: Unanswered): void {
    const text = scrub(question.text).trim();
    if (!text || text.startsWith('#')) return;
    const now = this.now();
    const known = this.index().get(wordsKey(text, question.lang));
    const same = known ? this.parts.store.get(known) : undefined;
    if (same && same.status !== 'used') {
      void this.parts.store.put([{ ...same, at: now, times: [...same.times, now].slice(-MAX_TIMES) }]).catch(() => undefined);
      return;
    }
    const item: InboxQuestion = { id: randomUUID(), text, lang: question.lang, at: now, times: [now], kind: question.kind, topics: question.topics.slice(0, 3), status: 'open' };
    this.index().set(wordsKey(text, question.lang), item.id);
    void this.parts.store.put([item]).catch(() => undefined);
  }

  /**
   * Open questions of the last `days`, grouped, most asked first. A question like one an editor
   * dismissed stays hidden: checked here, when an editor looks, not on the bot's turn.
   */
  groups(lang: Lang | undefined, days: number) {
    const since = this.now() - days * DAY_MS;
    const all = this.parts.store.all();
    const termsOf = remembered((text: string, l: Lang) => this.parts.knowledge().index.analyzer.analyze(text, l));
    const dismissed = all.filter((q) => q.status === 'dismissed');
    const open = all.filter(
      (q) => q.status === 'open' && q.at >= since && (!lang || q.lang === lang) && !dismissed.some((d) => sameQuestion(d, q, termsOf)),
    );
    return groupQuestions(open, termsOf).map((group) => {
      const kinds: Record<UnansweredKind, number> = { fallback: 0, 'abandoned-clarification': 0, 'low-confidence-then-person': 0, 'low-score': 0 };
      const topics = new Map<string, number>();
      const askedIn = (q: InboxQuestion) => q.times.filter((at) => at >= since).length;
      for (const q of group.questions) {
        kinds[q.kind] += askedIn(q);
        for (const topic of q.topics) topics.set(topic, (topics.get(topic) ?? 0) + 1);
      }
      return {
        lang: group.lang,
        count: group.questions.reduce((n, q) => n + askedIn(q), 0),
        lastAt: new Date(group.questions[0].at).toISOString(),
        kinds,
        topics: [...topics].sort((a, b) => b[1] - a[1]).map(([topic]) => topic),
        questions: group.questions.map((q) => ({ id: q.id, text: q.text, at: new Date(q.at).toISOString(), kind: q.kind, count: askedIn(q) })),
      };
    }).sort((a, b) => b.count - a.count);
  }

  /** The questions become variants of `topicId`, each in its own language, through the usual save. */
  async addVariants(editor: string, ids: readonly string[], topicId: string, acknowledgeWarnings = false): Promise<SaveResult> {
    const live = this.parts.knowledge().entry(topicId);
    const questions = this.questions(ids);
    if (!live) return { kind: 'invalid', problems: [{ severity: 'error', file: '', field: 'topicId', message: `no topic "${topicId}"` }] };
    const entry: KnowledgeEntry = structuredClone(live);
    for (const q of questions) {
      const text = entry.text[q.lang];
      if (!text) return { kind: 'invalid', problems: [{ severity: 'error', file: '', field: `text.${q.lang}`, message: `the topic has no ${q.lang} text yet` }] };
      if (!text.questions.some((existing) => foldText(existing) === foldText(q.text))) text.questions.push(q.text);
    }
    const result = await this.parts.workspace.save(
      editor,
      { entry, reason: `added ${questions.length} question(s) people asked`, baseVersion: this.parts.workspace.topic(topicId).version, acknowledgeWarnings },
      false,
    );
    if (result.kind === 'saved') await this.mark(ids, 'used');
    return result;
  }

  /** A new topic's skeleton with the questions as its variants; saving it is the editor's work. */
  newTopicDraft(ids: readonly string[]): KnowledgeEntry {
    const text: KnowledgeEntry['text'] = {};
    for (const q of this.questions(ids)) {
      const current = text[q.lang] ?? { title: '', questions: [], keywords: [], answer: '' };
      current.questions.push(q.text);
      text[q.lang] = current;
    }
    return { id: '', desk: 'immigration-desk', sensitive: false, reviewed: new Date(this.now()).toISOString().slice(0, 10), sources: [], text };
  }

  async purgeOlderThan(cutoff: number): Promise<number> {
    return this.parts.store.purgeOlderThan(cutoff);
  }

  async mark(ids: readonly string[], status: 'used' | 'dismissed'): Promise<void> {
    await this.parts.store.put(this.questions(ids).map((q) => ({ ...q, status })));
  }

  private questions(ids: readonly string[]): InboxQuestion[] {
    return ids.map((id) => this.parts.store.get(id)).filter((q): q is InboxQuestion => q !== undefined);
  }

  private index(): Map<string, string> {
    this.byWords ??= new Map(this.parts.store.all().map((q) => [wordsKey(q.text, q.lang), q.id]));
    return this.byWords;
  }
}

const MAX_TIMES = 500;

/** The analyzer's terms of each text once per request: a text is compared with many others. */
function remembered(analyze: (text: string, lang: Lang) => string[]): (text: string, lang: Lang) => string[] {
  const cache = new Map<string, string[]>();
  return (text, lang) => {
    const key = `${lang}\u0000${text}`;
    let terms = cache.get(key);
    if (!terms) cache.set(key, (terms = analyze(text, lang)));
    return terms;
  };
}

function wordsKey(text: string, lang: Lang): string {
  return `${lang}:${foldText(text).replace(/[^\p{L}\p{N}]+/gu, ' ').trim()}`;
}

/** Phone numbers and e-mail addresses people type never reach the inbox. */
export function scrub(text: string): string {
  return text.replace(/[\w.+-]+@[\w-]+\.[\w.]+/g, '[email]').replace(/\+?\d[\d\s./-]{6,}\d/g, '[number]');
}
