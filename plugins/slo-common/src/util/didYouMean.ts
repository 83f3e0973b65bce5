/**
 * Edit distance between two strings (insertions, deletions, substitutions).
 *
 * @public
 */
export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(
        previous[j] + 1,
        current[j - 1] + 1,
        previous[j - 1] + cost,
      );
    }
    previous = current;
  }
  return previous[b.length];
}

/**
 * The candidate closest to `input`, when it is close enough to be a likely
 * typo: at most 2 edits, or a third of the longer word's length, whichever is
 * larger; compared case-insensitively and ignoring `-` and `_`, so
 * `minimum_events` suggests `minimumEvents`. An abbreviation that shares its
 * first five letters with exactly one candidate suggests it too
 * (`params` → `parameters`).
 *
 * @public
 */
export function didYouMean(
  input: string,
  candidates: readonly string[],
): string | undefined {
  const normalise = (text: string) => text.toLowerCase().replace(/[-_]/g, '');
  const wanted = normalise(input);
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = levenshtein(wanted, normalise(candidate));
    if (!best || distance < best.distance) best = { candidate, distance };
  }
  if (!best) return undefined;
  const allowed = Math.max(2, Math.floor(Math.max(input.length, best.candidate.length) / 3));
  if (best.distance <= allowed) return best.candidate;
  // Abbreviations ("params" for "parameters") are far in edits but close in intent.
  if (wanted.length >= 5) {
    const stem = wanted.slice(0, 5);
    const matches = candidates.filter(candidate => normalise(candidate).startsWith(stem));
    if (matches.length === 1) return matches[0];
  }
  return undefined;
}
