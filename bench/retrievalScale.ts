/**
 * Times retrieval alone: the shipped knowledge, and synthetic knowledge bases of 1,000 and 10,000
 * entries made by varying the shipped ones (new ids, shuffled variants), 10 languages each.
 * Run: npm run bench -- retrieval
 */
import path from 'node:path';
import { KnowledgeStore } from '../src/knowledge/knowledgeStore';
import { KnowledgeSnapshot } from '../src/core/knowledge/knowledgeSnapshot';
import type { KnowledgeBase, KnowledgeEntry } from '../src/core/knowledge/types';
import { PROJECT_ROOT } from '../src/projectRoot';

const QUERIES: [string, 'it' | 'en' | 'ar' | 'zh'][] = [
  ['come rinnovo il permesso di soggiorno', 'it'],
  ['my boss pays me cash and no contract', 'en'],
  ['كيف أجدد permesso di soggiorno', 'ar'],
  ['居留许可怎么续签', 'zh'],
  ['what is the weather tomorrow', 'en'],
];

function synthetic(base: KnowledgeBase, size: number): KnowledgeBase {
  const entries: KnowledgeEntry[] = [];
  for (let i = 0; i < size; i++) {
    const source = base.entries[i % base.entries.length];
    const text = Object.fromEntries(
      Object.entries(source.text).map(([lang, t]) => [lang, { ...t!, questions: t!.questions.map((q, k) => `${q} ${k % 2 ? 'caso' : 'variante'} ${i}`) }]),
    );
    entries.push({ ...source, id: `${source.id}.s${i}`, text });
  }
  return { entries, glossary: base.glossary };
}

export async function retrievalScale(print: (line: string) => void): Promise<void> {
  const shipped = (await KnowledgeStore.load(path.join(PROJECT_ROOT, 'knowledge'))).store.current().knowledge;
  print('| knowledge | index build | ms/query (median of 5 queries × 200) |');
  print('|---|---|---|');
  for (const [name, knowledge] of [
    [`shipped (${shipped.entries.length})`, shipped],
    ['synthetic 1,000', synthetic(shipped, 1000)],
    ['synthetic 10,000', synthetic(shipped, 10_000)],
  ] as const) {
    const built = performance.now();
    const snapshot = new KnowledgeSnapshot(knowledge);
    const buildMs = performance.now() - built;
    const times: number[] = [];
    for (const [query, lang] of QUERIES) {
      const started = performance.now();
      for (let i = 0; i < 200; i++) snapshot.ask(query, lang);
      times.push((performance.now() - started) / 200);
    }
    times.sort((a, b) => a - b);
    print(`| ${name} | ${(buildMs / 1000).toFixed(1)} s | ${times[2].toFixed(2)} |`);
  }
}
