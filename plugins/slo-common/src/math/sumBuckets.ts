import type { EventBucket } from '../model/EventBucket';

/**
 * Event sums over a time range.
 *
 * @public
 */
export interface BucketSums {
  good: number;
  total: number;
  /** Seconds of the range covered by stored buckets. */
  coveredSeconds: number;
  /** Number of buckets summed. */
  buckets: number;
}

/** No real source counts a quadrillion events in one bucket. */
const MAX_EVENTS_PER_BUCKET = 1e15;

/**
 * A bucket's counts made safe for arithmetic: undefined for a bucket that
 * cannot be trusted at all (non-finite, negative or absurdly large numbers,
 * bad duration);
 * otherwise `good` clamped into `[0, total]` so attainment stays in [0, 1].
 *
 * @public
 */
export function sanitizeBucket(bucket: EventBucket): EventBucket | undefined {
  const { start, durationSeconds, good, total } = bucket;
  if (
    // Beyond this, sums of many buckets could overflow to Infinity.
    total > MAX_EVENTS_PER_BUCKET ||
    !Number.isFinite(start) ||
    !Number.isFinite(durationSeconds) ||
    durationSeconds <= 0 ||
    !Number.isFinite(good) ||
    !Number.isFinite(total) ||
    total < 0 ||
    good < 0
  ) {
    return undefined;
  }
  return { start, durationSeconds, good: Math.min(good, total), total };
}

/**
 * Sums good and total events of the buckets that lie fully inside
 * `[start, end)`. Buckets may have mixed durations (e.g. 5-minute recent
 * buckets and 1-hour older ones) and come in any order; they must not overlap.
 * A bucket that straddles an edge is left out (its events cannot be split), so
 * `coveredSeconds` tells how much of the range the sums stand for. Buckets
 * with non-finite or negative counts are ignored; good is capped at total.
 *
 * @public
 */
export function sumBuckets(
  buckets: readonly EventBucket[],
  start: number,
  end: number,
): BucketSums {
  const sums: BucketSums = { good: 0, total: 0, coveredSeconds: 0, buckets: 0 };
  for (const raw of buckets) {
    const bucket = sanitizeBucket(raw);
    if (!bucket) continue;
    if (bucket.start >= start && bucket.start + bucket.durationSeconds <= end) {
      sums.good += bucket.good;
      sums.total += bucket.total;
      sums.coveredSeconds += bucket.durationSeconds;
      sums.buckets += 1;
    }
  }
  return sums;
}
