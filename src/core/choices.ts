import { foldText } from './text/normalize';
import { sameWord } from './text/editDistance';

/** A button: the value comes back when it is pressed; the title is what the person sees. */
export interface Choice {
  value: string;
  title: string;
}

// Phones send digits in the script of the keyboard: Arabic-Indic, Urdu (Extended Arabic-Indic), Bengali.
const DIGIT_BLOCKS = [0x0660, 0x06f0, 0x09e6];

function westernDigits(text: string): string {
  return text.replace(/[\u0660-\u0669\u06f0-\u06f9\u09e6-\u09ef]/g, (digit) => {
    const code = digit.charCodeAt(0);
    const block = DIGIT_BLOCKS.find((start) => code >= start && code <= start + 9)!;
    return String(code - block);
  });
}

/**
 * Which offered choice a reply picks: the button's own value, its number in the list ("2", "٢"), or its
 * title typed out (with typos). Anything else is not a choice, and the caller treats it as a new message.
 *
 * @example matchChoice('2', [{ value: '#topic:a', title: 'A' }, { value: '#topic:b', title: 'B' }]) // -> B
 */
export function matchChoice(text: string, choices: readonly Choice[]): Choice | undefined {
  const trimmed = westernDigits(text.trim());
  const byValue = choices.find((choice) => choice.value === trimmed);
  if (byValue) return byValue;
  const number = /^(\d{1,2})[.)]?$/.exec(trimmed);
  if (number) return choices[Number(number[1]) - 1];
  const folded = foldText(trimmed).replace(/[^\p{L}\p{N}\p{M}]+/gu, ' ').trim();
  if (!folded) return undefined;
  return choices.find((choice) => {
    const title = foldText(choice.title).replace(/[^\p{L}\p{N}\p{M}]+/gu, ' ').trim();
    return title === folded || (folded.length >= 5 && sameWord(title, folded));
  });
}
