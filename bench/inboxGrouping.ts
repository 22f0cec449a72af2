/**
 * How well the editors' inbox groups unanswered questions: a labelled sample of 311 questions people
 * might ask (bench/data/unanswered-sample.jsonl: 30 questions in 8-10 phrasings, each in two
 * languages, and 22 one-off questions), grouped with the retrieval's own analyzer, against the labels
 * (a true group is one question in one language). Pairwise precision: of two questions put together,
 * how often they ask the same thing; recall: of two that ask the same thing, how often they are together.
 * Run: npm run bench -- inbox
 */
import fs from 'node:fs';
import path from 'node:path';
import { groupQuestions, SAME_QUESTION } from '../src/core/editing/groupQuestions';
import type { Lang } from '../src/core/language/languages';
import { KnowledgeStore } from '../src/knowledge/knowledgeStore';
import { PROJECT_ROOT } from '../src/projectRoot';

interface Labelled {
  id: string;
  text: string;
  lang: Lang;
  at: number;
  label: string;
}

export async function inboxGrouping(print: (line: string) => void): Promise<void> {
  const { store } = await KnowledgeStore.load(path.join(PROJECT_ROOT, 'knowledge'));
  const { analyzer } = store.current().index;
  const sample: Labelled[] = fs
    .readFileSync(path.join(PROJECT_ROOT, 'bench', 'data', 'unanswered-sample.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line, i) => {
      const row = JSON.parse(line) as { text: string; lang: Lang; group: string };
      return { id: String(i), text: row.text, lang: row.lang, at: i, label: `${row.group}|${row.lang}` };
    });
  const trueGroups = new Set(sample.map((q) => q.label)).size;
  print(`${sample.length} questions, ${trueGroups} true groups (one question in one language)`);
  for (const threshold of [0.1, SAME_QUESTION, 0.2, 0.3, 0.4]) {
    const started = performance.now();
    const groups = groupQuestions(sample, (text, lang) => analyzer.analyze(text, lang), threshold);
    const ms = performance.now() - started;
    const { precision, recall } = pairwise(groups.map((g) => g.questions));
    const largest = groups.slice(0, 3).map((g) => `${g.questions.length} (${share(g.questions)})`).join(', ');
    print(
      `threshold ${threshold.toFixed(2)}${threshold === SAME_QUESTION ? ' (shipped)' : '         '}: ${groups.length} groups, pairwise precision ${precision.toFixed(2)}, recall ${recall.toFixed(2)}, largest ${largest}; ${ms.toFixed(0)} ms`,
    );
  }
}

function pairwise(groups: Labelled[][]): { precision: number; recall: number } {
  let together = 0;
  let togetherSame = 0;
  for (const group of groups) {
    for (let i = 0; i < group.length; i++) {
      for (let j = i + 1; j < group.length; j++) {
        together++;
        if (group[i].label === group[j].label) togetherSame++;
      }
    }
  }
  const sizes = new Map<string, number>();
  for (const q of groups.flat()) sizes.set(q.label, (sizes.get(q.label) ?? 0) + 1);
  const same = [...sizes.values()].reduce((n, size) => n + (size * (size - 1)) / 2, 0);
  return { precision: together ? togetherSame / together : 1, recall: same ? togetherSame / same : 1 };
}

/** The largest group's main label and how much of the group it is. */
function share(group: Labelled[]): string {
  const counts = new Map<string, number>();
  for (const q of group) counts.set(q.label, (counts.get(q.label) ?? 0) + 1);
  const [label, count] = [...counts].sort((a, b) => b[1] - a[1])[0];
  return `${Math.round((count / group.length) * 100)}% ${label}`;
}
