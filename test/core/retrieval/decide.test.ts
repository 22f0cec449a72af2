import { decide, DEFAULT_THRESHOLDS, thresholdsFor } from '../../../src/core/retrieval/decide';
import type { Candidate } from '../../../src/core/retrieval/knowledgeIndex';

const candidate = (topicId: string, score: number, fit: number): Candidate => ({ topicId, score, fit, coverage: fit, variantCoverage: fit, matchedTerms: [] });

describe('decide', () => {
  it.each([
    ['answers a clear winner that fits', [candidate('a', 20, 0.7), candidate('b', 5, 0.3)], 'answer'],
    ['asks when two topics are close', [candidate('a', 20, 0.7), candidate('b', 19, 0.6)], 'clarify'],
    ['asks "did you mean" when the winner fits only loosely', [candidate('a', 20, 0.3)], 'clarify'],
    ['falls back when nothing fits', [candidate('a', 20, 0.1)], 'fallback'],
    ['falls back with no candidates', [], 'fallback'],
  ])('%s', (_name, candidates, kind) => {
    expect(decide(candidates, DEFAULT_THRESHOLDS).kind).toBe(kind);
  });

  it('offers at most three close topics, best first', () => {
    const decision = decide([candidate('a', 20, 0.5), candidate('b', 19.5, 0.5), candidate('c', 19, 0.5), candidate('d', 18.5, 0.5)]);
    expect(decision).toMatchObject({ kind: 'clarify', options: ['a', 'b', 'c'] });
  });

  it('leaves a close topic that fits too poorly out of the choices', () => {
    const decision = decide([candidate('a', 20, 0.5), candidate('b', 19.5, 0.5), candidate('c', 19, 0.1)]);
    expect(decision).toMatchObject({ kind: 'clarify', options: ['a', 'b'] });
  });
});

describe('thresholdsFor', () => {
  it('answers a looser fit in Chinese, Urdu and Bengali, whose matching scores lower, than in Italian', () => {
    const loose = [candidate('a', 20, 0.33)];
    expect(decide(loose, thresholdsFor('it')).kind).toBe('clarify');
    for (const lang of ['zh', 'ur', 'bn'] as const) expect(decide(loose, thresholdsFor(lang)).kind).toBe('answer');
  });
});
