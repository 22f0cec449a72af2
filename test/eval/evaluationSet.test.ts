import fs from 'node:fs';
import path from 'node:path';
import { summarizeEvaluation, type EvaluationRow } from '../../src/core/evaluation';
import { openSession } from '../support/session';
import { runEvaluationFiles } from '../../src/cli/evaluationRun';

/**
 * The floors we commit to on our own labelled set (docs/evaluation.md has the figures and how they
 * move). The product side evaluates on a held-out set; these floors only catch regressions.
 */
const FLOORS = {
  faqAccuracy: 0.88,
  faqAccuracyItalianEnglish: 0.85,
  perLanguageFaq: 0.8,
  outOfScopeAnsweredAtMost: 0.1,
  mediatorAccuracy: 0.8,
  /** Right desk type and province (routing issue: at least 9 in 10). */
  routingAccuracy: 0.9,
};

const DIR = __dirname;

async function run(files: string[]): Promise<EvaluationRow[]> {
  return runEvaluationFiles(await openSession(), files.map((file) => path.join(DIR, file)));
}

describe('the evaluation set', () => {
  const faqFiles = fs.readdirSync(DIR).filter((f) => /^faq\.[a-z]{2}\.jsonl$/.test(f));

  it('has at least 30 messages in each of the ten languages, 40 out-of-scope and 20 requests for a person', () => {
    expect(faqFiles).toHaveLength(10);
    for (const file of faqFiles) expect(fs.readFileSync(path.join(DIR, file), 'utf8').trim().split('\n').length).toBeGreaterThanOrEqual(30);
    expect(fs.readFileSync(path.join(DIR, 'out-of-scope.jsonl'), 'utf8').trim().split('\n').length).toBeGreaterThanOrEqual(40);
    expect(fs.readFileSync(path.join(DIR, 'mediator.jsonl'), 'utf8').trim().split('\n').length).toBeGreaterThanOrEqual(20);
  });

  it('answers the FAQ messages above the committed floors', async () => {
    const summary = summarizeEvaluation(await run(faqFiles));
    expect(summary.topOne.rate).toBeGreaterThanOrEqual(FLOORS.faqAccuracy);
    expect(summary.perLanguage.it.topOne.rate).toBeGreaterThanOrEqual(FLOORS.faqAccuracyItalianEnglish);
    expect(summary.perLanguage.en.topOne.rate).toBeGreaterThanOrEqual(FLOORS.faqAccuracyItalianEnglish);
    for (const [lang, figures] of Object.entries(summary.perLanguage)) {
      expect([lang, figures.topOne.rate >= FLOORS.perLanguageFaq]).toEqual([lang, true]);
    }
  });

  it('does not answer out-of-scope messages from the knowledge base', async () => {
    const summary = summarizeEvaluation(await run(['out-of-scope.jsonl']));
    expect(summary.outOfScopeAnswered.rate).toBeLessThanOrEqual(FLOORS.outOfScopeAnsweredAtMost);
  });

  it('routes people to the right desk type and province', async () => {
    const lines = fs.readFileSync(path.join(DIR, 'routing.jsonl'), 'utf8').trim().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(60);
    expect(new Set(lines.map((l) => JSON.parse(l).lang)).size).toBe(10);
    const summary = summarizeEvaluation(await run(['routing.jsonl']));
    expect(summary.desk.rate).toBeGreaterThanOrEqual(FLOORS.routingAccuracy);
  });

  it('recognises requests for a person', async () => {
    const summary = summarizeEvaluation(await run(['mediator.jsonl']));
    expect(summary.person.rate).toBeGreaterThanOrEqual(FLOORS.mediatorAccuracy);
  });
});
