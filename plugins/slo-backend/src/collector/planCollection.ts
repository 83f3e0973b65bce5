/** One source request range at one bucket size. */
export interface CollectionRange {
  start: number;
  end: number;
  /** Length of the stored buckets. */
  bucketSeconds: number;
}

const HOUR = 3600;
const DAY = 86400;

/** Re-fetched each cycle: a bucket collected just after it closed may miss late samples. */
export const OVERLAP_BUCKETS = 2;

/**
 * Input of {@link planCollection}. All times are epoch seconds.
 *
 * @internal
 */
export interface PlanCollectionInput {
  now: number;
  /** End (exclusive) of what is stored; undefined on first sight. */
  collectedUntil?: number;
  /** Fine bucket length; divides an hour, or is a whole number of hours (long time slices). */
  bucketSeconds: number;
  backfillDays: number;
  fineRetentionDays: number;
  /** How far back the source keeps data, when known. */
  sourceRetentionSeconds?: number;
}

/**
 * Which ranges to fetch this cycle, oldest first. Recent time (younger than
 * `fineRetentionDays`) is fetched in fine buckets; older time, which only
 * occurs on backfill or after a long outage, straight in one-hour buckets
 * (what compaction would make of it anyway). A fine bucket never shares an
 * hour with an hour bucket, so no event is stored twice.
 *
 * @internal
 */
export function planCollection(input: PlanCollectionInput): CollectionRange[] {
  const fine = input.bucketSeconds;
  const end = Math.floor(input.now / fine) * fine;
  // Hour-aligned boundary between hour buckets and fine buckets.
  const fineStart =
    Math.floor((end - input.fineRetentionDays * DAY) / HOUR) * HOUR;

  let start: number;
  if (input.collectedUntil === undefined) {
    let backfillStart = end - input.backfillDays * DAY;
    if (input.sourceRetentionSeconds !== undefined) {
      backfillStart = Math.max(
        backfillStart,
        end - input.sourceRetentionSeconds,
      );
    }
    const alignTo = Math.max(HOUR, fine);
    start = Math.ceil(backfillStart / alignTo) * alignTo;
  } else {
    start = input.collectedUntil;
    const overlapped = start - OVERLAP_BUCKETS * fine;
    // Only overlap inside the fine range: re-fetching fine buckets into an hour
    // that is already stored as one hour bucket would count those events twice.
    if (overlapped >= fineStart) {
      start = overlapped;
    }
  }
  if (start >= end) {
    return [];
  }

  const ranges: CollectionRange[] = [];
  const coarseStart = Math.ceil(start / HOUR) * HOUR;
  if (fine < HOUR && coarseStart < fineStart) {
    if (start < coarseStart) {
      ranges.push({ start, end: coarseStart, bucketSeconds: fine });
    }
    ranges.push({ start: coarseStart, end: fineStart, bucketSeconds: HOUR });
    ranges.push({ start: fineStart, end, bucketSeconds: fine });
  } else {
    ranges.push({ start, end, bucketSeconds: fine });
  }
  return ranges.filter(r => r.end > r.start);
}
