import type { SloSeriesPoint } from '../api/types';
import type { EventBucket } from '../model/EventBucket';
import type { SloDefinition, SloObjective } from '../model/SloDefinition';
import { BucketIndex } from './BucketIndex';
import { burnRate, errorBudgetShare } from './burnRate';
import { resolveObjective } from './evaluateSlo';
import { windowBounds } from './windowBounds';

/**
 * Input of {@link sloSeries}.
 *
 * @public
 */
export interface SloSeriesInput {
  definition: SloDefinition;
  buckets: readonly EventBucket[] | BucketIndex;
  /** Range, epoch seconds; points fall in `(from, min(to, at)]`. */
  from: number;
  to: number;
  /** At most this many points; default 500. */
  maxPoints?: number;
  /** Evaluation time: no points after it. */
  at: number;
  /** Objective by value or name; default the primary one. */
  objective?: SloObjective | string;
}

/**
 * Output of {@link sloSeries}.
 *
 * @public
 */
export interface SloSeries {
  stepSeconds: number;
  points: SloSeriesPoint[];
}

/** Default number of points of a series. */
const DEFAULT_MAX_POINTS = 500;

/**
 * A downsampled time series of an SLO for charts. Points sit at multiples of
 * `stepSeconds` (a whole number of the shortest bucket, large enough for at
 * most `maxPoints` points). Each point has the events of its step, the burn
 * rate over the step, and the attainment and budget remaining over the SLO
 * window ending at the point (rolling), or the calendar period so far.
 *
 * Runs in O((buckets + points) · log buckets): sums come from prefix sums, not
 * from a pass over every bucket per point.
 *
 * @public
 */
export function sloSeries(input: SloSeriesInput): SloSeries {
  const { definition } = input;
  const index = BucketIndex.from(input.buckets);
  const target = resolveObjective(definition, input.objective).target;
  const budgetShare = errorBudgetShare(target);
  const maxPoints =
    input.maxPoints && input.maxPoints >= 1 ? Math.floor(input.maxPoints) : DEFAULT_MAX_POINTS;
  const end = Math.min(input.to, input.at);
  const span = end - input.from;
  const base = index.minDurationSeconds ?? 300;
  const stepSeconds = Math.max(1, Math.ceil(span / maxPoints / base)) * base;
  if (!(span > 0) || !Number.isFinite(span)) return { stepSeconds, points: [] };

  const points: SloSeriesPoint[] = [];
  const first = Math.floor(input.from / stepSeconds) * stepSeconds + stepSeconds;
  for (let t = first; t <= end && points.length < maxPoints; t += stepSeconds) {
    const step = index.sum(t - stepSeconds, t);
    const bounds = windowBounds(definition.window, t);
    const window = index.sum(bounds.start, bounds.end);
    const windowGood = Math.min(window.good, window.total);
    const allowedBad = window.total * budgetShare;
    const stepGood = Math.min(step.good, step.total);
    points.push({
      t,
      good: stepGood,
      total: step.total,
      sli: window.total > 0 ? windowGood / window.total : null,
      budgetRemaining:
        allowedBad > 0 ? 1 - (window.total - windowGood) / allowedBad : null,
      burnRate: burnRate(stepGood, step.total, target),
    });
  }
  return { stepSeconds, points };
}
