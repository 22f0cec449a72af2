/**
 * Splits a long reply into messages under a platform's limit, at a paragraph break if possible, else
 * at a sentence or line end, else at a space: never in the middle of a word or a link.
 *
 * @example splitMessage('First paragraph.\n\nSecond.', 20) // ['First paragraph.', 'Second.']
 */
export function splitMessage(text: string, limit: number): string[] {
  const parts: string[] = [];
  let rest = text.trim();
  while ([...rest].length > limit) {
    const window = [...rest].slice(0, limit).join('');
    const cut = lastBreak(window, '\n\n') ?? lastBreak(window, '\n') ?? lastSentenceEnd(window) ?? lastBreak(window, ' ') ?? window.length;
    parts.push(rest.slice(0, cut).trim());
    rest = rest.slice(cut).trim();
  }
  if (rest) parts.push(rest);
  return parts;
}

function lastBreak(window: string, separator: string): number | undefined {
  const index = window.lastIndexOf(separator);
  return index > window.length / 3 ? index : undefined;
}

function lastSentenceEnd(window: string): number | undefined {
  const matches = [...window.matchAll(/[.!?。؟।](\s|$)/g)];
  const last = matches[matches.length - 1];
  return last && last.index! > window.length / 3 ? last.index! + 1 : undefined;
}
