import type { EventBucket } from '@slo-kit/plugin-slo-common';

/**
 * One non-null point of one series, time in epoch seconds.
 *
 * @internal
 */
export interface Point {
  time: number;
  value: number;
}

/**
 * Sums the values of points that share a time (the series of a `by {...}`
 * query, or one group's series).
 *
 * @internal
 */
export function sumByTime(points: Point[]): Map<number, number> {
  const sums = new Map<number, number>();
  for (const { time, value } of points) {
    sums.set(time, (sums.get(time) ?? 0) + value);
  }
  return sums;
}

/**
 * Good/total buckets from event counts; a bucket exists where `total` has a
 * point. The single and the batched reads both end here, so an SLO's buckets
 * do not depend on how its points were asked for.
 *
 * @internal
 */
export function countBuckets(
  total: Map<number, number>,
  side: Map<number, number>,
  sideIsGood: boolean,
  bucketSeconds: number,
): EventBucket[] {
  const buckets: EventBucket[] = [];
  for (const time of [...total.keys()].sort((a, b) => a - b)) {
    const count = Math.max(0, total.get(time)!);
    // No good/bad point where total has one means no such events in that bucket.
    const sideCount = side.get(time) ?? 0;
    const good = sideIsGood ? sideCount : count - sideCount;
    buckets.push({
      start: time,
      durationSeconds: bucketSeconds,
      good: Math.min(count, Math.max(0, good)),
      total: count,
    });
  }
  return buckets;
}

/**
 * Buckets of judged events (samples or slices): good ones over all of them.
 *
 * @internal
 */
export function judgedBuckets(
  events: Array<{ bucket: number; good: boolean }>,
  bucketSeconds: number,
): EventBucket[] {
  const byBucket = new Map<number, EventBucket>();
  for (const { bucket, good } of events) {
    let entry = byBucket.get(bucket);
    if (!entry) {
      entry = {
        start: bucket,
        durationSeconds: bucketSeconds,
        good: 0,
        total: 0,
      };
      byBucket.set(bucket, entry);
    }
    entry.total += 1;
    if (good) entry.good += 1;
  }
  return [...byBucket.values()].sort((a, b) => a.start - b.start);
}
