import type { EventBucket } from '../model/EventBucket';

/**
 * The pooled buckets of a composite and whether its members' grids agreed.
 *
 * @public
 */
export interface PooledBuckets {
  /** One bucket per distinct start, oldest first: the members' good and total summed. */
  buckets: EventBucket[];
  /**
   * Null when every member's buckets lie on one grid. Otherwise what
   * disagrees: buckets of one start with different lengths, or buckets that
   * overlap. Sums over windows whose bounds fall between buckets stay exact;
   * others are not, so the caller says so.
   */
  gridMismatch: string | null;
}

/**
 * Pools members' buckets one member at a time, so a caller can read a large
 * composite's members in turn and keep only the pooled buckets, never every
 * member's at once. Members added in the same order give the same sums, to
 * the last bit, as {@link poolBuckets} (which is this pool, filled at once).
 *
 * @public
 */
export class BucketPool {
  private readonly byStart = new Map<number, EventBucket & { sloId: string }>();
  private mismatch: string | null = null;

  /** Adds one member's buckets: those of a start already pooled are summed into it. */
  add(sloId: string, buckets: readonly EventBucket[]): void {
    for (const bucket of buckets) {
      const pooled = this.byStart.get(bucket.start);
      if (!pooled) {
        this.byStart.set(bucket.start, { ...bucket, sloId });
        continue;
      }
      if (pooled.durationSeconds !== bucket.durationSeconds && this.mismatch === null) {
        this.mismatch = `Members' buckets disagree: at ${new Date(bucket.start * 1000).toISOString()} ${pooled.sloId} has a bucket of ${pooled.durationSeconds} s and ${sloId} one of ${bucket.durationSeconds} s (collected or compacted at different resolutions).`;
        pooled.durationSeconds = Math.max(pooled.durationSeconds, bucket.durationSeconds);
      }
      pooled.good += bucket.good;
      pooled.total += bucket.total;
    }
  }

  /** The pooled buckets so far, oldest first, and whether the members' grids agreed. */
  result(): PooledBuckets {
    let gridMismatch = this.mismatch;
    const buckets = [...this.byStart.values()]
      .sort((a, b) => a.start - b.start)
      .map(({ start, durationSeconds, good, total }) => ({ start, durationSeconds, good, total }));
    for (let i = 1; i < buckets.length && gridMismatch === null; i++) {
      const previous = buckets[i - 1];
      if (buckets[i].start < previous.start + previous.durationSeconds) {
        gridMismatch = `Members' buckets disagree: a bucket of ${previous.durationSeconds} s from ${new Date(previous.start * 1000).toISOString()} overlaps one starting at ${new Date(buckets[i].start * 1000).toISOString()} (collected or compacted at different resolutions).`;
      }
    }
    return { buckets, gridMismatch };
  }
}

/**
 * Pools members' buckets for an `events` composite: the buckets of equal
 * start (and length) are summed, good with good and total with total, so the
 * composite's attainment over any window is `Σ good / Σ total` of all its
 * members' events, exactly. Members collected at the same resolution share
 * one grid; when they do not, the mismatch is reported, never hidden.
 *
 * @public
 */
export function poolBuckets(
  members: ReadonlyArray<{ sloId: string; buckets: readonly EventBucket[] }>,
): PooledBuckets {
  const pool = new BucketPool();
  for (const member of members) pool.add(member.sloId, member.buckets);
  return pool.result();
}
