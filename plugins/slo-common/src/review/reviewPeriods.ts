import type { SloPeriod } from '../api/types';
import { BucketIndex } from '../math/BucketIndex';
import type { EventBucket } from '../model/EventBucket';
import type { SloDefinition, SloObjective } from '../model/SloDefinition';
import { longestAlertWindowSeconds } from '../resolution/alertRulesFor';
import type { BurnEpisode } from './burnEpisodes';
import {
  alertStatesFromBounds,
  computeReviewPeriods,
  fineBoundsOf,
} from './reviewPeriodsCore';

/**
 * A review period: calendar week, month or quarter.
 *
 * @public
 */
export type ReviewPeriodUnit = 'week' | 'month' | 'quarter';

/**
 * One SLO in one calendar period, with everything a reliability review shows.
 *
 * @public
 */
export interface SloReviewPeriod extends SloPeriod {
  /** The zone the period's boundaries are local midnights of. */
  timeZone: string;
  /**
   * Share of the period's error budget spent: bad events over the events of
   * the period (so far) × (1 − objective), as the status's budget. Above 1
   * when overspent; null without events.
   */
  budgetSpent: number | null;
  /**
   * True when the period's start and end (or `at`, for the current one) are
   * bucket boundaries: its counts are exactly the events of the period.
   */
  exact: boolean;
  /** Why the figures are approximate; absent when `exact`. */
  approximateReason?: string;
  /**
   * Minutes of the period with a page alert firing (one storage bucket per
   * bucket end at which a page rule fired); null where alert states cannot be
   * known (see `episodesFrom`).
   */
  pageMinutes: number | null;
  /** Budget-burn episodes that started in the period, oldest first. */
  episodes: SloReviewEpisode[];
  /**
   * From when in the period alert states are known, epoch seconds: episodes
   * and page minutes need fine buckets over the alert windows, and history
   * older than the fine history is stored in coarse buckets. Equal to
   * `start` when the whole period is covered; null when none of it is.
   */
  episodesFrom: number | null;
}

/**
 * A budget-burn episode as a review shows it.
 *
 * @public
 */
export interface SloReviewEpisode
  extends Omit<BurnEpisode, 'badEvents' | 'pageRuns'> {
  /** Bad events of the episode over the allowed bad events of the period it started in. */
  budgetSpent: number | null;
}

/**
 * Input of {@link reviewPeriods}.
 *
 * @public
 */
export interface ReviewPeriodsInput {
  definition: SloDefinition;
  /** Stored buckets from the first period's start less the longest alert window, up to `at`. */
  buckets: readonly EventBucket[];
  /** Evaluation time (a bucket end), epoch seconds. */
  at: number;
  period: ReviewPeriodUnit;
  /** Periods, the current one included. */
  count: number;
  /** Zone of the periods of rolling-window SLOs; calendar windows keep their own. Default UTC. */
  timeZone?: string;
  /** The SLO's fine (storage) bucket length: the alert evaluation step. */
  bucketSeconds: number;
  /** `slo.minimumEvents`, used when the SLO sets none. */
  minimumEvents?: number;
  objective?: SloObjective | string;
  /**
   * Episodes recorded when they happened (by the collector, from the fine
   * buckets of the time), for the objective reviewed: used for every bucket
   * end they cover, so episodes and page minutes stay known after the fine
   * buckets are compacted. Bucket ends after them are computed from the
   * stored buckets.
   */
  recorded?: RecordedEpisodes;
}

/**
 * Budget-burn episodes recorded over a stretch of bucket ends.
 *
 * @public
 */
export interface RecordedEpisodes {
  /** First bucket end whose alert states were recorded, epoch seconds. */
  from: number;
  /** Last bucket end whose alert states were recorded (included). */
  until: number;
  /** The episodes among them (an `ongoing` one was still firing at `until`), oldest first. */
  episodes: readonly BurnEpisode[];
}

/**
 * Where alert states can be known from the stored buckets: the end of the last bucket longer
 * than the fine length, plus the longest alert window (every window of an
 * evaluation must be read from fine buckets), on the step grid; null
 * without fine buckets.
 *
 * @public
 */
export function alertStatesFrom(
  buckets: readonly EventBucket[],
  fineSeconds: number,
  longestWindow: number,
): number | null {
  return alertStatesFromBounds(
    fineBoundsOf(buckets, fineSeconds),
    fineSeconds,
    longestWindow,
  );
}

/**
 * The review figures of one SLO over `count` calendar periods, oldest first,
 * the current one last: each period's counts, attainment and verdict come
 * from {@link periodHistory} (one definition of every figure), with the share
 * of the period's budget spent, the minutes paging and the budget-burn
 * episodes that started in it ({@link burnEpisodes}, from fine buckets only),
 * and whether its counts are exact.
 *
 * @public
 */
export function reviewPeriods(input: ReviewPeriodsInput): SloReviewPeriod[] {
  const index = BucketIndex.from(input.buckets);
  const fineFrom = alertStatesFrom(
    input.buckets,
    input.bucketSeconds,
    longestAlertWindowSeconds(input.definition.window, {
      bucketSeconds: input.bucketSeconds,
    }),
  );
  return computeReviewPeriods(input, { index, fineFrom }).periods;
}
