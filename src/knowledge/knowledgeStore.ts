import { KnowledgeSnapshot } from '../core/knowledge/knowledgeSnapshot';
import { DEFAULT_VALIDATION, validateKnowledge, type ValidationOptions } from '../core/knowledge/validateKnowledge';
import type { KnowledgeProblem } from '../core/knowledge/types';
import type { IntentPhrasings } from '../core/retrieval/knowledgeIndex';
import { KnowledgeError } from '../core/errors';
import { readKnowledgeDir } from './knowledgeFiles';

/** Reads and validates a knowledge folder; `problems` has warnings even when it loads. */
export async function checkKnowledgeDir(
  dir: string,
  options: Partial<ValidationOptions> = {},
): Promise<ReturnType<typeof validateKnowledge>> {
  return validateKnowledge(await readKnowledgeDir(dir), { ...DEFAULT_VALIDATION, today: new Date(), ...options });
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
    const { knowledge, problems } = await checkKnowledgeDir(dir);
    if (!knowledge) throw new KnowledgeError(problems.filter((p) => p.severity === 'error'));
    return { store: new KnowledgeStore(dir, intents, new KnowledgeSnapshot(knowledge, { intents })), warnings: problems };
  }

  current(): KnowledgeSnapshot {
    return this.snapshot;
  }

  /** Re-reads the folder; on errors the published knowledge stays as it was. */
  async reload(): Promise<{ ok: boolean; problems: KnowledgeProblem[] }> {
    const { knowledge, problems } = await checkKnowledgeDir(this.dir);
    if (!knowledge) return { ok: false, problems };
    this.snapshot = new KnowledgeSnapshot(knowledge, { intents: this.intents });
    return { ok: true, problems };
  }
}
