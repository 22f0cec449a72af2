import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../src/config';
import { KnowledgeStore } from '../src/knowledge/knowledgeStore';
import { loadLocales, personIntent } from '../src/i18n';
import { KnowledgeIndex } from '../src/core/retrieval/knowledgeIndex';
import { decide, DEFAULT_THRESHOLDS, type DecisionThresholds } from '../src/core/retrieval/decide';
import { isKnowledgeTopic } from '../src/core/intents';
import type { Lang } from '../src/core/language/languages';

interface Line {
  text: string;
  expect?: string;
  lang: Lang;
  context?: string[];
}

const EVAL = path.join(__dirname, '..', '..', 'test', 'eval');

function readLines(files: string[]): Line[] {
  return files.flatMap((file) =>
    fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as Line)
      // Retrieval alone: questions and out-of-scope messages, no desks, no follow-ups.
      .filter((l) => l.expect && !l.context && (isKnowledgeTopic(l.expect) || l.expect === 'fallback' || l.expect === 'mediator.request')),
  );
}

function score(index: KnowledgeIndex, lines: Line[], thresholds: DecisionThresholds) {
  let topics = 0;
  let right = 0;
  let offered = 0;
  let outOfScope = 0;
  let outOfScopeAnswered = 0;
  for (const line of lines) {
    const { candidates } = index.search(line.text, line.lang);
    const decision = decide(candidates, thresholds);
    const answered = decision.kind === 'answer' ? decision.topicId : undefined;
    if (line.expect === 'fallback') {
      outOfScope++;
      if (answered && isKnowledgeTopic(answered)) outOfScopeAnswered++;
      continue;
    }
    topics++;
    if (answered === line.expect) right++;
    if (answered === line.expect || (decision.kind === 'clarify' && decision.options.includes(line.expect!))) offered++;
  }
  return { top1: right / topics, offered: offered / topics, oos: outOfScopeAnswered / Math.max(1, outOfScope) };
}

/**
 * Sweeps the blend of word and letter matching and the decision thresholds on the tuned part of the
 * evaluation set (test/eval/*.jsonl), with the message's language given, and prints the blind part's
 * figures beside each setting for information only: settings are chosen on the tuned part.
 */
export async function understandingSweep(print: (line: string) => void): Promise<void> {
  const config = loadConfig({});
  const locales = loadLocales(config.localesDir);
  const tuned = readLines(fs.readdirSync(EVAL).filter((f) => f.endsWith('.jsonl')).map((f) => path.join(EVAL, f)));
  const blind = readLines(fs.readdirSync(path.join(EVAL, 'blind')).filter((f) => f.endsWith('.jsonl')).map((f) => path.join(EVAL, 'blind', f)));
  const pct = (x: number) => x.toFixed(3);
  print(`tuned part: ${tuned.length} messages; blind part: ${blind.length} (retrieval only, language given)`);
  print('| fit weight | answer at | guess at | clarify at | close | tuned top-1 | tuned offered | tuned oos answered | blind top-1 | blind offered | blind oos answered |');
  print('|---|---|---|---|---|---|---|---|---|---|---|');
  const intents = [personIntent(locales.commands)];
  const { store } = await KnowledgeStore.load(config.knowledgeDir, intents);
  for (const fitWeight of [0.5, 0.6, 0.7]) {
    const index = new KnowledgeIndex(store.current().knowledge, { intents, blend: { fit: fitWeight, similarity: 1 - fitWeight }, previous: store.current().index });
    for (const answerAt of [0.38, 0.42]) {
      for (const [guessAt, clarifyAt, closeRatio] of [0.28, 0.31, 1].flatMap((g) => [0.22, 0.25].flatMap((c) => [0.85, 0.9].map((r) => [Math.min(g, answerAt), c, r])))) {
        const thresholds = { ...DEFAULT_THRESHOLDS, answerAt, guessAt, clarifyAt, closeRatio };
        const t = score(index, tuned, thresholds);
        const b = score(index, blind, thresholds);
        print(`| ${fitWeight} | ${answerAt} | ${guessAt} | ${clarifyAt} | ${closeRatio} | ${pct(t.top1)} | ${pct(t.offered)} | ${pct(t.oos)} | ${pct(b.top1)} | ${pct(b.offered)} | ${pct(b.oos)} |`);
      }
    }
  }
}
