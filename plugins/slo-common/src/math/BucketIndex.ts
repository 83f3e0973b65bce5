import type { EventBucket } from '../model/EventBucket';
import { BucketSums, sanitizeBucket } from './sumBuckets';

/**
 * Running sums of buckets before some point, in the order an index adds them.
 *
 * @public
 */
export interface BucketPrefix {
  /** Good events of those buckets. */
  good: number;
  /** All events of those buckets. */
  total: number;
  /** Seconds those buckets cover. */
  seconds: number;
}

/**
 * Buckets sorted by start with prefix sums, so that the sum over any range
 * costs two binary searches instead of a pass over every bucket. Evaluating
 * many windows (burn rates, series points, periods) over one SLO's buckets
 * uses one index.
 *
 * Buckets must not overlap (the store guarantees it). When two buckets start
 * at the same time the later one in the input wins, like an upsert.
 *
 * @public
 */
export class BucketIndex {
  /** Sorted starts and ends; ends are sorted too because buckets do not overlap. */
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  /** prefix[i] = sum over the first i buckets. */
  private readonly prefixGood: number[] = [0];
  private readonly prefixTotal: number[] = [0];
  private readonly prefixSeconds: number[] = [0];
  /** The shortest bucket duration, or undefined without buckets. */
  readonly minDurationSeconds: number | undefined;

  /**
   * Builds an index from buckets in any order. With `prefix`, the running
   * sums start from it instead of zero: the buckets are the later part of a
   * longer series whose earlier part summed to `prefix` (see
   * {@link BucketIndex.prefixBefore}); ranges inside the later part sum as
   * the whole series' index would.
   */
  static from(
    buckets: readonly EventBucket[] | BucketIndex,
    prefix?: BucketPrefix,
  ): BucketIndex {
    return buckets instanceof BucketIndex
      ? buckets
      : new BucketIndex(buckets, prefix);
  }

  private constructor(buckets: readonly EventBucket[], prefix?: BucketPrefix) {
    if (prefix) {
      this.prefixGood[0] = prefix.good;
      this.prefixTotal[0] = prefix.total;
      this.prefixSeconds[0] = prefix.seconds;
    }
    const byStart = new Map<number, EventBucket>();
    for (const raw of buckets) {
      const bucket = sanitizeBucket(raw);
      if (bucket) byStart.set(bucket.start, bucket);
    }
    const sorted = [...byStart.values()].sort((a, b) => a.start - b.start);
    let minDuration: number | undefined;
    for (const bucket of sorted) {
      const index = this.starts.length;
      this.starts.push(bucket.start);
      this.ends.push(bucket.start + bucket.durationSeconds);
      this.prefixGood.push(this.prefixGood[index] + bucket.good);
      this.prefixTotal.push(this.prefixTotal[index] + bucket.total);
      this.prefixSeconds.push(this.prefixSeconds[index] + bucket.durationSeconds);
      minDuration = Math.min(minDuration ?? Infinity, bucket.durationSeconds);
    }
    this.minDurationSeconds = minDuration;
  }

  /** Number of buckets held. */
  get size(): number {
    return this.starts.length;
  }

  /**
   * The longest bucket among those that overlap `[start, end)`, or undefined
   * when none does: the resolution a figure over that range can be exact at.
   */
  coarsestDurationIn(start: number, end: number): number | undefined {
    // Buckets before `from` end at or before `start`; from `to` on they start at or after `end`.
    const from = upperBound(this.ends, start);
    const to = lowerBound(this.starts, end);
    let coarsest: number | undefined;
    for (let i = from; i < to; i++) {
      const duration = this.ends[i] - this.starts[i];
      if (coarsest === undefined || duration > coarsest) coarsest = duration;
    }
    return coarsest;
  }

  /**
   * `t`, or the start of the stored bucket that `t` falls inside: the latest
   * time at or before `t` that no bucket straddles.
   */
  boundaryAtOrBefore(t: number): number {
    // The first bucket that ends after `t` is the only one that can contain it.
    const i = upperBound(this.ends, t);
    return i < this.starts.length && this.starts[i] < t ? this.starts[i] : t;
  }

  /** Start of the first bucket, or undefined when empty. */
  get firstStart(): number | undefined {
    return this.starts[0];
  }

  /**
   * The running sums of the buckets that start before `t`, exactly as this
   * index accumulated them: an index of the later buckets built with them
   * ({@link BucketIndex.from}) sums any range of those buckets to the same
   * bits as this one.
   */
  prefixBefore(t: number): BucketPrefix {
    const i = lowerBound(this.starts, t);
    return {
      good: this.prefixGood[i],
      total: this.prefixTotal[i],
      seconds: this.prefixSeconds[i],
    };
  }

  /** Sums over the buckets that lie fully inside `[start, end)`, like {@link sumBuckets}. */
  sum(start: number, end: number): BucketSums {
    // First bucket starting at or after `start`; buckets before it end after it
    // begins, or start before it: either way not fully inside.
    const from = lowerBound(this.starts, start);
    // Number of buckets ending at or before `end`.
    const to = upperBound(this.ends, end);
    if (to <= from) return { good: 0, total: 0, coveredSeconds: 0, buckets: 0 };
    return {
      good: this.prefixGood[to] - this.prefixGood[from],
      total: this.prefixTotal[to] - this.prefixTotal[from],
      coveredSeconds: this.prefixSeconds[to] - this.prefixSeconds[from],
      buckets: to - from,
    };
  }
}

/** Index of the first element `>= value`. */
function lowerBound(sorted: number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle] < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Index of the first element `> value`. */
function upperBound(sorted: number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle] <= value) low = middle + 1;
    else high = middle;
  }
  return low;
}
