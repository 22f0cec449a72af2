import { KnowledgeSnapshot } from '../core/knowledge/knowledgeSnapshot';
import { DEFAULT_VALIDATION, validateKnowledge, type ValidationOptions } from '../core/knowledge/validateKnowledge';
import type { KnowledgeProblem } from '../core/knowledge/types';
import type { IntentPhrasings } from '../core/retrieval/knowledgeIndex';
import { KnowledgeError } from '../core/errors';
import { readDeskFiles, readKnowledgeDir } from './knowledgeFiles';
import { validateDesks } from '../core/routing/validateDesks';
import { DeskDirectory } from '../core/routing/deskDirectory';
import { lombardyMunicipalities } from './municipalities';
import type { KnowledgeBase } from '../core/knowledge/types';

/** Reads and validates a knowledge folder (topics, glossary, desks); `problems` has warnings even when it loads. */
export async function checkKnowledgeDir(
  dir: string,
  options: Partial<ValidationOptions> = {},
): Promise<{ knowledge?: KnowledgeBase; desks?: DeskDirectory; problems: KnowledgeProblem[] }> {
  const topics = validateKnowledge(await readKnowledgeDir(dir), { ...DEFAULT_VALIDATION, today: new Date(), ...options });
  const desks = validateDesks(await readDeskFiles(dir), lombardyMunicipalities());
  const problems = [...topics.problems, ...desks.problems];
  const failed = problems.some((p) => p.severity === 'error');
  return { knowledge: failed ? undefined : topics.knowledge, desks: failed ? undefined : new DeskDirectory(desks.desks ?? []), problems };
}

/**
 * Holds the knowledge the bot answers from. Loading fails with every problem listed; a reload that
 * fails keeps the last good knowledge and reports why.
 */
export class KnowledgeStore {
  private constructor(
    private readonly dir: string,
    private readonly intents: readonly IntentPhrasings[],
    private snapshot: KnowledgeSnapshot,
  ) {}

  /** @param intents intents that retrieval recognises beside the topics (asking for a person). */
  static async load(dir: string, intents: readonly IntentPhrasings[] = []): Promise<{ store: KnowledgeStore; warnings: KnowledgeProblem[] }> {
    const { knowledge, desks, problems } = await checkKnowledgeDir(dir);
    if (!knowledge) throw new KnowledgeError(problems.filter((p) => p.severity === 'error'));
    return { store: new KnowledgeStore(dir, intents, new KnowledgeSnapshot(knowledge, { intents, desks })), warnings: problems };
  }

  current(): KnowledgeSnapshot {
    return this.snapshot;
  }

  /** Re-reads the folder; on errors the published knowledge stays as it was. */
  async reload(): Promise<{ ok: boolean; problems: KnowledgeProblem[] }> {
    const { knowledge, desks, problems } = await checkKnowledgeDir(this.dir);
    if (!knowledge) return { ok: false, problems };
    this.snapshot = new KnowledgeSnapshot(knowledge, { intents: this.intents, desks });
    return { ok: true, problems };
  }
}
