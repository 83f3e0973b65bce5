import {
  calendarPeriod,
  periodHistory,
  sloSeries,
  weightedCompositeHistory,
  weightedCompositeSeries,
  windowBounds,
  type CompositeSloDefinition,
  type CompositeSloStatus,
  type EventBucket,
  type SloDefinition,
  type SloWindow,
} from '@slo-kit/plugin-slo-common';
import { DateTime } from 'luxon';
import type { SloOverview } from '../evaluator/SloEvaluator';

/** What a scorecard row shows besides the status: the comparison period and the sparkline's points. */
export interface CompositeOverviewParameters {
  period: (window: SloWindow) => 'week' | 'month';
  sparklinePoints: number;
}

/**
 * Where a composite's overview starts reading: the previous comparison
 * period's start, or the start of the window that ends at the current
 * window's start (the sparkline's first point), whichever is earlier.
 */
export function overviewStart(
  composite: CompositeSloDefinition,
  at: number,
  windowStart: number,
  parameters: CompositeOverviewParameters,
): number {
  const period = parameters.period(composite.window);
  // Periods of a rolling window are cut in UTC, as `periodHistory` does.
  const zone =
    composite.window.type === 'calendar' ? composite.window.timeZone : 'UTC';
  const historyStart = DateTime.fromSeconds(
    calendarPeriod(period, zone, at).start,
    { zone },
  )
    .minus({ [`${period}s`]: 1 })
    .toSeconds();
  return Math.min(
    historyStart,
    windowBounds(composite.window, windowStart).start,
  );
}

/**
 * A composite's scorecard figures, as `SloEvaluator.overviews` gives a plain
 * SLO's: its status from the composite's own evaluation, the previous
 * calendar period's attainment and a sparkline of its SLI over the window,
 * by the same functions as its history and series. The buckets are those
 * from {@link overviewStart} to the status's evaluation time: pooled
 * (`events`) or each member's (`weighted`).
 */
export function compositeOverview(input: {
  composite: CompositeSloDefinition;
  /** The composite as an SLO definition (`events`). */
  definition: SloDefinition;
  status: CompositeSloStatus;
  parameters: CompositeOverviewParameters;
  pooled?: EventBucket[];
  members?: ReadonlyArray<{ weight: number; buckets: readonly EventBucket[] }>;
}): SloOverview {
  const { composite, status, parameters } = input;
  const at = status.evaluation?.at ?? status.weighted?.at ?? 0;
  const windowStart =
    status.evaluation?.windowStart ?? status.weighted?.windowStart ?? at;
  const history = { period: parameters.period(composite.window), count: 2 };
  let previous: {
    sli: number | null;
    verdict: SloOverview['previousPeriodVerdict'];
  } = { sli: null, verdict: 'no-data' };
  let sparkline: Array<number | null>;
  if (composite.semantics === 'events') {
    const buckets = input.pooled ?? [];
    const { definition } = input;
    const periods = periodHistory({ definition, buckets, at, ...history });
    if (periods.length === 2) {
      previous = { sli: periods[0].sli, verdict: periods[0].verdict };
    }
    sparkline = sloSeries({
      definition,
      buckets,
      from: windowStart,
      to: at,
      at,
      maxPoints: parameters.sparklinePoints,
    }).points.map(p => p.sli);
  } else {
    const common = {
      objective: composite.objective,
      window: composite.window,
      at,
      members: input.members ?? [],
    };
    const periods = weightedCompositeHistory({ ...common, ...history });
    if (periods.length === 2) {
      previous = { sli: periods[0].sli, verdict: periods[0].verdict };
    }
    sparkline = weightedCompositeSeries({
      ...common,
      from: windowStart,
      to: at,
      maxPoints: parameters.sparklinePoints,
    }).points.map(p => p.sli);
  }
  const alerts = status.evaluation?.alerts ?? status.weighted?.alerts ?? [];
  return {
    objective: composite.objective,
    sli: status.evaluation?.sli ?? status.weighted?.sli ?? null,
    budgetRemaining:
      status.evaluation?.errorBudget.remainingFraction ??
      status.weighted?.errorBudgetRemaining ??
      null,
    health: status.health,
    paging: alerts.some(a => a.severity === 'page' && a.firing),
    ticketing: alerts.some(a => a.severity === 'ticket' && a.firing),
    dataState: status.dataState,
    previousPeriodSli: previous.sli,
    previousPeriodVerdict: previous.verdict,
    sparkline,
  };
}
