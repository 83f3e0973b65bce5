import {
  fineHistoryStart,
  type HistoryResolution,
} from '@slo-kit/plugin-slo-common';

/** One source request range at one bucket size. */
export interface CollectionRange {
  start: number;
  end: number;
  /** Length of the stored buckets. */
  bucketSeconds: number;
}

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
  /**
   * The SLO's history resolution: fine bucket length (divides the coarse one,
   * or equals it for long time slices), coarse bucket length, and how far back
   * fine buckets reach.
   */
  resolution: HistoryResolution;
  backfillDays: number;
  /** How far back the source keeps data, when known. */
  sourceRetentionSeconds?: number;
}

/**
 * Which ranges to fetch this cycle, oldest first. Recent time (the SLO's fine
 * history: its longest window and alert window at least) is fetched in fine
 * buckets; older time, which only occurs on backfill or after a long outage,
 * straight in coarse buckets (what compaction would make of it anyway). No
 * event is fetched twice: a fine bucket is never fetched for time whose events
 * a coarse bucket already holds (the overlap stays inside the fine history).
 * After an outage longer than the fine history the rest of the interrupted
 * coarse bucket is fetched in fine buckets, while its start may already be
 * compacted into that coarse bucket: compaction adds them to it, never
 * replaces it (`compactBuckets`).
 *
 * @internal
 */
export function planCollection(input: PlanCollectionInput): CollectionRange[] {
  const fine = input.resolution.fineSeconds;
  const coarse = input.resolution.coarseSeconds;
  const end = Math.floor(input.now / fine) * fine;
  // Coarse-aligned boundary between coarse buckets and fine buckets.
  const fineStart = fineHistoryStart(end, input.resolution);

  let start: number;
  if (input.collectedUntil === undefined) {
    let backfillStart = end - input.backfillDays * DAY;
    if (input.sourceRetentionSeconds !== undefined) {
      backfillStart = Math.max(
        backfillStart,
        end - input.sourceRetentionSeconds,
      );
    }
    const alignTo = Math.max(coarse, fine);
    start = Math.ceil(backfillStart / alignTo) * alignTo;
  } else {
    start = input.collectedUntil;
    const overlapped = start - OVERLAP_BUCKETS * fine;
    // Only overlap inside the fine range: re-fetching fine buckets into time
    // that is already stored as one coarse bucket would count its events twice.
    if (overlapped >= fineStart) {
      start = overlapped;
    }
  }
  if (start >= end) {
    return [];
  }

  const ranges: CollectionRange[] = [];
  const coarseStart = Math.ceil(start / coarse) * coarse;
  if (fine < coarse && coarseStart < fineStart) {
    if (start < coarseStart) {
      ranges.push({ start, end: coarseStart, bucketSeconds: fine });
    }
    ranges.push({ start: coarseStart, end: fineStart, bucketSeconds: coarse });
    ranges.push({ start: fineStart, end, bucketSeconds: fine });
  } else {
    ranges.push({ start, end, bucketSeconds: fine });
  }
  return ranges.filter(r => r.end > r.start);
}
