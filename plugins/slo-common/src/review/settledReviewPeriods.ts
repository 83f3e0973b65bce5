import { BucketIndex, type BucketPrefix } from '../math/BucketIndex';
import { longestAlertWindowSeconds } from '../resolution/alertRulesFor';
import type { ReviewPeriodsInput, SloReviewPeriod } from './reviewPeriods';
import {
  alertStatesFromBounds,
  computeReviewPeriods,
  fineBoundsOf,
} from './reviewPeriodsCore';

/** No stored bucket is longer than a day (the store's overlap reads rely on it too). */
const LONGEST_BUCKET_SECONDS = 86400;

/**
 * The finished periods of one SLO's review, kept so that a later review of
 * the same periods recomputes only the last one ({@link resumeReviewPeriods}).
 * They stay right while the buckets that start before `settledUntil` are
 * the ones they were computed from: the caller checks that.
 *
 * @public
 */
export interface SettledReviewPeriods {
  /** Start of the first period reviewed. */
  firstStart: number;
  /** Start of the last period reviewed: every period before it is over. */
  settledUntil: number;
  /** The figures of the periods before `settledUntil`, oldest first. */
  finished: SloReviewPeriod[];
  /** Buckets starting at or after it are read again; those before are summed in `prefix`. */
  resumeFrom: number;
  /** Running sums of the buckets starting before `resumeFrom`. */
  prefix: BucketPrefix;
  /** Earliest start of a fine (storage-length) bucket before `resumeFrom`; Infinity without one. */
  firstFine: number;
  /** Latest end of a coarser bucket before `resumeFrom`; -Infinity without one. */
  lastCoarseEnd: number;
  /** The bucket end from which alert states were known. */
  known: number | null;
  /** The recorded episodes the finished periods were computed with (JSON). */
  recordedBefore: string;
  /** The bucket ends up to `settledUntil` examined before the recorded episodes (JSON). */
  examinedBefore: string;
}

/** The recorded episodes that can reach the finished periods, as a comparable string. */
function recordedBefore(input: ReviewPeriodsInput, until: number): string {
  const { recorded } = input;
  if (!recorded || recorded.until < recorded.from) return 'none';
  return JSON.stringify([
    recorded.from,
    recorded.episodes.filter(e => e.start < until),
  ]);
}

/**
 * `reviewPeriods` (the same figures, computed the same way) with what a
 * later review needs to reuse the finished periods, or `settled: null` when
 * they cannot be reused: an episode runs from a finished period into the
 * last one, a bucket straddles the point from which buckets are read again,
 * episodes computed after the recorded ones reach back into the finished
 * periods, or the last period does not start on a bucket end.
 *
 * @public
 */
export function settleReviewPeriods(input: ReviewPeriodsInput): {
  periods: SloReviewPeriod[];
  settled: SettledReviewPeriods | null;
} {
  const { bucketSeconds: step } = input;
  const longest = longestAlertWindowSeconds(input.definition.window, {
    bucketSeconds: step,
  });
  const bounds = fineBoundsOf(input.buckets, step);
  const index = BucketIndex.from(input.buckets);
  const result = computeReviewPeriods(input, {
    index,
    fineFrom: alertStatesFromBounds(bounds, step, longest),
  });
  const { periods } = result;
  const none = { periods, settled: null };
  if (periods.length < 2) return none;
  const settledUntil = periods[periods.length - 1].start;
  if (settledUntil % step !== 0) return none;
  // Alert states at the last period's bucket ends read windows back to
  // `longest` before it; the buckets before that are summed once.
  const resumeFrom =
    Math.floor((settledUntil - longest - LONGEST_BUCKET_SECONDS) / step) *
    step;
  const earlier = input.buckets.filter(b => b.start < resumeFrom);
  if (earlier.some(b => b.start + b.durationSeconds > resumeFrom)) return none;
  // An episode of the finished periods must be over by the last one's start
  // (then no alert fires at that bucket end, and episodes looked for from
  // there are those the whole review finds).
  if (
    result.episodes.some(
      e => e.start < settledUntil && (e.ongoing || e.end > settledUntil),
    )
  )
    return none;
  if (!laterEpisodesAfter(result, settledUntil, step)) return none;
  const earlierBounds = fineBoundsOf(earlier, step);
  return {
    periods,
    settled: {
      firstStart: periods[0].start,
      settledUntil,
      finished: periods.slice(0, -1),
      resumeFrom,
      prefix: index.prefixBefore(resumeFrom),
      firstFine: earlierBounds.firstFine,
      lastCoarseEnd: earlierBounds.lastCoarseEnd,
      known: result.known,
      recordedBefore: recordedBefore(input, settledUntil),
      examinedBefore: examinedBefore(result, settledUntil),
    },
  };
}

/**
 * Whether two bucket ends from which alert states are known give the
 * finished periods the same figures: the same end, or both after the last
 * period's start (or unknown), so that no finished period has alert states.
 */
function sameForFinished(
  a: number | null,
  b: number | null,
  settledUntil: number,
): boolean {
  const after = (known: number | null) =>
    known === null || known > settledUntil;
  return a === b || (after(a) && after(b));
}

/**
 * Whether the episodes found after the recorded ones all start in the last
 * period (so they change nothing before it), or there are no records.
 */
function laterEpisodesAfter(
  result: ReturnType<typeof computeReviewPeriods>,
  settledUntil: number,
  step: number,
): boolean {
  return (
    result.afterFrom === undefined || result.afterFrom >= settledUntil + step
  );
}

/**
 * The bucket ends up to the last period's start examined before the
 * recorded episodes: the finished periods' episodes found there are the
 * same while these are (no alert fires at the last period's start).
 */
function examinedBefore(
  result: ReturnType<typeof computeReviewPeriods>,
  settledUntil: number,
): string {
  if (!result.beforeRange) return 'none';
  const [first, last] = result.beforeRange;
  const until = Math.min(last, settledUntil);
  return first > until ? 'none' : `${first}-${until}`;
}

/**
 * The review figures of {@link reviewPeriods} for a later `at` in the same
 * last period, from `settled` and the buckets that start at or after
 * `settled.resumeFrom` (earlier ones in `input.buckets` are ignored): equal
 * to what `reviewPeriods` gives for all the buckets, to the bit, provided
 * the buckets starting before `settled.settledUntil` are those `settled` was
 * computed from. Null when the review cannot be resumed (other periods,
 * recorded episodes that changed or no longer cover the finished periods,
 * alert states known from elsewhere): compute it whole then.
 *
 * @public
 */
export function resumeReviewPeriods(
  input: ReviewPeriodsInput,
  settled: SettledReviewPeriods,
): SloReviewPeriod[] | null {
  const { bucketSeconds: step } = input;
  const { settledUntil } = settled;
  if (recordedBefore(input, settledUntil) !== settled.recordedBefore)
    return null;
  const later = input.buckets.filter(b => b.start >= settled.resumeFrom);
  const laterBounds = fineBoundsOf(later, step);
  const fineFrom = alertStatesFromBounds(
    {
      firstFine: Math.min(settled.firstFine, laterBounds.firstFine),
      lastCoarseEnd: Math.max(settled.lastCoarseEnd, laterBounds.lastCoarseEnd),
    },
    step,
    longestAlertWindowSeconds(input.definition.window, { bucketSeconds: step }),
  );
  const result = computeReviewPeriods(input, {
    index: BucketIndex.from(later, settled.prefix),
    fineFrom,
    examineFrom: settledUntil,
  });
  const { periods } = result;
  if (
    periods.length !== settled.finished.length + 1 ||
    periods[0].start !== settled.firstStart ||
    periods[periods.length - 1].start !== settledUntil ||
    !sameForFinished(result.known, settled.known, settledUntil) ||
    !laterEpisodesAfter(result, settledUntil, step) ||
    examinedBefore(result, settledUntil) !== settled.examinedBefore
  )
    return null;
  return [...settled.finished, periods[periods.length - 1]];
}
