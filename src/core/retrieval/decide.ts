import type { Candidate } from './knowledgeIndex';
import type { Lang } from '../language/languages';
import { OUT_OF_SCOPE } from '../intents';

export interface DecisionThresholds {
  /** A clear winner is answered as sure from this confidence up. */
  answerAt: number;
  /**
   * A clear winner between this and `answerAt` is answered as a best guess: the reply says so and
   * offers the close alternatives and a person.
   */
  guessAt: number;
  /** Below this confidence nothing fits: say so honestly, suggest the main topics and offer a person. */
  clarifyAt: number;
  /** Topics scoring at least this share of the best are "close": then the person picks. */
  closeRatio: number;
  /** At most this many topics are offered in a clarification. */
  maxOptions: number;
}

/** Chosen on the tuned part of the evaluation set (`npm run bench -- understanding`, docs/retrieval.md). */
export const DEFAULT_THRESHOLDS: DecisionThresholds = { answerAt: 0.38, guessAt: 0.31, clarifyAt: 0.25, closeRatio: 0.9, maxOptions: 3 };

/** Per-language thresholds, where a language's figures call for them (none today). */
export const THRESHOLDS_BY_LANGUAGE: Partial<Record<Lang, Partial<DecisionThresholds>>> = {};

export function thresholdsFor(lang: Lang, base: DecisionThresholds = DEFAULT_THRESHOLDS): DecisionThresholds {
  const own = THRESHOLDS_BY_LANGUAGE[lang];
  return own === undefined || base !== DEFAULT_THRESHOLDS ? base : { ...base, ...own };
}

export type Decision =
  | {
      kind: 'answer';
      topicId: string;
      confidence: number;
      /** A best guess: the reply says so and offers `alternatives` and a person. */
      tentative: boolean;
      alternatives: string[];
      candidates: Candidate[];
    }
  | { kind: 'clarify'; options: string[]; confidence: number; candidates: Candidate[] }
  | { kind: 'fallback'; confidence: number; candidates: Candidate[] };

/**
 * Answer when one topic is clearly ahead (as sure, or as a best guess when it fits less well); when two
 * or three are close, ask which one; when nothing fits, or the message is closest to what Ponte does not
 * answer (knowledge/out-of-scope.yaml), say so. The confidence reported is the best topic's.
 *
 * @example decide(candidates) // -> { kind: 'clarify', options: ['permit.renewal', 'permit.receipt-validity'], confidence: 0.52, ... }
 */
export function decide(candidates: readonly Candidate[], thresholds: DecisionThresholds = DEFAULT_THRESHOLDS): Decision {
  const list = [...candidates];
  const top = list[0];
  const confidence = top?.confidence ?? 0;
  if (!top || top.confidence < thresholds.clarifyAt || top.topicId === OUT_OF_SCOPE) return { kind: 'fallback', confidence, candidates: list };
  const isClose = (c: Candidate) => c.confidence >= top.confidence * thresholds.closeRatio && c.confidence >= thresholds.clarifyAt;
  // As close to what Ponte does not answer as to the best topic: too doubtful to answer.
  if (list.some((c) => c.topicId === OUT_OF_SCOPE && isClose(c)) && top.confidence < thresholds.answerAt) return { kind: 'fallback', confidence, candidates: list };
  const topics = list.filter((c) => c.topicId !== OUT_OF_SCOPE);
  const close = topics.filter(isClose).slice(0, thresholds.maxOptions).map((c) => c.topicId);
  if (close.length === 1 && top.confidence >= thresholds.guessAt) {
    const tentative = top.confidence < thresholds.answerAt;
    const alternatives = tentative ? topics.slice(1).filter((c) => c.confidence >= thresholds.clarifyAt).slice(0, thresholds.maxOptions - 1).map((c) => c.topicId) : [];
    return { kind: 'answer', topicId: top.topicId, confidence, tentative, alternatives, candidates: list };
  }
  return { kind: 'clarify', options: close, confidence, candidates: list };
}
