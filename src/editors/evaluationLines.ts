import fs from 'node:fs';
import path from 'node:path';
import { isLang } from '../core/language/languages';
import type { EvaluationLine } from './knowledgeWorkspace';

/**
 * The project's labelled messages (`test/eval/*.jsonl`, lines with "text", "expect" and "lang"): the
 * workspace warns before a change moves one of them to another topic. Read once; none when absent.
 */
export function evaluationLines(dir: string): () => readonly EvaluationLine[] {
  let lines: EvaluationLine[] | undefined;
  return () => {
    lines ??= read(dir);
    return lines;
  };
}

function read(dir: string): EvaluationLine[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter((name) => name.endsWith('.jsonl')).sort();
  } catch {
    return [];
  }
  return names.flatMap((name) =>
    fs
      .readFileSync(path.join(dir, name), 'utf8')
      .split('\n')
      .flatMap((line) => {
        try {
          const row = JSON.parse(line) as { text?: unknown; expect?: unknown; lang?: unknown };
          return typeof row.text === 'string' && typeof row.expect === 'string' && typeof row.lang === 'string' && isLang(row.lang) ? [{ text: row.text, expect: row.expect, lang: row.lang }] : [];
        } catch {
          return [];
        }
      }),
  );
}
