import { sameWord } from './editDistance';

/**
 * Where a phrase (already split into words) stands in a message's words, each word forgiven the typos
 * its length allows; -1 when it is not there. Commands, routing words and the like all match this way.
 *
 * @example findPhrase(['dove', 'trovo', 'lo', 'sportelo'], ['lo', 'sportello']) // 2
 */
export function findPhrase(tokens: readonly string[], words: readonly string[]): number {
  if (words.length === 0) return -1;
  for (let start = 0; start + words.length <= tokens.length; start++) {
    if (words.every((word, i) => sameWord(word, tokens[start + i]))) return start;
  }
  return -1;
}

/** True when the whole message is the phrase ("aiuto", "grazie mille"), typos forgiven. */
export function isWholePhrase(tokens: readonly string[], words: readonly string[]): boolean {
  return tokens.length === words.length && findPhrase(tokens, words) === 0;
}
