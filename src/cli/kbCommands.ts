import type { Config } from '../config';
import { KnowledgeError, PonteError } from '../core/errors';
import { needsReviewAfter } from '../core/editing/entryChanges';
import { LANGUAGES } from '../core/language/languages';
import { checkKnowledgeDir, readLiveKnowledge } from '../knowledge/knowledgeStore';
import { entryYaml, exportKnowledge } from '../knowledge/knowledgeExport';
import { DataDirLock } from '../storage/dataDirLock';
import { KnowledgeVersions } from '../storage/knowledgeVersions';
import { formatProblems } from './report';

export const KB_USAGE = `  kb check [DIR]             validate the knowledge folder (default: knowledge/); exits 1 on errors
  kb export DIR              write the live knowledge (shipped + editors' published versions) to DIR
                             in the knowledge/ format, to review and commit
  kb import DIR              check DIR like kb check, then publish its topics that differ as new
                             versions (the server must be stopped: it owns the data directory)`;

/** `ponte kb check | export | import`. */
export async function kbCommand(args: string[], config: Config, print: (text: string) => void): Promise<number | undefined> {
  const [action, dir] = args;
  switch (action) {
    case 'check':
      return kbCheck(dir ?? config.knowledgeDir, print);
    case 'export': {
      if (!dir) return undefined;
      const versions = await KnowledgeVersions.open(config.dataDir);
      const published = versions.published();
      await versions.close();
      const written = exportKnowledge(config.knowledgeDir, (await readLiveKnowledge(config.knowledgeDir, published)).entries, dir);
      print(`OK: ${written.length} topics written to ${dir} (with the glossary, desks and municipality aliases).`);
      return 0;
    }
    case 'import':
      return dir ? kbImport(dir, config, print) : undefined;
  }
  return undefined;
}

async function kbCheck(dir: string, print: (text: string) => void): Promise<number> {
  const { knowledge, desks, problems } = await checkKnowledgeDir(dir);
  print(formatProblems(problems));
  if (knowledge && desks) {
    print(`OK: ${knowledge.entries.length} topics, ${knowledge.glossary.length} glossary terms, ${LANGUAGES.length} languages, ${desks.desks.length} desks (${desks.samples} samples).`);
  }
  return knowledge ? 0 : 1;
}

async function kbImport(dir: string, config: Config, print: (text: string) => void): Promise<number> {
  const { knowledge, problems } = await checkKnowledgeDir(dir);
  if (!knowledge) {
    print(formatProblems(problems));
    print('Nothing imported.');
    return 1;
  }
  const lock = DataDirLock.acquire(config.dataDir);
  const versions = await KnowledgeVersions.open(config.dataDir).catch((error: unknown) => {
    lock.release();
    throw error;
  });
  try {
    const live = new Map((await readLiveKnowledge(config.knowledgeDir, versions.published())).entries.map((entry) => [entry.id, entry]));
    const changed = knowledge.entries.filter((entry) => !live.get(entry.id) || entryYaml(live.get(entry.id)!) !== entryYaml(entry));
    // The imported topics must also fit with the install's glossary and the other live topics.
    try {
      await readLiveKnowledge(config.knowledgeDir, [...versions.published(), ...changed]);
    } catch (error) {
      if (error instanceof KnowledgeError) throw new PonteError(`The imported topics do not fit the live knowledge:\n${formatProblems(error.problems.map((p) => ({ severity: 'error' as const, ...p })))}\nNothing imported.`);
      throw error;
    }
    const now = Date.now();
    for (const entry of changed) {
      const history = versions.history(entry.id);
      const before = live.get(entry.id);
      const needsReview = needsReviewAfter(before, entry, history.needsReview);
      await versions.save({
        ...history,
        needsReview,
        versions: [
          ...history.versions,
          { version: history.versions.length + 1, entry, author: 'kb import', at: now, reason: `imported from ${dir}`, changes: before ? ['import'] : ['new topic'], status: 'published', needsApproval: [], needsReview },
        ],
      });
    }
    print(`OK: ${knowledge.entries.length} topics checked, ${changed.length} published as new versions (${knowledge.entries.length - changed.length} unchanged).`);
    return 0;
  } finally {
    await versions.close();
    lock.release();
  }
}
