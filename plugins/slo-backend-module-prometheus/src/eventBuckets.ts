import type { EventBucket, SliSpec } from '@slo-kit/plugin-slo-common';
import { SloSourceError } from '@slo-kit/plugin-slo-node';
import type { RangeSeries } from './PrometheusClient';

/** Below this a negative value is a real fall, not floating-point noise around zero. */
const NEGATIVE_TOLERANCE = -1e-6;

/** Per evaluation time, the summed value of each side of an SLI's queries. */
export interface SideSums {
  good: Map<number, number>;
  bad: Map<number, number>;
  total: Map<number, number>;
}

/** Empty sums. */
export function emptySideSums(): SideSums {
  return { good: new Map(), bad: new Map(), total: new Map() };
}

/**
 * Adds the values of `series` to `into` per evaluation time; NaN and
 * infinities mean "no value". Event counts cannot be negative: a negative
 * one (a counter reset read as a fall, `delta()` over a counter) fails the
 * request rather than subtract events from the stored history.
 */
export function sumByTime(
  series: RangeSeries[],
  into: Map<number, number>,
  query: string,
): void {
  for (const { values } of series) {
    for (const [time, text] of values) {
      const value = Number(text);
      if (!Number.isFinite(value)) continue;
      if (value < NEGATIVE_TOLERANCE) {
        throw new SloSourceError(
          `Prometheus answered with a negative event count (${text}) at ${new Date(
            time * 1000,
          ).toISOString()} for query ${query}; event counts come from increase() over counters and never fall, so the server or the query reads a counter reset as a drop`,
          { retryable: false },
        );
      }
      const key = Math.round(time);
      into.set(key, (into.get(key) ?? 0) + Math.max(0, value));
    }
  }
}

/**
 * Evaluation times `first, first + step, ... last` cut into `query_range`
 * calls of at most `pointsPerRequest` points each.
 */
export function evaluationRanges(
  first: number,
  last: number,
  step: number,
  pointsPerRequest: number,
): Array<{ start: number; end: number }> {
  const ranges: Array<{ start: number; end: number }> = [];
  for (let from = first; from <= last; from += pointsPerRequest * step) {
    ranges.push({
      start: from,
      end: Math.min(last, from + (pointsPerRequest - 1) * step),
    });
  }
  return ranges;
}

/**
 * The buckets of one SLI from its summed query values: one per evaluation
 * time where `total` has a value, keyed at the bucket's start. The single
 * query and the batch both end here, so an SLO's buckets do not depend on
 * how it was asked.
 */
export function eventBuckets(
  sums: SideSums,
  sli: SliSpec,
  bucketSeconds: number,
  countsBad: boolean,
): EventBucket[] {
  const buckets: EventBucket[] = [];
  const times = [...sums.total.keys()].sort((a, b) => a - b);
  for (const time of times) {
    // Events are whole numbers; increase() answers in floating point, with
    // noise such as 8062385.000000002 that would reach every sum and the CSV.
    const total = Math.round(sums.total.get(time)!);
    // No good (or bad) series yet where total has one means zero of them.
    const counted = countsBad
      ? total - (sums.bad.get(time) ?? 0)
      : sums.good.get(time) ?? 0;
    // A sum of slice ratios (RatioTimeslices) is a fraction, not a count.
    const sliceRatios = sli.kind === 'timeSlice' && sli.sliceRatios;
    const good = sliceRatios ? counted : Math.round(counted);
    buckets.push({
      start: time - bucketSeconds,
      durationSeconds: bucketSeconds,
      // Mismatched selectors can put good above total; a bucket cannot hold more good than total events.
      good: Math.min(Math.max(good, 0), total),
      total,
    });
  }
  return buckets;
}
