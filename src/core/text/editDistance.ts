// Three rows of the distance table, reused by every call: word comparisons run by the hundred thousand
// when the knowledge is indexed, and fresh arrays for each made it slow and garbage-heavy.
let twoBack = new Int32Array(64);
let oneBack = new Int32Array(64);
let current = new Int32Array(64);

/**
 * Optimal-string-alignment distance (Levenshtein plus swapped neighbours), stopping early once it
 * exceeds `max`: typos in short messages are one or two keys, so anything further is "different".
 */
export function editDistance(a: string, b: string, max: number): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (b.length + 1 > current.length) {
    const size = 2 * (b.length + 1);
    [twoBack, oneBack, current] = [new Int32Array(size), new Int32Array(size), new Int32Array(size)];
  }
  for (let j = 0; j <= b.length; j++) oneBack[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let value = Math.min(oneBack[j] + 1, current[j - 1] + 1, oneBack[j - 1] + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) value = Math.min(value, twoBack[j - 2] + 1);
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return max + 1;
    [twoBack, oneBack, current] = [oneBack, current, twoBack];
  }
  return oneBack[b.length];
}

/** How many typos a word of this length may carry and still count as the same word. */
export function typoAllowance(word: string): number {
  const length = word.length; // UTF-16 units: the same as letters for every script we fold
  if (length >= 9) return 2;
  if (length >= 5) return 1;
  return 0;
}

/** True when two folded words are the same word up to the typos their length allows. */
export function sameWord(a: string, b: string): boolean {
  const allowance = Math.min(typoAllowance(a), typoAllowance(b));
  return a === b || (allowance > 0 && editDistance(a, b, allowance) <= allowance);
}
