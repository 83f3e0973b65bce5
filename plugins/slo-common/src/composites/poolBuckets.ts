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
  const byStart = new Map<number, EventBucket & { sloId: string }>();
  let gridMismatch: string | null = null;
  for (const member of members) {
    for (const bucket of member.buckets) {
      const pooled = byStart.get(bucket.start);
      if (!pooled) {
        byStart.set(bucket.start, { ...bucket, sloId: member.sloId });
        continue;
      }
      if (pooled.durationSeconds !== bucket.durationSeconds && gridMismatch === null) {
        gridMismatch = `Members' buckets disagree: at ${new Date(bucket.start * 1000).toISOString()} ${pooled.sloId} has a bucket of ${pooled.durationSeconds} s and ${member.sloId} one of ${bucket.durationSeconds} s (collected or compacted at different resolutions).`;
        pooled.durationSeconds = Math.max(pooled.durationSeconds, bucket.durationSeconds);
      }
      pooled.good += bucket.good;
      pooled.total += bucket.total;
    }
  }
  const buckets = [...byStart.values()]
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
