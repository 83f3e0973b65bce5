import type {
  ComparisonOperator,
  EventQuery,
  LatencySli,
  SliSpec,
  TimeSliceSli,
} from '../model';
import { leRegex } from './leMatcher';
import { leftOpenRange, promDuration } from './promDuration';
import { joinSelector, splitSelector } from './splitSelector';

/**
 * Options shared by the PromQL builders.
 *
 * @public
 */
export interface PromqlOptions {
  /**
   * How often a gauge SLI is sampled, in seconds; each sample is one event.
   * Must divide the bucket length. Default 60.
   */
  gaugeSampleSeconds?: number;
  /**
   * Count each series from its first sample inside the bucket, without the
   * extrapolation `increase()` adds when a series starts mid-bucket with a
   * counter above zero (the start of the stored data); used by
   * {@link bucketEventQueries}. Default false.
   */
  countFromFirstSample?: boolean;
  /**
   * Keep this label in every sum (`sum by (label) (...)`) instead of summing
   * it away: one query then answers several SLOs whose selectors differ only
   * in that label's value (a batch), one series per value. Every other part
   * of the query stays the same, so each series holds exactly what the
   * single SLO's query gives. Default: plain `sum(...)`.
   */
  sumBy?: string;
}

/** The placeholder that full queries use for the window length (spaces allowed). */
const WINDOW_PLACEHOLDER = /\{\{\s*window\s*\}\}/g;

/** How long a gauge sample is when the options do not say. */
export const DEFAULT_GAUGE_SAMPLE_SECONDS = 60;

/** `sum(expr)`, or `sum by (label) (expr)` for a batch. */
function sumOf(expr: string, by: string | undefined): string {
  return by === undefined ? `sum(${expr})` : `sum by (${by}) (${expr})`;
}

/**
 * Replaces every `{{window}}` (spaces allowed inside the braces) with a PromQL
 * duration.
 *
 * @public
 */
export function substituteWindow(query: string, windowSeconds: number): string {
  return query.replace(WINDOW_PLACEHOLDER, promDuration(windowSeconds));
}

/**
 * Events over the `windowSeconds` that end at the evaluation time: a
 * selector becomes `sum(increase(SELECTOR[window]))`, a full query gets its
 * `{{window}}` replaced.
 *
 * `increase` over a range that starts and ends on samples is exact in
 * Prometheus 2.x (its ranges include both ends, so no extrapolation happens),
 * counter resets included.
 *
 * @public
 */
export function eventCountQuery(
  events: EventQuery,
  windowSeconds: number,
  sumBy?: string,
): string {
  if ('selector' in events) {
    return sumOf(
      `increase(${events.selector.trim()}[${promDuration(windowSeconds)}])`,
      sumBy,
    );
  }
  return substituteWindow(events.query.trim(), windowSeconds);
}

/**
 * Events over the window ending at the evaluation time, each series counted
 * from its first sample in the window: `last − min` per series (a counter
 * only rises between resets), and `increase()` for the series that reset in
 * the window. Where a series starts inside the window with a counter above
 * zero — the first bucket of stored data — `increase()` extrapolates towards
 * the window's start and invents events; this does not. Full queries, which
 * cannot be rewritten, keep `increase()`.
 *
 * @public
 */
export function firstSampleCountQuery(
  events: EventQuery,
  windowSeconds: number,
  sumBy?: string,
): string {
  if (!('selector' in events)) {
    return eventCountQuery(events, windowSeconds);
  }
  const range = `${events.selector.trim()}[${promDuration(windowSeconds)}]`;
  return sumOf(
    `(last_over_time(${range}) - min_over_time(${range}) unless resets(${range}) > 0) or increase(${range})`,
    sumBy,
  );
}

/**
 * The selectors of a histogram SLI: events faster than the threshold
 * (`_bucket` with any spelling of `le`) and all events (`_count`).
 * `undefined` when `metric` is not a selector with a metric name.
 *
 * @public
 */
export function histogramSelectors(
  sli: Extract<LatencySli, { mode: 'histogram' }>,
): { good: string; total: string } | undefined {
  const parts = splitSelector(sli.metric);
  if (!parts || parts.metric === '') return undefined;
  // Tolerate the bucket series' own name; the SLI names the histogram.
  const base = parts.metric.replace(/_(bucket|count|sum)$/, '');
  return {
    good: joinSelector(
      `${base}_bucket`,
      parts.matchers,
      `le=~"${leRegex(sli.threshold)}"`,
    ),
    total: joinSelector(`${base}_count`, parts.matchers),
  };
}

/**
 * PromQL that yields one bucket's event counts when evaluated at the
 * bucket's end (with `query_range`, `step` = bucket and every evaluation time
 * on a bucket boundary). Exactly one of `good` and `bad` is set; a missing
 * good or bad result where `total` has one means zero.
 *
 * @public
 */
export interface BucketEventQueries {
  good?: string;
  bad?: string;
  total: string;
  /**
   * Distance between evaluation times: the bucket length, except for
   * time-slice SLIs whose slice is longer than a bucket, which are evaluated
   * once per slice (and reported in the bucket that ends with the slice).
   */
  stepSeconds: number;
}

function comparison(
  value: string,
  operator: ComparisonOperator,
  threshold: number,
): string {
  return `(${value}) ${operator} bool ${promNumber(threshold)}`;
}

/**
 * Writes a number the way PromQL reads it back identically.
 *
 * @public
 */
export function promNumber(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '+Inf' : '-Inf';
  return String(value);
}

/**
 * Good and total slices (or gauge samples) inside a range: `value` is
 * evaluated at every `stepSeconds` on the absolute time grid inside
 * `(T - rangeSeconds, T]`.
 */
export function sampledCounts(
  value: string,
  operator: ComparisonOperator,
  threshold: number,
  range: string,
  stepSeconds: number,
  sumBy?: string,
): { good: string; total: string } {
  const step = promDuration(stepSeconds);
  return {
    good: sumOf(
      `sum_over_time((${comparison(
        value,
        operator,
        threshold,
      )})[${range}:${step}])`,
      sumBy,
    ),
    total: sumOf(`count_over_time((${value})[${range}:${step}])`, sumBy),
  };
}

/**
 * A time-slice SLI's counts over a range: good slices and slices with a
 * value, or (with `sliceRatios`, OpenSLO RatioTimeslices) the sum of the
 * slices' ratios and the slices with a value, so that good over total is the
 * average of the slices' ratios over any sum of ranges.
 */
export function timeSliceCounts(
  sli: TimeSliceSli,
  range: string,
  sumBy?: string,
): { good: string; total: string } {
  const value = timeSliceValueQuery(sli, sumBy);
  if (!sli.sliceRatios)
    return sampledCounts(
      value,
      sli.operator,
      sli.threshold,
      range,
      sli.sliceSeconds,
      sumBy,
    );
  const step = promDuration(sli.sliceSeconds);
  return {
    good: sumOf(`sum_over_time((${value})[${range}:${step}])`, sumBy),
    total: sumOf(`count_over_time((${value})[${range}:${step}])`, sumBy),
  };
}

/**
 * The value of one time slice as PromQL: the query with `{{window}}` set to
 * the slice length, or good over total events in the slice. A slice without
 * events has no value (not 0/0 = NaN, which would count as a bad slice). A
 * slice with events but no good series at all (every request failed before
 * a success was ever counted) has the ratio 0: `or (total) * 0` stands in for
 * the missing good count, so the slice is judged instead of vanishing.
 *
 * @public
 */
export function timeSliceValueQuery(sli: TimeSliceSli, sumBy?: string): string {
  if ('query' in sli.value) {
    return substituteWindow(sli.value.query.trim(), sli.sliceSeconds);
  }
  // With `sumBy`, `or`, `*` and `/` match each value's series one to one.
  const good = eventCountQuery(sli.value.good, sli.sliceSeconds, sumBy);
  const total = eventCountQuery(sli.value.total, sli.sliceSeconds, sumBy);
  return `((${good}) or (${total}) * 0) / ((${total}) > 0)`;
}

/**
 * The PromQL whose value at a bucket's end is that bucket's good (or bad)
 * and total events. Call {@link prometheusSliProblems} first: this assumes
 * the SLI and bucket length fit together.
 *
 * - ratio: `sum(increase(SELECTOR[bucket]))`, or the full query with
 *   `{{window}}` = bucket.
 * - histogram latency: `_bucket{le=~"<any spelling>"}` over `_count`.
 * - gauge latency: the query sampled every `gaugeSampleSeconds` (a subquery);
 *   each sample is an event, good when it compares to the threshold.
 * - time slice: the slice value evaluated at every slice end inside the
 *   bucket; good slices over slices with a value.
 *
 * Sampled counts use ranges one millisecond short of the bucket, so each
 * sample belongs to exactly one bucket on Prometheus 2.x and 3.x alike.
 *
 * @public
 */
export function bucketEventQueries(
  sli: SliSpec,
  bucketSeconds: number,
  options: PromqlOptions = {},
): BucketEventQueries {
  const by = options.sumBy;
  const count = (events: EventQuery, seconds: number) =>
    options.countFromFirstSample
      ? firstSampleCountQuery(events, seconds, by)
      : eventCountQuery(events, seconds, by);
  switch (sli.kind) {
    case 'ratio': {
      const total = count(sli.total, bucketSeconds);
      return sli.bad
        ? {
            bad: count(sli.bad, bucketSeconds),
            total,
            stepSeconds: bucketSeconds,
          }
        : {
            good: count(sli.good ?? sli.total, bucketSeconds),
            total,
            stepSeconds: bucketSeconds,
          };
    }
    case 'latency': {
      if (sli.mode === 'histogram') {
        const selectors = histogramSelectors(sli) ?? {
          good: sli.metric,
          total: sli.metric,
        };
        return {
          good: count({ selector: selectors.good }, bucketSeconds),
          total: count({ selector: selectors.total }, bucketSeconds),
          stepSeconds: bucketSeconds,
        };
      }
      const sampleSeconds =
        options.gaugeSampleSeconds ?? DEFAULT_GAUGE_SAMPLE_SECONDS;
      return {
        ...sampledCounts(
          sli.query.trim(),
          sli.operator,
          sli.threshold,
          leftOpenRange(bucketSeconds),
          sampleSeconds,
          by,
        ),
        stepSeconds: bucketSeconds,
      };
    }
    case 'timeSlice': {
      const stepSeconds = Math.max(bucketSeconds, sli.sliceSeconds);
      return {
        ...timeSliceCounts(sli, leftOpenRange(stepSeconds), by),
        stepSeconds,
      };
    }
    default:
      return assertNever(sli);
  }
}

/** Fails the type check when a switch over SLI kinds misses one. */
export function assertNever(value: never): never {
  throw new Error(`Unknown SLI kind in ${JSON.stringify(value)}`);
}
