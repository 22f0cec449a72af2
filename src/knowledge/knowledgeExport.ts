import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import type { KnowledgeEntry } from '../core/knowledge/types';
import { LANGUAGES } from '../core/language/languages';

/** The shipped files' own style: no folding of long lines, multi-line answers as `|-` blocks. */
const YAML_STYLE = { lineWidth: 0, blockQuote: 'literal' } as const;

/**
 * An entry as `knowledge/topics/<id>.yaml` holds it: the same keys in the same order and the same
 * YAML style as the shipped files, so an export can be diffed, reviewed and committed.
 */
export function entryYaml(entry: KnowledgeEntry): string {
  const text: Record<string, unknown> = {};
  for (const lang of LANGUAGES) {
    const t = entry.text[lang];
    if (t) text[lang] = { title: t.title, questions: t.questions, keywords: t.keywords ?? [], answer: t.answer, ...(t.more ? { more: t.more } : {}) };
  }
  return stringify({ id: entry.id, desk: entry.desk, sensitive: entry.sensitive, reviewed: entry.reviewed, sources: entry.sources, text }, YAML_STYLE);
}

/**
 * Writes the live knowledge out in the `knowledge/` format: one file per topic, and the glossary,
 * desks and municipality aliases as the install has them (editors do not change those here).
 */
export function exportKnowledge(seedDir: string, entries: readonly KnowledgeEntry[], outDir: string): string[] {
  fs.mkdirSync(path.join(outDir, 'topics'), { recursive: true });
  const written: string[] = [];
  for (const entry of entries) {
    const file = path.join(outDir, 'topics', `${entry.id}.yaml`);
    fs.writeFileSync(file, entryYaml(entry));
    written.push(file);
  }
  for (const name of ['glossary.yaml', 'out-of-scope.yaml', 'municipality-aliases.yaml', 'desks']) {
    const from = path.join(seedDir, name);
    if (fs.existsSync(from)) fs.cpSync(from, path.join(outDir, name), { recursive: true });
  }
  return written;
}
