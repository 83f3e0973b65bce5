import type { SloPeriod } from '../api/types';
import { BucketIndex } from '../math/BucketIndex';
import { errorBudgetShare } from '../math/burnRate';
import { resolveObjective } from '../math/evaluateSlo';
import { periodHistory } from '../math/periodHistory';
import type { EventBucket } from '../model/EventBucket';
import type { SloDefinition, SloObjective } from '../model/SloDefinition';
import {
  alertRulesFor,
  longestAlertWindowSeconds,
} from '../resolution/alertRulesFor';
import {
  burnEpisodes,
  pageMinutesWithin,
  type BurnEpisode,
} from './burnEpisodes';

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
  if (buckets.length === 0) return null;
  let firstFine = Infinity;
  let lastCoarseEnd = -Infinity;
  for (const bucket of buckets) {
    if (bucket.durationSeconds > fineSeconds) {
      lastCoarseEnd = Math.max(
        lastCoarseEnd,
        bucket.start + bucket.durationSeconds,
      );
    } else {
      firstFine = Math.min(firstFine, bucket.start);
    }
  }
  const fineFrom = Math.max(firstFine, lastCoarseEnd);
  if (!Number.isFinite(fineFrom)) return null;
  return Math.ceil((fineFrom + longestWindow) / fineSeconds) * fineSeconds;
}

/** Why a period's counts cannot be exact, or undefined when they are. */
function approximation(
  index: BucketIndex,
  start: number,
  end: number,
): string | undefined {
  const straddled = [start, end].filter(t => index.boundaryAtOrBefore(t) !== t);
  if (straddled.length === 0) return undefined;
  const seconds = index.coarsestDurationIn(start, end) ?? 0;
  return `A stored bucket of ${Math.round(
    seconds / 60,
  )} minutes straddles the period's ${
    straddled[0] === start ? 'start' : 'end'
  }; its events are left out. History older than the fine history is kept in coarse buckets aligned to the zones the collector was told about (slo.review.timeZone and calendar SLOs' zones).`;
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
  const { definition, at, bucketSeconds } = input;
  const index = BucketIndex.from(input.buckets);
  const objective = resolveObjective(definition, input.objective);
  const budgetShare = errorBudgetShare(objective.target);
  const zone =
    definition.window.type === 'calendar'
      ? definition.window.timeZone
      : input.timeZone ?? 'UTC';
  const periods = periodHistory({
    definition,
    buckets: index,
    at,
    period: input.period,
    count: input.count,
    objective,
    minimumEvents: input.minimumEvents,
    timeZone: zone,
  });
  if (periods.length === 0) return [];

  const longest = longestAlertWindowSeconds(definition.window, {
    bucketSeconds,
  });
  const rules = alertRulesFor(definition.window, { bucketSeconds });
  const firstEnd =
    Math.ceil(periods[0].start / bucketSeconds) * bucketSeconds + bucketSeconds;
  const lastEnd = Math.floor(at / bucketSeconds) * bucketSeconds;
  const computed = (from: number, to: number) =>
    from > to
      ? []
      : burnEpisodes({
          buckets: index,
          rules,
          target: objective.target,
          from,
          to,
          stepSeconds: bucketSeconds,
        });
  const fineFrom = alertStatesFrom(input.buckets, bucketSeconds, longest);
  const { recorded } = input;
  let episodes: BurnEpisode[];
  let known: number | null;
  if (!recorded || recorded.until < recorded.from) {
    known = fineFrom === null ? null : Math.max(firstEnd, fineFrom);
    episodes = known === null ? [] : computed(known, lastEnd);
  } else {
    // Recorded where they cover; computed from fine buckets before them (none
    // in practice: recording starts from the fine history) and after them.
    // An episode still firing at the last recorded end is computed again
    // from its start, so it ends where the buckets say.
    const ongoing = recorded.episodes.find(e => e.ongoing);
    const resume = ongoing
      ? ongoing.start + bucketSeconds
      : recorded.until + bucketSeconds;
    const stored = recorded.episodes.filter(
      e =>
        e !== ongoing && e.end > firstEnd - bucketSeconds && e.start < lastEnd,
    );
    const before =
      fineFrom === null
        ? []
        : computed(
            Math.max(firstEnd, fineFrom),
            Math.min(lastEnd, recorded.from - bucketSeconds),
          );
    const afterFrom = Math.max(firstEnd, resume, fineFrom ?? resume);
    // Firing at the first end computed: the episode went on from the recorded
    // one, started there (the recorded end before was quiet), or began before
    // the review (as without records).
    const after = computed(afterFrom, lastEnd).map(e =>
      e.start + bucketSeconds !== afterFrom
        ? e
        : {
            ...e,
            startedBefore: ongoing
              ? ongoing.startedBefore || afterFrom > resume
              : afterFrom > resume,
          },
    );
    episodes = [...before, ...stored, ...after];
    known = Math.max(
      firstEnd,
      Math.min(recorded.from, fineFrom ?? Infinity, resume),
    );
  }
  const from = known !== null && known <= at ? known : null;

  return periods.map(period => {
    const end = Math.min(period.end, at);
    const bad = period.total - period.good;
    const allowed = period.total * budgetShare;
    const reason = approximation(index, period.start, end);
    // Alert states at the bucket ends in (start, end]: each stands for the bucket it ends.
    let episodesFrom: number | null = null;
    if (from !== null && from <= end) {
      episodesFrom = Math.max(period.start, from - bucketSeconds);
    }
    const inPeriod = episodes.filter(
      e => e.start >= period.start && e.start < end,
    );
    let pageMinutes: number | null = null;
    if (episodesFrom !== null) {
      pageMinutes = 0;
      for (const episode of episodes) {
        pageMinutes += pageMinutesWithin(
          episode,
          period.start,
          end,
          bucketSeconds,
        );
      }
    }
    return {
      ...period,
      timeZone: zone,
      budgetSpent: period.total > 0 && allowed > 0 ? bad / allowed : null,
      exact: reason === undefined,
      ...(reason === undefined ? {} : { approximateReason: reason }),
      pageMinutes,
      episodes: inPeriod.map(({ badEvents, pageRuns, ...episode }) => ({
        ...episode,
        budgetSpent: allowed > 0 ? badEvents / allowed : null,
      })),
      episodesFrom,
    };
  });
}
