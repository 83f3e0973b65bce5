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
 * buckets of `intoSeconds` (their sums, in start order), as `SloStore.compact`
 * does with rows. A coarse bucket already stored at a merged start holds the
 * events of fine buckets merged earlier (fine buckets are never fetched for
 * time a coarse bucket holds, see `planCollection`): the sum starts from it,
 * so a coarse bucket is only ever replaced by the sum of all the counts it
 * covers. Returns the new list and how many buckets were merged away.
 *
 * @internal
 */
export function compactBuckets(
  buckets: EventBucket[],
  intoSeconds: number,
  cutoff: number,
): { buckets: EventBucket[]; merged: number } {
  const kept: EventBucket[] = [];
  const fine: EventBucket[] = [];
  const coarse = new Map<number, EventBucket>();
  for (const bucket of buckets) {
    if (bucket.durationSeconds >= intoSeconds || bucket.start >= cutoff) {
      kept.push(bucket);
      if (bucket.durationSeconds === intoSeconds) {
        coarse.set(bucket.start, bucket);
      }
    } else {
      fine.push(bucket);
    }
  }
  const sums = new Map<number, EventBucket>();
  for (const bucket of sortBuckets(fine)) {
    const start = bucket.start - (bucket.start % intoSeconds);
    let sum = sums.get(start);
    if (!sum) {
      const stored = coarse.get(start);
      sum = {
        start,
        durationSeconds: intoSeconds,
        good: stored?.good ?? 0,
        total: stored?.total ?? 0,
      };
      sums.set(start, sum);
      if (!stored) {
        // Not 0 + x: the first count is kept as it is (-0 stays -0).
        sum.good = bucket.good;
        sum.total = bucket.total;
        continue;
      }
    }
    sum.good += bucket.good;
    sum.total += bucket.total;
  }
  return { buckets: overlay(kept, [...sums.values()]), merged: fine.length };
}
