import { decide, DEFAULT_THRESHOLDS } from '../../../src/core/retrieval/decide';
import type { Candidate } from '../../../src/core/retrieval/knowledgeIndex';
import { OUT_OF_SCOPE } from '../../../src/core/intents';

const candidate = (topicId: string, confidence: number): Candidate => ({ topicId, score: confidence * 30, fit: confidence, similarity: confidence, confidence, coverage: confidence, variantCoverage: confidence, matchedTerms: [] });

describe('decide', () => {
  it.each([
    ['answers a clear winner that fits', [candidate('a', 0.7), candidate('b', 0.3)], 'answer'],
    ['asks when two topics are close', [candidate('a', 0.7), candidate('b', 0.65)], 'clarify'],
    ['falls back when nothing fits', [candidate('a', 0.1)], 'fallback'],
    ['falls back with no candidates', [], 'fallback'],
    ['falls back when the message is closest to what Ponte does not answer', [candidate(OUT_OF_SCOPE, 0.6), candidate('a', 0.5)], 'fallback'],
    ['falls back when a loose winner is as close to what Ponte does not answer', [candidate('a', 0.34), candidate(OUT_OF_SCOPE, 0.33)], 'fallback'],
  ])('%s', (_name, candidates, kind) => {
    expect(decide(candidates, DEFAULT_THRESHOLDS).kind).toBe(kind);
  });

  it('answers a clear winner that fits loosely as a best guess, offering the next topics', () => {
    const decision = decide([candidate('a', 0.34), candidate('b', 0.27), candidate('c', 0.26), candidate('d', 0.1)]);
    expect(decision).toMatchObject({ kind: 'answer', topicId: 'a', tentative: true, alternatives: ['b', 'c'] });
    expect(decide([candidate('a', 0.6), candidate('b', 0.3)])).toMatchObject({ kind: 'answer', tentative: false, alternatives: [] });
  });

  it('offers at most three close topics, best first, never "out of scope"', () => {
    const decision = decide([candidate('a', 0.5), candidate('b', 0.49), candidate(OUT_OF_SCOPE, 0.49), candidate('c', 0.48), candidate('d', 0.47)]);
    expect(decision).toMatchObject({ kind: 'clarify', options: ['a', 'b', 'c'] });
  });

  it('leaves a close topic that fits too poorly out of the choices', () => {
    const decision = decide([candidate('a', 0.3), candidate('b', 0.29), candidate('c', 0.1)]);
    expect(decision).toMatchObject({ kind: 'clarify', options: ['a', 'b'] });
  });
});
