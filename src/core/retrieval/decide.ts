import type { Candidate } from './knowledgeIndex';
import type { Lang } from '../language/languages';

export interface DecisionThresholds {
  /** A clear winner is answered from this fit up; below it the person is asked "did you mean...?". */
  answerAt: number;
  /** Below this fit nothing fits: say so honestly, suggest the main topics and offer a person. */
  clarifyAt: number;
  /** Topics scoring at least this share of the best are "close": then the person picks. */
  closeRatio: number;
  /** At most this many topics are offered in a clarification. */
  maxOptions: number;
}

/** Tuned on the evaluation set (test/eval); the figures behind them are in docs/retrieval.md. */
export const DEFAULT_THRESHOLDS: DecisionThresholds = { answerAt: 0.38, clarifyAt: 0.25, closeRatio: 0.9, maxOptions: 3 };

/**
 * Chinese is searched by character pairs, Urdu and Bengali without a stemmer: the same good match
 * scores a lower fit there, so the answer threshold is lower (out-of-scope answers did not rise).
 */
export const ANSWER_AT_BY_LANGUAGE: Partial<Record<Lang, number>> = { zh: 0.3, ur: 0.3, bn: 0.3 };

export function thresholdsFor(lang: Lang, base: DecisionThresholds = DEFAULT_THRESHOLDS): DecisionThresholds {
  const answerAt = ANSWER_AT_BY_LANGUAGE[lang];
  return answerAt === undefined || base !== DEFAULT_THRESHOLDS ? base : { ...base, answerAt };
}

export type Decision =
  | { kind: 'answer'; topicId: string; confidence: number; candidates: Candidate[] }
  | { kind: 'clarify'; options: string[]; confidence: number; candidates: Candidate[] }
  | { kind: 'fallback'; confidence: number; candidates: Candidate[] };

/**
 * Answer when one topic clearly fits; when two or three are close, or the best fits only loosely,
 * ask which one; when nothing fits, say so. The confidence reported is the best topic's fit.
 *
 * @example decide(candidates) // -> { kind: 'clarify', options: ['permit.renewal', 'permit.receipt-validity'], confidence: 0.52, ... }
 */
export function decide(candidates: readonly Candidate[], thresholds: DecisionThresholds = DEFAULT_THRESHOLDS): Decision {
  const list = [...candidates];
  const top = list[0];
  const confidence = top?.fit ?? 0;
  if (!top || top.fit < thresholds.clarifyAt) return { kind: 'fallback', confidence, candidates: list };
  const close = list
    .filter((c) => c.score >= top.score * thresholds.closeRatio && c.fit >= thresholds.clarifyAt)
    .slice(0, thresholds.maxOptions)
    .map((c) => c.topicId);
  if (close.length === 1 && top.fit >= thresholds.answerAt) return { kind: 'answer', topicId: top.topicId, confidence, candidates: list };
  return { kind: 'clarify', options: close, confidence, candidates: list };
}
