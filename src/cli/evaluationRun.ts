import fs from 'node:fs';
import type { EvaluationRow } from '../core/evaluation';
import type { LocalSession } from './localSession';

/** One labelled line of an evaluation file: FAQ lines name a topic, routing lines a desk type and province. */
interface LabelledLine {
  text: string;
  expect?: string;
  expectType?: string;
  expectProvince?: string;
  lang?: string;
}

/**
 * Runs labelled JSON Lines files through the bot, each line a new conversation with a new person, and
 * returns what Ponte replied next to what was expected. `ponte eval` and the evaluation test share it.
 *
 * @param hint pass each line's `lang` to the bot as the channel's language hint
 */
export async function runEvaluationFiles(session: LocalSession, files: readonly string[], hint = false): Promise<EvaluationRow[]> {
  const rows: EvaluationRow[] = [];
  for (const file of files) {
    const lines = fs.readFileSync(file, 'utf8').split('\n').filter((line) => line.trim());
    for (const [i, line] of lines.entries()) {
      const item = JSON.parse(line) as LabelledLine;
      const who = `eval-${file}-${i}`;
      const outcome = await session.say(item.text, { userId: who, conversationId: who, locale: hint ? item.lang : undefined });
      rows.push({
        text: item.text,
        expect: item.expect ?? (item.expectType ? 'desk.find' : ''),
        expectType: item.expectType,
        expectProvince: item.expectProvince,
        desk: outcome.desk,
        lang: item.lang,
        topic: outcome.topic,
        confidence: outcome.confidence,
        options: outcome.options,
      });
    }
  }
  return rows;
}
