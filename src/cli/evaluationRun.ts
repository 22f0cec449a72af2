import fs from 'node:fs';
import type { EvaluationRow } from '../core/evaluation';
import { DESK_FIND } from '../core/intents';
import type { LocalSession } from './localSession';

/**
 * One labelled line of an evaluation file. Knowledge lines name a topic (`expect`), desk lines a desk
 * type and province, a question with a place both; `context` holds what the same person wrote before.
 */
interface LabelledLine {
  text: string;
  expect?: string;
  expectType?: string;
  expectProvince?: string;
  context?: string[];
  lang?: string;
  class?: string;
}

/**
 * Runs labelled JSON Lines files through the bot, each line a new conversation with a new person (its
 * `context` messages first), and returns what Ponte replied next to what was expected. `ponte eval` and
 * the evaluation test share it.
 *
 * @param hint pass each line's `lang` to the bot as the channel's language hint
 */
export async function runEvaluationFiles(session: LocalSession, files: readonly string[], hint = false): Promise<EvaluationRow[]> {
  const rows: EvaluationRow[] = [];
  for (const file of files) {
    const lines = fs.readFileSync(file, 'utf8').split('\n').filter((line) => line.trim());
    for (const [i, line] of lines.entries()) {
      const item = JSON.parse(line) as LabelledLine;
      const speaker = { userId: `eval-${file}-${i}`, conversationId: `eval-${file}-${i}`, locale: hint ? item.lang : undefined };
      for (const earlier of item.context ?? []) await session.say(earlier, speaker);
      const outcome = await session.say(item.text, speaker);
      rows.push({
        text: item.text,
        expect: item.expect ?? (item.expectType ? DESK_FIND : ''),
        expectType: item.expectType,
        expectProvince: item.expectProvince,
        context: item.context,
        kind: item.class,
        desk: outcome.desk,
        lang: item.lang,
        replyLang: outcome.lang,
        topic: outcome.topic,
        confidence: outcome.confidence,
        options: outcome.options,
      });
    }
  }
  return rows;
}
