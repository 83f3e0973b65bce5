import { BucketIndex } from '../math/BucketIndex';
import { errorBudgetShare } from '../math/burnRate';
import { resolveObjective } from '../math/evaluateSlo';
import { periodHistory } from '../math/periodHistory';
import type { EventBucket } from '../model/EventBucket';
import {
  alertRulesFor,
} from '../resolution/alertRulesFor';
import {
  burnEpisodes,
  pageMinutesWithin,
  type BurnEpisode,
} from './burnEpisodes';
import type { ReviewPeriodsInput, SloReviewPeriod } from './reviewPeriods';

// The computation behind reviewPeriods, with what the settled review
// (settledReviewPeriods.ts) needs to reuse finished periods: the buckets as
// an index that may hold only the later ones, where alert states are known
// from, and the bucket end from which episodes are looked for.

/** The earliest fine bucket start and the latest coarse bucket end of some buckets. */
export interface FineBounds {
  firstFine: number;
  lastCoarseEnd: number;
}

/** {@link FineBounds} of buckets (Infinity / -Infinity when there are none of a kind). */
export function fineBoundsOf(
  buckets: readonly EventBucket[],
  fineSeconds: number,
): FineBounds {
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
  return { firstFine, lastCoarseEnd };
}

/** `alertStatesFrom` of buckets with these bounds. */
export function alertStatesFromBounds(
  bounds: FineBounds,
  fineSeconds: number,
  longestWindow: number,
): number | null {
  const fineFrom = Math.max(bounds.firstFine, bounds.lastCoarseEnd);
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

/** How {@link computeReviewPeriods} reads the buckets. */
export interface ReviewComputation {
  /** The input's buckets as an index, or only the later ones on the running sums of the earlier. */
  index: BucketIndex;
  /** `alertStatesFrom` of all the input's buckets. */
  fineFrom: number | null;
  /**
   * First bucket end examined for episodes (the finished periods' episodes
   * are known, and no alert fired at this end); default: wherever alert
   * states are known.
   */
  examineFrom?: number;
}

/** What {@link computeReviewPeriods} found, with the intermediate figures a settled review checks. */
export interface ReviewComputed {
  periods: SloReviewPeriod[];
  /** Every episode found or recorded in the review, oldest first. */
  episodes: BurnEpisode[];
  /** The bucket end from which alert states are known, or null. */
  known: number | null;
  /** The first bucket end computed after the recorded episodes, when there are recorded ones. */
  afterFrom?: number;
  /** The bucket ends computed before the recorded episodes (first, last), when there are recorded ones. */
  beforeRange?: [number, number];
  /** The recorded episode still firing at the last recorded end, if any. */
  ongoing?: BurnEpisode;
}

/** The figures of `reviewPeriods`, computed as {@link ReviewComputation} says. */
export function computeReviewPeriods(
  input: ReviewPeriodsInput,
  computation: ReviewComputation,
): ReviewComputed {
  const { definition, at, bucketSeconds } = input;
  const { index, fineFrom } = computation;
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
  if (periods.length === 0) return { periods: [], episodes: [], known: null };

  const rules = alertRulesFor(definition.window, { bucketSeconds });
  const firstEnd =
    Math.ceil(periods[0].start / bucketSeconds) * bucketSeconds + bucketSeconds;
  const lastEnd = Math.floor(at / bucketSeconds) * bucketSeconds;
  const examineFrom = computation.examineFrom ?? -Infinity;
  const computed = (from: number, to: number) =>
    Math.max(from, examineFrom) > to
      ? []
      : burnEpisodes({
          buckets: index,
          rules,
          target: objective.target,
          from: Math.max(from, examineFrom),
          to,
          stepSeconds: bucketSeconds,
        });
  const { recorded } = input;
  let episodes: BurnEpisode[];
  let known: number | null;
  let afterFrom: number | undefined;
  let beforeRange: [number, number] | undefined;
  let ongoing: BurnEpisode | undefined;
  if (!recorded || recorded.until < recorded.from) {
    known = fineFrom === null ? null : Math.max(firstEnd, fineFrom);
    episodes = known === null ? [] : computed(known, lastEnd);
  } else {
    // Recorded where they cover; computed from fine buckets before them (none
    // in practice: recording starts from the fine history) and after them.
    // An episode still firing at the last recorded end is computed again
    // from its start, so it ends where the buckets say.
    ongoing = recorded.episodes.find(e => e.ongoing);
    const resume = ongoing
      ? ongoing.start + bucketSeconds
      : recorded.until + bucketSeconds;
    const stored = recorded.episodes.filter(
      e =>
        e !== ongoing && e.end > firstEnd - bucketSeconds && e.start < lastEnd,
    );
    if (fineFrom !== null) {
      beforeRange = [
        Math.max(firstEnd, fineFrom),
        Math.min(lastEnd, recorded.from - bucketSeconds),
      ];
    }
    const before = beforeRange ? computed(...beforeRange) : [];
    afterFrom = Math.max(firstEnd, resume, fineFrom ?? resume);
    // Firing at the first end computed: the episode went on from the recorded
    // one, started there (the recorded end before was quiet), or began before
    // the review (as without records).
    const firstAfter = afterFrom;
    const wasFiring = ongoing;
    const after = computed(firstAfter, lastEnd).map(e =>
      e.start + bucketSeconds !== firstAfter
        ? e
        : {
            ...e,
            startedBefore: wasFiring
              ? wasFiring.startedBefore || firstAfter > resume
              : firstAfter > resume,
          },
    );
    episodes = [...before, ...stored, ...after];
    known = Math.max(
      firstEnd,
      Math.min(recorded.from, fineFrom ?? Infinity, resume),
    );
  }
  const from = known !== null && known <= at ? known : null;

  const reviewed = periods.map((period): SloReviewPeriod => {
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
  return {
    periods: reviewed,
    episodes,
    known,
    afterFrom,
    beforeRange,
    ongoing,
  };
}
