import type { EventQuery, SliSpec } from '../model';
import { leftOpenRange } from './promDuration';
import {
  assertNever,
  DEFAULT_GAUGE_SAMPLE_SECONDS,
  eventCountQuery,
  histogramSelectors,
  sampledCounts,
  timeSliceCounts,
  type PromqlOptions,
} from './sliQueries';

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
