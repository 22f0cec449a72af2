import type { Candidate } from './knowledgeIndex';

export interface DecisionThresholds {
  /** Answer straight away at or above this confidence. */
  answerAt: number;
  /** Below this coverage nothing fits: say so honestly. */
  clarifyAt: number;
  /** Topics scoring at least this share of the best are "close" and offered as choices. */
  closeRatio: number;
  /** At most this many topics are offered in a clarification. */
  maxOptions: number;
}

/** Tuned on the evaluation set (test/eval); the figures behind them are in docs/retrieval.md. */
export const DEFAULT_THRESHOLDS: DecisionThresholds = { answerAt: 0.4, clarifyAt: 0.34, closeRatio: 0.8, maxOptions: 3 };

export type Decision =
  | { kind: 'answer'; topicId: string; confidence: number; candidates: Candidate[] }
  | { kind: 'clarify'; options: string[]; confidence: number; candidates: Candidate[] }
  | { kind: 'fallback'; confidence: number; candidates: Candidate[] };

/**
 * Confidence of the best topic: how much of the question it explains, discounted when the runner-up
 * is just as good (then the right move is to ask, not to guess).
 */
export function confidenceOf(candidates: readonly Candidate[]): number {
  const [top, second] = candidates;
  if (!top) return 0;
  const rivalry = second ? second.score / top.score : 0;
  return Number((top.coverage * Math.sqrt(1 - rivalry)).toFixed(3));
}

/**
 * Answer when confident; when two or three topics are close, ask which one; when nothing fits, say so.
 *
 * @example decide(candidates, DEFAULT_THRESHOLDS) // -> { kind: 'clarify', options: ['permit.renewal', 'permit.receipt-validity'], ... }
 */
export function decide(candidates: readonly Candidate[], thresholds: DecisionThresholds = DEFAULT_THRESHOLDS): Decision {
  const list = [...candidates];
  const confidence = confidenceOf(list);
  const top = list[0];
  if (!top || top.coverage < thresholds.clarifyAt) return { kind: 'fallback', confidence, candidates: list };
  if (confidence >= thresholds.answerAt) return { kind: 'answer', topicId: top.topicId, confidence, candidates: list };
  const close = list
    .filter((c) => c.score >= top.score * thresholds.closeRatio && c.coverage >= thresholds.clarifyAt)
    .slice(0, thresholds.maxOptions)
    .map((c) => c.topicId);
  return { kind: 'clarify', options: close, confidence, candidates: list };
}
