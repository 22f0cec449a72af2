import { KnowledgeSnapshot } from '../core/knowledge/knowledgeSnapshot';
import { DEFAULT_VALIDATION, validateKnowledge, type ValidationOptions } from '../core/knowledge/validateKnowledge';
import type { KnowledgeProblem } from '../core/knowledge/types';
import type { IntentPhrasings } from '../core/retrieval/knowledgeIndex';
import { KnowledgeError } from '../core/errors';
import { readDeskFiles, readKnowledgeDir } from './knowledgeFiles';
import type { KnowledgeFile } from '../core/knowledge/validateKnowledge';
import { validateDesks } from '../core/routing/validateDesks';
import { DeskDirectory } from '../core/routing/deskDirectory';
import { lombardyMunicipalities } from './municipalities';
import type { KnowledgeBase, KnowledgeEntry } from '../core/knowledge/types';

/** Reads and validates a knowledge folder (topics, glossary, desks); `problems` has warnings even when it loads. */
export async function checkKnowledgeDir(
  dir: string,
  options: Partial<ValidationOptions> = {},
): Promise<{ knowledge?: KnowledgeBase; desks?: DeskDirectory; problems: KnowledgeProblem[] }> {
  const { knowledge, desks, problems } = await validated(dir, [], options);
  return { knowledge, desks: knowledge ? desks : undefined, problems };
}

/**
 * Holds the knowledge the bot answers from: the shipped folder, with the versions editors published on
 * top (`overlay`). Loading fails with every problem listed; a reload or a publish that fails keeps the
 * last good knowledge and reports why. Publishing swaps the snapshot whole: a turn sees the old
 * knowledge or the new one, never half of each.
 */
export class KnowledgeStore {
  private constructor(
    private readonly dir: string,
    private readonly intents: readonly IntentPhrasings[],
    private snapshot: KnowledgeSnapshot,
    /** The topic and glossary files the snapshot was built from, editors' versions in place. */
    private files: KnowledgeFile[],
  ) {}

  /**
   * @param intents intents that retrieval recognises beside the topics (asking for a person).
   * @param overlay entries published by editors, in place of (or beside) the shipped ones.
   */
  static async load(dir: string, intents: readonly IntentPhrasings[] = [], overlay: readonly KnowledgeEntry[] = []): Promise<{ store: KnowledgeStore; warnings: KnowledgeProblem[] }> {
    const { files, snapshot, problems } = await build(dir, intents, overlay);
    if (!snapshot) throw new KnowledgeError(problems.filter((p) => p.severity === 'error'));
    return { store: new KnowledgeStore(dir, intents, snapshot, files), warnings: problems };
  }

  current(): KnowledgeSnapshot {
    return this.snapshot;
  }

  /** The shipped entry of a topic, before any editor's version. */
  async shipped(id: string): Promise<KnowledgeEntry | undefined> {
    const seed = validateKnowledge(await readKnowledgeDir(this.dir), { ...DEFAULT_VALIDATION, today: new Date() });
    return seed.knowledge?.entries.find((entry) => entry.id === id);
  }

  /**
   * The live knowledge with `entries` in place, checked by the same rules as `ponte kb check`, not yet
   * published. Problems are every error, and the warnings of the entries given.
   */
  candidate(entries: readonly KnowledgeEntry[]): { snapshot?: KnowledgeSnapshot; files: KnowledgeFile[]; problems: KnowledgeProblem[] } {
    const files = withEntries(this.files, entries);
    const { knowledge, problems } = validateKnowledge(files, { ...DEFAULT_VALIDATION, today: new Date() });
    const edited = new Set(entries.map(topicFile));
    const relevant = problems.filter((p) => p.severity === 'error' || edited.has(p.file));
    if (!knowledge) return { files, problems: relevant };
    return { snapshot: new KnowledgeSnapshot(knowledge, { intents: this.intents, desks: this.snapshot.desks, previous: this.snapshot }), files, problems: relevant };
  }

  /** Makes a checked candidate the knowledge every next turn answers from. */
  publish(candidate: { snapshot?: KnowledgeSnapshot; files: KnowledgeFile[] }): void {
    if (!candidate.snapshot) throw new Error('only a valid candidate can be published');
    this.snapshot = candidate.snapshot;
    this.files = candidate.files;
  }

  /** Re-reads the folder (editors' versions stay on top); on errors the published knowledge stays as it was. */
  async reload(overlay: readonly KnowledgeEntry[] = []): Promise<{ ok: boolean; problems: KnowledgeProblem[] }> {
    const { files, snapshot, problems } = await build(this.dir, this.intents, overlay, this.snapshot);
    if (!snapshot) return { ok: false, problems };
    this.snapshot = snapshot;
    this.files = files;
    return { ok: true, problems };
  }
}

/**
 * The knowledge of a folder with the editors' versions on top, validated, without the search index:
 * what `kb export` and `kb import` need (building the index takes seconds).
 *
 * @throws KnowledgeError listing every error
 */
export async function readLiveKnowledge(dir: string, overlay: readonly KnowledgeEntry[] = []): Promise<KnowledgeBase> {
  const { knowledge, problems } = await validated(dir, overlay);
  if (!knowledge) throw new KnowledgeError(problems.filter((p) => p.severity === 'error'));
  return knowledge;
}

async function validated(dir: string, overlay: readonly KnowledgeEntry[], options: Partial<ValidationOptions> = {}) {
  const files = withEntries(await readKnowledgeDir(dir), overlay);
  const topics = validateKnowledge(files, { ...DEFAULT_VALIDATION, today: new Date(), ...options });
  const desks = validateDesks(await readDeskFiles(dir), lombardyMunicipalities());
  const problems = [...topics.problems, ...desks.problems];
  const failed = problems.some((p) => p.severity === 'error');
  return { files, knowledge: failed ? undefined : topics.knowledge, desks: new DeskDirectory(desks.desks ?? []), problems };
}

async function build(dir: string, intents: readonly IntentPhrasings[], overlay: readonly KnowledgeEntry[], previous?: KnowledgeSnapshot) {
  const { files, knowledge, desks, problems } = await validated(dir, overlay);
  const snapshot = knowledge ? new KnowledgeSnapshot(knowledge, { intents, desks, previous }) : undefined;
  return { files, snapshot, problems };
}

function topicFile(entry: KnowledgeEntry): string {
  return `topics/${entry.id}.yaml`;
}

/** The files with each entry's file replaced by (or, for a new topic, joined by) the entry. */
function withEntries(files: readonly KnowledgeFile[], entries: readonly KnowledgeEntry[]): KnowledgeFile[] {
  const replaced = new Map(entries.map((entry) => [topicFile(entry), entry]));
  const result = files.map((file) => {
    const key = file.file.replace(/\.(ya?ml|json)$/, '.yaml');
    const entry = replaced.get(key);
    if (!entry) return file;
    replaced.delete(key);
    return { file: key, data: entry };
  });
  for (const [file, data] of replaced) result.push({ file, data });
  return result;
}
