import type { EventBucket } from '@slo-kit/plugin-slo-common';
import { DAY_SECONDS } from './dayCodec';

/**
 * The UTC midnight (epoch seconds) of the day a bucket starting at `start` is packed in.
 *
 * @internal
 */
export function dayOf(start: number): number {
  return Math.floor(start / DAY_SECONDS) * DAY_SECONDS;
}

/**
 * The order `readBuckets` has always returned: oldest first, longer first on
 * equal starts (a coarse bucket before fine ones it may share a start with).
 *
 * @internal
 */
export function sortBuckets(buckets: EventBucket[]): EventBucket[] {
  return buckets.sort(
    (a, b) => a.start - b.start || b.durationSeconds - a.durationSeconds,
  );
}

/**
 * `older` with `newer` laid over it: a bucket of `newer` replaces the one of
 * `older` with the same start and duration, as an upsert of one table would.
 * Sorted as {@link sortBuckets}.
 *
 * @internal
 */
export function overlay(
  older: EventBucket[],
  newer: EventBucket[],
): EventBucket[] {
  if (older.length === 0) return sortBuckets([...newer]);
  if (newer.length === 0) return sortBuckets([...older]);
  const byKey = new Map<string, EventBucket>();
  for (const bucket of older) {
    byKey.set(`${bucket.start}/${bucket.durationSeconds}`, bucket);
  }
  for (const bucket of newer) {
    byKey.set(`${bucket.start}/${bucket.durationSeconds}`, bucket);
  }
  return sortBuckets([...byKey.values()]);
}

/**
 * Merges buckets shorter than `intoSeconds` that start before `cutoff` into
 * buckets of `intoSeconds` (their sums), as `SloStore.compact` does with
 * rows: a merged bucket replaces a stored one of the same start and length.
 * Returns the new list and how many buckets were merged away.
 *
 * @internal
 */
export function compactBuckets(
  buckets: EventBucket[],
  intoSeconds: number,
  cutoff: number,
): { buckets: EventBucket[]; merged: number } {
  const kept: EventBucket[] = [];
  const sums = new Map<number, EventBucket>();
  let merged = 0;
  for (const bucket of buckets) {
    if (bucket.durationSeconds >= intoSeconds || bucket.start >= cutoff) {
      kept.push(bucket);
      continue;
    }
    merged += 1;
    const start = bucket.start - (bucket.start % intoSeconds);
    const sum = sums.get(start);
    if (sum) {
      sum.good += bucket.good;
      sum.total += bucket.total;
    } else {
      sums.set(start, {
        start,
        durationSeconds: intoSeconds,
        good: bucket.good,
        total: bucket.total,
      });
    }
  }
  return { buckets: overlay(kept, [...sums.values()]), merged };
}
