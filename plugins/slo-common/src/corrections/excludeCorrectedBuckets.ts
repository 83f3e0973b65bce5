import type { EventBucket } from '../model/EventBucket';
import { correctionOccurrences } from './correctionOccurrences';
import type { CorrectionOccurrence, SloCorrection } from './SloCorrection';

/**
 * The occurrences of several corrections over `[from, to)`, merged where they
 * overlap or touch, oldest first. Not capped: an unbounded daily rule has
 * one occurrence per day of the range, and figures read at most the retention.
 *
 * @public
 */
export function mergedOccurrences(
  corrections: readonly SloCorrection[],
  range: { from: number; to: number },
): CorrectionOccurrence[] {
  const all = corrections.flatMap(c => correctionOccurrences(c, range, Infinity)).sort((a, b) => a.start - b.start);
  const merged: CorrectionOccurrence[] = [];
  for (const occurrence of all) {
    const last = merged[merged.length - 1];
    if (last && occurrence.start <= last.end) last.end = Math.max(last.end, occurrence.end);
    else merged.push({ ...occurrence });
  }
  return merged;
}

/**
 * Whether `[start, end)` overlaps any of the merged, sorted `occurrences`.
 * Binary search: a year of 5-minute buckets against a daily rule stays cheap.
 */
function overlapsAny(occurrences: readonly CorrectionOccurrence[], start: number, end: number): boolean {
  let low = 0;
  let high = occurrences.length;
  // First occurrence that ends after the bucket starts.
  while (low < high) {
    const middle = (low + high) >> 1;
    if (occurrences[middle].end <= start) low = middle + 1;
    else high = middle;
  }
  return low < occurrences.length && occurrences[low].start < end;
}

/**
 * The buckets with every bucket that overlaps an occurrence of a correction
 * emptied: its good and total both become 0, so its events leave every sum
 * alike (attainment, budget, burn rates, alert states, history, review,
 * composites) and the bucket still says the range was collected.
 *
 * The rule for partial overlap: a bucket is excluded when any part of it
 * overlaps an occurrence, so a correction is widened to the bucket
 * boundaries around it and never counts part of a bucket. This is exact when
 * a correction starts and ends on bucket boundaries (5-minute buckets: on
 * :00, :05 …; compacted history: on its coarser boundaries); otherwise the
 * excluded time is the smallest run of whole buckets covering it.
 * Buckets are returned in the order given; the input is not changed.
 *
 * @public
 */
export function excludeCorrectedBuckets(
  buckets: readonly EventBucket[],
  corrections: readonly SloCorrection[] | undefined,
): EventBucket[] {
  if (!corrections || corrections.length === 0 || buckets.length === 0) return [...buckets];
  let from = Infinity;
  let to = -Infinity;
  for (const bucket of buckets) {
    from = Math.min(from, bucket.start);
    to = Math.max(to, bucket.start + bucket.durationSeconds);
  }
  const occurrences = mergedOccurrences(corrections, { from, to });
  if (occurrences.length === 0) return [...buckets];
  return buckets.map(bucket =>
    overlapsAny(occurrences, bucket.start, bucket.start + bucket.durationSeconds)
      ? { ...bucket, good: 0, total: 0 }
      : bucket,
  );
}
