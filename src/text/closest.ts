/** Edit distance between two words (insertions, deletions, substitutions), for "did you mean". */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++)
      row[j] = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = row;
  }
  return previous[b.length];
}

/**
 * The candidate closest to `typed`, when it is close enough to be a typo (at most a
 * third of the word changed, and at least one letter kept): a suggestion far from
 * what was typed is noise.
 */
export function closestWord(typed: string, candidates: string[]): string | undefined {
  return closestMatch(typed, candidates)?.word;
}

/** closestWord with its edit distance. */
export function closestMatch(typed: string, candidates: string[]): { word: string; distance: number } | undefined {
  let best: { word: string; distance: number } | undefined;
  for (const word of candidates) {
    const distance = editDistance(typed.toLowerCase(), word.toLowerCase());
    if (!best || distance < best.distance) best = { word, distance };
  }
  if (!best) return undefined;
  return best.distance <= Math.max(1, Math.ceil(typed.length / 3)) ? best : undefined;
}
