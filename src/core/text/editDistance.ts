/**
 * Optimal-string-alignment distance (Levenshtein plus swapped neighbours), stopping early once it
 * exceeds `max`: typos in short messages are one or two keys, so anything further is "different".
 */
export function editDistance(a: string, b: string, max: number): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) rows.push([i]);
  for (let j = 1; j <= b.length; j++) rows[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    let rowMin = Infinity;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, rows[i - 2][j - 2] + 1);
      rows[i][j] = value;
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > max) return max + 1;
  }
  return rows[a.length][b.length];
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
