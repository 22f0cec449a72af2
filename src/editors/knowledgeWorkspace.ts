import { approvalReasons, changedFields, needsReviewAfter, type ApprovalReason } from '../core/editing/entryChanges';
import { languageFlags, type LanguageFlag } from '../core/editing/topicStatus';
import type { KnowledgeSnapshot } from '../core/knowledge/knowledgeSnapshot';
import type { KnowledgeEntry, KnowledgeProblem } from '../core/knowledge/types';
import type { Lang } from '../core/language/languages';
import type { KnowledgeStore } from '../knowledge/knowledgeStore';
import { latestPublished, pendingVersion, type EntryVersion, type KnowledgeVersions, type TopicHistory } from '../storage/knowledgeVersions';

/** A labelled message of the project's evaluation set (test/eval/*.jsonl). */
export interface EvaluationLine {
  text: string;
  expect: string;
  lang: Lang;
}

export interface EvaluationWarning extends EvaluationLine {
  before: string;
  after: string;
}

export interface SaveRequest {
  entry: KnowledgeEntry;
  reason: string;
  /** The version the editor started from; another editor's newer version means a conflict. */
  baseVersion?: number;
  acknowledgeWarnings?: boolean;
  confirmReviewed?: Lang[];
}

export type SaveResult =
  | { kind: 'invalid'; problems: KnowledgeProblem[] }
  | { kind: 'conflict'; version: number }
  | { kind: 'evaluation-warnings'; warnings: EvaluationWarning[] }
  | { kind: 'saved'; status: 'published' | 'pending'; version: number; needsReview: Lang[]; needsApproval: ApprovalReason[]; warnings: KnowledgeProblem[]; publishMs?: number };

export class WorkspaceError extends Error {
  constructor(readonly code: 'not-found' | 'same-editor' | 'conflict', message: string) {
    super(message);
  }
}

export interface Tried {
  lang: Lang;
  decision: 'answer' | 'clarify' | 'fallback';
  topic?: string;
  confidence: number;
  candidates: { topic: string; title: string; score: number }[];
}

export interface WorkspaceParts {
  knowledge: KnowledgeStore;
  versions: KnowledgeVersions;
  /** The project's labelled messages; a save that moves one to another topic warns first. */
  evaluation: () => readonly EvaluationLine[];
  now?: () => number;
}

/**
 * What editors do to the knowledge: save a new version of an entry (checked like `ponte kb check`,
 * never published when invalid), publish it at once or after a second editor's approval, flag
 * translations to check again, restore an earlier version. The bot answers from a published version on
 * the very next message: publishing swaps the live snapshot.
 */
export class KnowledgeWorkspace {
  private readonly now: () => number;
  private evaluatedSnapshot?: KnowledgeSnapshot;
  private evaluatedTopics: string[] = [];

  constructor(private readonly parts: WorkspaceParts) {
    this.now = parts.now ?? Date.now;
  }

  topics() {
    const snapshot = this.parts.knowledge.current();
    const today = new Date(this.now());
    return snapshot.knowledge.entries.map((entry) => {
      const history = this.parts.versions.history(entry.id);
      return {
        id: entry.id,
        desk: entry.desk,
        sensitive: entry.sensitive,
        reviewed: entry.reviewed,
        title: entry.text.it?.title ?? entry.id,
        languages: languageFlags(entry, needsReview(history), today) as Record<Lang, LanguageFlag[]>,
        pending: pendingVersion(history) !== undefined,
        version: currentVersion(history),
      };
    });
  }

  topic(id: string) {
    const entry = this.parts.knowledge.current().entry(id);
    if (!entry) throw new WorkspaceError('not-found', id);
    const history = this.parts.versions.history(id);
    const pending = pendingVersion(history);
    return {
      entry,
      version: currentVersion(history),
      needsReview: needsReview(history),
      pending: pending ? { ...info(pending), entry: pending.entry } : undefined,
      history: [...history.versions].reverse().map(info),
    };
  }

  async version(id: string, version: number): Promise<{ entry: KnowledgeEntry; info?: ReturnType<typeof info> }> {
    if (version === 0) {
      const entry = await this.parts.knowledge.shipped(id);
      if (!entry) throw new WorkspaceError('not-found', `${id} was not shipped`);
      return { entry };
    }
    const found = this.parts.versions.history(id).versions.find((v) => v.version === version);
    if (!found) throw new WorkspaceError('not-found', `${id} has no version ${version}`);
    return { entry: found.entry, info: info(found) };
  }

  async diff(id: string, from: number, to: number): Promise<{ field: string; before: string; after: string }[]> {
    const [a, b] = [(await this.version(id, from)).entry, (await this.version(id, to)).entry];
    return changedFields(a, b).map((field) => ({ field, before: show(valueAt(a, field)), after: show(valueAt(b, field)) }));
  }

  async save(editor: string, request: SaveRequest, isNew: boolean): Promise<SaveResult> {
    const started = performance.now();
    const { entry } = request;
    const live = this.parts.knowledge.current().entry(entry.id);
    if (isNew && live) return { kind: 'invalid', problems: [{ severity: 'error', file: '', field: 'id', message: `a topic "${entry.id}" exists already` }] };
    if (!isNew && !live) throw new WorkspaceError('not-found', entry.id);
    const history = this.parts.versions.history(entry.id);
    if (!isNew && request.baseVersion !== currentVersion(history)) return { kind: 'conflict', version: currentVersion(history) };
    if (!request.reason?.trim()) return { kind: 'invalid', problems: [{ severity: 'error', file: '', field: 'reason', message: 'say why (it goes in the history)' }] };

    const candidate = this.parts.knowledge.candidate([entry]);
    const errors = candidate.problems.filter((p) => p.severity === 'error');
    if (!candidate.snapshot || errors.length) return { kind: 'invalid', problems: errors.length ? errors : candidate.problems };
    if (!request.acknowledgeWarnings) {
      const warnings = this.evaluationWarnings(candidate.snapshot);
      if (warnings.length) return { kind: 'evaluation-warnings', warnings };
    }

    const needsApproval = approvalReasons(live, entry);
    const version: EntryVersion = {
      version: history.versions.length + 1,
      entry,
      author: editor,
      at: this.now(),
      reason: request.reason.trim(),
      changes: changedFields(live, entry),
      status: needsApproval.length ? 'pending' : 'published',
      needsApproval,
      needsReview: needsReviewAfter(live, entry, history.needsReview, request.confirmReviewed),
    };
    // A newer change replaces a change still waiting for approval.
    const versions = history.versions.map((v) => (v.status === 'pending' ? { ...v, status: 'superseded' as const } : v));
    const next: TopicHistory = { ...history, versions: [...versions, version] };
    const warnings = candidate.problems.filter((p) => p.severity === 'warning');
    if (version.status === 'pending') {
      await this.parts.versions.save(next);
      return { kind: 'saved', status: 'pending', version: version.version, needsReview: version.needsReview, needsApproval, warnings };
    }
    // Saved before it is live: a crash between the two leaves a version that the next start publishes.
    await this.parts.versions.save({ ...next, needsReview: version.needsReview });
    this.parts.knowledge.publish(candidate);
    return { kind: 'saved', status: 'published', version: version.version, needsReview: version.needsReview, needsApproval, warnings, publishMs: Math.round(performance.now() - started) };
  }

  /** A second editor publishes a pending version; its author cannot. */
  async approve(editor: string, id: string, versionNumber: number): Promise<SaveResult> {
    const started = performance.now();
    const history = this.parts.versions.history(id);
    const pending = pendingVersion(history);
    if (!pending || pending.version !== versionNumber) throw new WorkspaceError('conflict', `version ${versionNumber} of ${id} is not waiting for approval`);
    if (pending.author === editor) throw new WorkspaceError('same-editor', 'the author of a change cannot approve it');
    const candidate = this.parts.knowledge.candidate([pending.entry]);
    if (!candidate.snapshot) return { kind: 'invalid', problems: candidate.problems };
    const approved: EntryVersion = { ...pending, status: 'published', approvedBy: editor, decidedAt: this.now() };
    await this.parts.versions.save({ ...history, versions: history.versions.map((v) => (v === pending ? approved : v)), needsReview: pending.needsReview });
    this.parts.knowledge.publish(candidate);
    return { kind: 'saved', status: 'published', version: pending.version, needsReview: pending.needsReview, needsApproval: pending.needsApproval, warnings: [], publishMs: Math.round(performance.now() - started) };
  }

  async reject(editor: string, id: string, versionNumber: number, reason: string): Promise<void> {
    const history = this.parts.versions.history(id);
    const pending = pendingVersion(history);
    if (!pending || pending.version !== versionNumber) throw new WorkspaceError('conflict', `version ${versionNumber} of ${id} is not waiting for approval`);
    const rejected: EntryVersion = { ...pending, status: 'rejected', approvedBy: editor, decidedAt: this.now(), rejectReason: reason };
    await this.parts.versions.save({ ...history, versions: history.versions.map((v) => (v === pending ? rejected : v)) });
  }

  /** Saves an earlier version again, through the same checks and approvals as any change. */
  async restore(editor: string, id: string, versionNumber: number): Promise<SaveResult> {
    const { entry } = await this.version(id, versionNumber);
    return this.save(editor, { entry, reason: `restored version ${versionNumber}`, baseVersion: currentVersion(this.parts.versions.history(id)), acknowledgeWarnings: true }, false);
  }

  /** An editor read the translation and it is still right. */
  async confirmReview(id: string, lang: Lang): Promise<Lang[]> {
    if (!this.parts.knowledge.current().entry(id)) throw new WorkspaceError('not-found', id);
    const history = this.parts.versions.history(id);
    const without = (langs: Lang[]) => langs.filter((l) => l !== lang);
    const versions = history.versions.map((v) => (v.status === 'pending' ? { ...v, needsReview: without(v.needsReview) } : v));
    const next = { ...history, versions, needsReview: without(history.needsReview) };
    await this.parts.versions.save(next);
    return needsReview(next);
  }

  pending() {
    const snapshot = this.parts.knowledge.current();
    return this.parts.versions.all().flatMap((history) => {
      const pending = pendingVersion(history);
      return pending ? [{ id: history.id, title: (snapshot.entry(history.id) ?? pending.entry).text.it?.title ?? history.id, ...info(pending) }] : [];
    });
  }

  /** Which topic Ponte would pick, now and with the draft in place. */
  tryQuestion(text: string, lang: Lang | undefined, draft?: KnowledgeEntry): { published: Tried; draft?: Tried; draftProblems?: KnowledgeProblem[] } {
    const published = this.parts.knowledge.current();
    const asked = lang ?? published.detectLanguage(text).lang ?? 'it';
    const result: { published: Tried; draft?: Tried; draftProblems?: KnowledgeProblem[] } = { published: tried(published, text, asked) };
    if (draft) {
      const candidate = this.parts.knowledge.candidate([draft]);
      if (candidate.snapshot) result.draft = tried(candidate.snapshot, text, asked);
      else result.draftProblems = candidate.problems;
    }
    return result;
  }

  private evaluationWarnings(draft: KnowledgeSnapshot): EvaluationWarning[] {
    const lines = this.parts.evaluation();
    const published = this.parts.knowledge.current();
    if (this.evaluatedSnapshot !== published) {
      this.evaluatedTopics = lines.map((line) => topicOf(published, line));
      this.evaluatedSnapshot = published;
    }
    return lines.flatMap((line, i) => {
      const after = topicOf(draft, line);
      return after === this.evaluatedTopics[i] ? [] : [{ ...line, before: this.evaluatedTopics[i], after }];
    });
  }
}

/** A change waiting for approval already tells which translations to check: editors can start. */
function needsReview(history: TopicHistory): Lang[] {
  return pendingVersion(history)?.needsReview ?? history.needsReview;
}

function currentVersion(history: TopicHistory): number {
  return latestPublished(history)?.version ?? 0;
}

function info(version: EntryVersion) {
  return {
    version: version.version,
    author: version.author,
    at: new Date(version.at).toISOString(),
    reason: version.reason,
    changes: version.changes,
    status: version.status,
    approvedBy: version.approvedBy,
    needsApproval: version.needsApproval,
    rejectReason: version.rejectReason,
  };
}

function topicOf(snapshot: KnowledgeSnapshot, line: EvaluationLine): string {
  const { decision } = snapshot.ask(line.text, line.lang);
  return decision.kind === 'answer' ? decision.topicId : decision.kind;
}

function tried(snapshot: KnowledgeSnapshot, text: string, lang: Lang): Tried {
  const { decision } = snapshot.ask(text, lang);
  return {
    lang,
    decision: decision.kind,
    topic: decision.kind === 'answer' ? decision.topicId : undefined,
    confidence: Math.round(decision.confidence * 100) / 100,
    candidates: decision.candidates.slice(0, 5).map((c) => ({ topic: c.topicId, title: snapshot.text(c.topicId, lang)?.text.title ?? c.topicId, score: Math.round(c.fit * 100) / 100 })),
  };
}

function valueAt(entry: KnowledgeEntry, field: string): unknown {
  return field.split('.').reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], entry);
}

function show(value: unknown): string {
  return value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
}
