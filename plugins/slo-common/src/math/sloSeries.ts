import type { SloSeriesPoint } from '../api/types';
import type { EventBucket } from '../model/EventBucket';
import type { SloDefinition, SloObjective, SloWindow } from '../model/SloDefinition';
import { BucketIndex } from './BucketIndex';
import { burnRate, errorBudgetShare } from './burnRate';
import { resolveObjective } from './evaluateSlo';
import { seriesStep } from '../resolution/seriesStep';
import { windowBounds } from './windowBounds';

/**
 * Input of {@link sloSeries}.
 *
 * @public
 */
export interface SloSeriesInput {
  definition: SloDefinition;
  buckets: readonly EventBucket[] | BucketIndex;
  /** Range, epoch seconds; points end in `(from, min(to, at)]`, the last one at `min(to, at)`. */
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
 * A downsampled time series of an SLO for charts.
 *
 * Points sit on multiples of `stepSeconds`, and the last one ends exactly at
 * `min(to, at)` (a shorter step when that time is not on a step boundary;
 * the start of the stored bucket it falls in, if any), so at the evaluation
 * time the last point's attainment and budget are the headline figures. Each point
 * names its span `[from, t)`: its `good`/`total` and `burnRate` are the events
 * of that span, while `sli` and `budgetRemaining` are over the SLO window
 * ending at `t` (rolling), or the calendar period so far.
 *
 * The step is a whole multiple of the coarsest bucket stored in the range the
 * series reads ({@link seriesStep}), so no step splits a stored bucket: every
 * point's events are exactly the events of its span, and the points' events
 * add up to the events from the first point's start to the last point's end,
 * whatever `maxPoints` is.
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
  const { stepSeconds, spans } = seriesSpans({ ...input, index, window: definition.window });
  const point = (from: number, t: number): SloSeriesPoint => {
    const step = index.sum(from, t);
    const bounds = windowBounds(definition.window, t);
    const window = index.sum(bounds.start, bounds.end);
    const windowGood = Math.min(window.good, window.total);
    const allowedBad = window.total * budgetShare;
    const stepGood = Math.min(step.good, step.total);
    return {
      from,
      t,
      good: stepGood,
      total: step.total,
      sli: window.total > 0 ? windowGood / window.total : null,
      budgetRemaining: allowedBad > 0 ? 1 - (window.total - windowGood) / allowedBad : null,
      burnRate: burnRate(stepGood, step.total, target),
    };
  };
  return { stepSeconds, points: spans.map(([from, t]) => point(from, t)) };
}

/**
 * The spans `[from, t)` of a series' points and their step, as
 * {@link sloSeries} lays them out over `index` (for a composite, its
 * members' pooled buckets): on multiples of the step, the last one ending at
 * `min(to, at)` or the start of the stored bucket that time falls in, and
 * no step splitting a stored bucket.
 *
 * @public
 */
export function seriesSpans(input: {
  index: BucketIndex;
  window: SloWindow;
  from: number;
  to: number;
  at: number;
  maxPoints?: number;
}): { stepSeconds: number; spans: Array<[number, number]> } {
  const { index } = input;
  const maxPoints =
    input.maxPoints && input.maxPoints >= 1 ? Math.floor(input.maxPoints) : DEFAULT_MAX_POINTS;
  // A time inside a stored bucket cannot end a point: its events cannot be split.
  const end = index.boundaryAtOrBefore(Math.min(input.to, input.at));
  const span = end - input.from;
  if (!(span > 0) || !Number.isFinite(span)) {
    return { stepSeconds: index.minDurationSeconds ?? 300, spans: [] };
  }
  // Everything the points read: their steps and the windows ending at them.
  const readFrom = Math.min(input.from, windowBounds(input.window, input.from).start);
  const unitSeconds =
    index.coarsestDurationIn(readFrom, end) ?? index.minDurationSeconds ?? 300;
  const stepSeconds = seriesStep({ from: input.from, to: end, maxPoints, unitSeconds });

  const spans: Array<[number, number]> = [];
  let t = Math.floor(input.from / stepSeconds) * stepSeconds + stepSeconds;
  for (; t <= end; t += stepSeconds) {
    spans.push([t - stepSeconds, t]);
  }
  const lastEnd = t - stepSeconds;
  if (lastEnd < end) {
    spans.push([Math.max(lastEnd, Math.floor(input.from / stepSeconds) * stepSeconds), end]);
  }
  return { stepSeconds, spans };
}
