/**
 * Compares retrieval engines on the evaluation set: which topic comes first, and how fast.
 * Run: npm run bench -- engines   (figures go to docs/retrieval.md)
 */
import fs from 'node:fs';
import path from 'node:path';
import Fuse from 'fuse.js';
import { KnowledgeStore } from '../src/knowledge/knowledgeStore';
import { foldText } from '../src/core/text/normalize';
import { detectLanguage } from '../src/core/language/detectLanguage';
import { LANGUAGES, type Lang } from '../src/core/language/languages';
import { PROJECT_ROOT } from '../src/projectRoot';

interface Labelled {
  text: string;
  expect: string;
  lang: Lang;
}

type Engine = (text: string, lang: Lang) => string | undefined;

export async function compareEngines(print: (line: string) => void): Promise<void> {
  const { store } = await KnowledgeStore.load(path.join(PROJECT_ROOT, 'knowledge'));
  const knowledge = store.current();
  const evalDir = path.join(PROJECT_ROOT, 'test', 'eval');
  const items: Labelled[] = fs
    .readdirSync(evalDir)
    .filter((f) => f.startsWith('faq.'))
    .flatMap((f) => fs.readFileSync(path.join(evalDir, f), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Labelled));

  const fuseIndexes = (options: ConstructorParameters<typeof Fuse<{ topicId: string; text: string }>>[1]) =>
    new Map(
      LANGUAGES.map((lang) => {
        const docs = knowledge.knowledge.entries.flatMap((entry) => {
          const text = entry.text[lang];
          return text ? [text.title, ...text.questions, text.keywords.join(' ')].map((q) => ({ topicId: entry.id, text: foldText(q) })) : [];
        });
        return [lang, new Fuse(docs, { keys: ['text'], includeScore: true, ...options })];
      }),
    );
  const fuseEngine = (indexes: ReturnType<typeof fuseIndexes>): Engine => (text, lang) => indexes.get(lang)!.search(foldText(text), { limit: 1 })[0]?.item.topicId;

  const engines: [string, Engine][] = [
    ['minisearch BM25 per variant + glossary + stemming (Ponte)', (text, lang) => knowledge.index.search(text, lang).candidates[0]?.topicId],
    ['fuse.js default', fuseEngine(fuseIndexes({}))],
    ['fuse.js ignoreLocation', fuseEngine(fuseIndexes({ ignoreLocation: true }))],
    ['fuse.js useTokenSearch', fuseEngine(fuseIndexes({ useTokenSearch: true, ignoreLocation: true } as object))],
  ];

  print(`| engine | top-1 (${items.length} messages, 10 languages) | ms/query |`);
  print('|---|---|---|');
  for (const [name, engine] of engines) {
    const started = process.hrtime.bigint();
    let correct = 0;
    for (const item of items) {
      const lang = detectLanguage(item.text).lang ?? item.lang;
      if (engine(item.text, lang) === item.expect) correct++;
    }
    const ms = Number(process.hrtime.bigint() - started) / 1e6 / items.length;
    print(`| ${name} | ${(correct / items.length).toFixed(3)} (${correct}) | ${ms.toFixed(2)} |`);
  }
}
