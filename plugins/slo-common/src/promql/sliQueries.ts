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
}

/** The placeholder that full queries use for the window length (spaces allowed). */
const WINDOW_PLACEHOLDER = /\{\{\s*window\s*\}\}/g;

const DEFAULT_GAUGE_SAMPLE_SECONDS = 60;

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
): string {
  if ('selector' in events) {
    return `sum(increase(${events.selector.trim()}[${promDuration(
      windowSeconds,
    )}]))`;
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
): string {
  if (!('selector' in events)) {
    return eventCountQuery(events, windowSeconds);
  }
  const range = `${events.selector.trim()}[${promDuration(windowSeconds)}]`;
  return `sum((last_over_time(${range}) - min_over_time(${range}) unless resets(${range}) > 0) or increase(${range}))`;
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
function sampledCounts(
  value: string,
  operator: ComparisonOperator,
  threshold: number,
  range: string,
  stepSeconds: number,
): { good: string; total: string } {
  const step = promDuration(stepSeconds);
  return {
    good: `sum(sum_over_time((${comparison(
      value,
      operator,
      threshold,
    )})[${range}:${step}]))`,
    total: `sum(count_over_time((${value})[${range}:${step}]))`,
  };
}

/**
 * A time-slice SLI's counts over a range: good slices and slices with a
 * value, or (with `sliceRatios`, OpenSLO RatioTimeslices) the sum of the
 * slices' ratios and the slices with a value, so that good over total is the
 * average of the slices' ratios over any sum of ranges.
 */
function timeSliceCounts(
  sli: TimeSliceSli,
  range: string,
): { good: string; total: string } {
  const value = timeSliceValueQuery(sli);
  if (!sli.sliceRatios)
    return sampledCounts(
      value,
      sli.operator,
      sli.threshold,
      range,
      sli.sliceSeconds,
    );
  const step = promDuration(sli.sliceSeconds);
  return {
    good: `sum(sum_over_time((${value})[${range}:${step}]))`,
    total: `sum(count_over_time((${value})[${range}:${step}]))`,
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
export function timeSliceValueQuery(sli: TimeSliceSli): string {
  if ('query' in sli.value) {
    return substituteWindow(sli.value.query.trim(), sli.sliceSeconds);
  }
  const good = eventCountQuery(sli.value.good, sli.sliceSeconds);
  const total = eventCountQuery(sli.value.total, sli.sliceSeconds);
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
  const count = options.countFromFirstSample
    ? firstSampleCountQuery
    : eventCountQuery;
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
        ),
        stepSeconds: bucketSeconds,
      };
    }
    case 'timeSlice': {
      const stepSeconds = Math.max(bucketSeconds, sli.sliceSeconds);
      return {
        ...timeSliceCounts(sli, leftOpenRange(stepSeconds)),
        stepSeconds,
      };
    }
    default:
      return assertNever(sli);
  }
}

/**
 * Good (or bad) and total events over a window ending at the evaluation
 * time, each a single unlabelled value, for ratios.
 */
function windowCounts(
  sli: SliSpec,
  windowSeconds: number,
  options: PromqlOptions,
): { good: string; total: string } | { bad: string; total: string } {
  switch (sli.kind) {
    case 'ratio': {
      const total = wrapSum(sli.total, windowSeconds);
      return sli.bad
        ? { bad: wrapSum(sli.bad, windowSeconds), total }
        : { good: wrapSum(sli.good ?? sli.total, windowSeconds), total };
    }
    case 'latency': {
      if (sli.mode === 'histogram') {
        const selectors = histogramSelectors(sli) ?? {
          good: sli.metric,
          total: sli.metric,
        };
        return {
          good: eventCountQuery({ selector: selectors.good }, windowSeconds),
          total: eventCountQuery({ selector: selectors.total }, windowSeconds),
        };
      }
      return sampledCounts(
        sli.query.trim(),
        sli.operator,
        sli.threshold,
        leftOpenRange(windowSeconds),
        options.gaugeSampleSeconds ?? DEFAULT_GAUGE_SAMPLE_SECONDS,
      );
    }
    case 'timeSlice':
      return timeSliceCounts(sli, leftOpenRange(windowSeconds));
    default:
      return assertNever(sli);
  }
}

/**
 * The fraction of bad events (or bad slices) over the `windowSeconds` that
 * end at the evaluation time, as one PromQL expression: what recording rules
 * record and burn-rate alerts compare. Always computed from counts over the
 * whole window (`increase` over 3 days, not an average of 5-minute ratios),
 * so it is event-weighted like the portal's own figures.
 *
 * Empty (no value) when the window has no events; a missing good or bad side
 * counts as zero so that "every request failed" still has a value.
 *
 * @public
 */
export function errorRatioQuery(
  sli: SliSpec,
  windowSeconds: number,
  options: PromqlOptions = {},
): string {
  const counts = windowCounts(sli, windowSeconds, options);
  if ('bad' in counts) {
    return `(${counts.bad} or vector(0))\n/\n${counts.total}`;
  }
  return `1 - (\n  (${counts.good} or vector(0))\n  /\n  ${counts.total}\n)`;
}

/**
 * The fraction of bad events over the `windowSeconds` that end at the
 * evaluation time of an `events` composite: its members' good events and
 * all events, each counted over the whole window as in
 * {@link errorRatioQuery}, summed across members, then divided:
 * `1 − Σ goodᵢ / Σ totalᵢ`, exactly what the portal computes from the
 * members' pooled buckets. A member without events adds nothing (its terms
 * count as zero); without any events the expression has no value. A member
 * counted by bad events counts `total − bad` good ones. Time-slice SLIs
 * count slices, not events, and cannot be pooled: composites refuse them.
 *
 * @public
 */
export function compositeErrorRatioQuery(
  slis: readonly SliSpec[],
  windowSeconds: number,
  options: PromqlOptions = {},
): string {
  const goods: string[] = [];
  const totals: string[] = [];
  for (const sli of slis) {
    const counts = windowCounts(sli, windowSeconds, options);
    totals.push(counts.total);
    goods.push(
      'bad' in counts
        ? `(${counts.total}) - (${counts.bad} or vector(0))`
        : counts.good,
    );
  }
  const sum = (terms: string[], indent: string) =>
    terms
      .map((term, i) => `${indent}${i > 0 ? '+ ' : ''}(${term} or vector(0))`)
      .join('\n');
  return [
    '1 - (',
    '  (',
    sum(goods, '    '),
    '  )',
    '  /',
    '  (',
    '    (',
    sum(totals, '      '),
    '    ) > 0',
    '  )',
    ')',
  ].join('\n');
}

/**
 * The SLI itself (good events over all events, 0..1) over the
 * `windowSeconds` ending at the evaluation time: what a person wants to see
 * when opening the SLO in Prometheus' own UI.
 *
 * @public
 */
export function sliRatioQuery(
  sli: SliSpec,
  windowSeconds: number,
  options: PromqlOptions = {},
): string {
  const counts = windowCounts(sli, windowSeconds, options);
  if ('bad' in counts) {
    return `1 - (\n  (${counts.bad} or vector(0))\n  /\n  ${counts.total}\n)`;
  }
  return `(${counts.good} or vector(0))\n/\n${counts.total}`;
}

/** A full query may return labelled series; ratios need one unlabelled value. */
function wrapSum(events: EventQuery, windowSeconds: number): string {
  const query = eventCountQuery(events, windowSeconds);
  return 'selector' in events ? query : `sum(${query})`;
}

function assertNever(value: never): never {
  throw new Error(`Unknown SLI kind in ${JSON.stringify(value)}`);
}
