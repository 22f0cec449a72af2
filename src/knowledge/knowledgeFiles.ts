import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parse, YAMLParseError } from 'yaml';
import type { KnowledgeFile } from '../core/knowledge/validateKnowledge';

/**
 * Reads `knowledge/topics/*.yaml` and `knowledge/glossary.yaml` as data. A file that does not parse is
 * returned with the parser's message and line, so validation can list it with everything else.
 */
export async function readKnowledgeDir(dir: string): Promise<KnowledgeFile[]> {
  const files: KnowledgeFile[] = [];
  const topicsDir = path.join(dir, 'topics');
  let names: string[];
  try {
    names = (await fs.readdir(topicsDir)).filter((name) => /\.(ya?ml|json)$/.test(name)).sort();
  } catch {
    return [{ file: topicsDir, parseError: 'the topics folder is missing or unreadable' }];
  }
  for (const name of names) files.push(await readFile(path.join(topicsDir, name), `topics/${name}`));
  for (const name of ['glossary.yaml', 'out-of-scope.yaml']) {
    const file = path.join(dir, name);
    if (await exists(file)) files.push(await readFile(file, name));
  }
  return files;
}

/** Reads `knowledge/desks/*.yaml`, the desk directory; a missing folder is an empty directory. */
export async function readDeskFiles(dir: string): Promise<KnowledgeFile[]> {
  const desksDir = path.join(dir, 'desks');
  let names: string[];
  try {
    names = (await fs.readdir(desksDir)).filter((name) => /\.ya?ml$/.test(name)).sort();
  } catch {
    return [];
  }
  return Promise.all(names.map((name) => readFile(path.join(desksDir, name), `desks/${name}`)));
}

async function readFile(fullPath: string, file: string): Promise<KnowledgeFile> {
  try {
    const text = await fs.readFile(fullPath, 'utf8');
    return { file, data: fullPath.endsWith('.json') ? JSON.parse(text) : parse(text) };
  } catch (error) {
    if (error instanceof YAMLParseError) {
      const line = error.linePos?.[0];
      return { file, parseError: `YAML error${line ? ` at line ${line.line}, column ${line.col}` : ''}: ${error.message.split('\n')[0]}` };
    }
    return { file, parseError: (error as Error).message };
  }
}

async function exists(file: string): Promise<boolean> {
  return fs.access(file).then(
    () => true,
    () => false,
  );
}
