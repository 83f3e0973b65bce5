import { InputError } from '@backstage/errors';
import {
  calendarPeriod,
  periodHistory,
  sloSeries,
  weightedCompositeHistory,
  weightedCompositeSeries,
  windowBounds,
  type SloHistoryResponse,
  type SloPeriod,
  type SloSeriesResponse,
} from '@slo-kit/plugin-slo-common';
import { DateTime } from 'luxon';
import type { CompositeBasis, CompositeFigures } from './CompositeFigures';

/** Longest range a series may span, as for a plain SLO's. */
const MAX_SERIES_SECONDS = 400 * 86400;

/** How far past now a series may end (a replica's clock may be a little behind). */
const FUTURE_SLACK_SECONDS = 300;

/**
 * A composite's attainment per calendar week or month, oldest first. An
 * `events` composite's from its members' pooled buckets by the same
 * `periodHistory` as a plain SLO's; a `weighted` one's by
 * `weightedCompositeHistory`, the weighted SLI of each member's SLI over
 * each period. Kept until the members' data changes.
 */
export async function compositeHistory(
  figures: CompositeFigures,
  basis: CompositeBasis,
  query: { period: 'week' | 'month'; count: number },
): Promise<SloHistoryResponse> {
  const { composite, members, at } = basis;
  const { period, count } = query;
  const periods = await figures.cached(
    basis,
    'history',
    { period, count },
    async (): Promise<SloPeriod[]> => {
      const zone =
        composite.window.type === 'calendar'
          ? composite.window.timeZone
          : 'UTC';
      const from = DateTime.fromSeconds(
        calendarPeriod(period, zone, at).start,
        { zone },
      )
        .minus({ [`${period}s`]: Math.max(0, count - 1) })
        .toSeconds();
      return composite.semantics === 'events'
        ? periodHistory({
            definition: basis.definition,
            buckets: await figures.pooled(members, from, at),
            at,
            period,
            count,
          })
        : weightedCompositeHistory({
            objective: composite.objective,
            window: composite.window,
            at,
            members: await figures.weighted(members, from, at),
            period,
            count,
          });
    },
  );
  return { sloId: composite.id, period, minimumEvents: 0, periods };
}

/**
 * A composite's series over `[from, to]` (default: one window up to now).
 * An `events` composite's by the same `sloSeries` as a plain SLO's, on the
 * pooled buckets; a `weighted` one's by `weightedCompositeSeries`, on the
 * same points, with the weighted SLI of each point's window and the
 * weighted burn of its span. Kept until the members' data changes.
 */
export async function compositeSeries(
  figures: CompositeFigures,
  basis: CompositeBasis,
  query: { from?: number; to?: number; maxPoints?: number },
  now: number,
): Promise<SloSeriesResponse> {
  const { composite, members, at, definition } = basis;
  const to = query.to ?? now;
  const from =
    query.from ??
    to -
      (composite.window.type === 'rolling'
        ? composite.window.durationSeconds
        : 31 * 86400);
  if (to > now + FUTURE_SLACK_SECONDS) {
    throw new InputError(
      `Invalid range: "to" (${to}) is after now (${now}); a series ends at now at the latest. Leave "to" out for a series up to now.`,
    );
  }
  if (!(from >= 0 && from < to && to - from <= MAX_SERIES_SECONDS)) {
    throw new InputError(
      `Invalid range: "from" (${from}) must be before "to" (${to}), after 1970 and at most 400 days before it.`,
    );
  }
  const { maxPoints } = query;
  // One slot per span, as for a plain SLO: a chart that follows "now" replaces its last range.
  const series = await figures.cached(
    basis,
    'series',
    { span: to - from, maxPoints },
    async () => {
      // Points at t need the window ending at t: read from one window before `from`.
      const earliest = windowBounds(composite.window, from).start;
      const readTo = Math.min(to, at);
      return composite.semantics === 'events'
        ? sloSeries({
            definition,
            buckets: await figures.pooled(members, earliest, readTo),
            from,
            to,
            at,
            maxPoints,
          })
        : weightedCompositeSeries({
            objective: composite.objective,
            window: composite.window,
            at,
            members: await figures.weighted(members, earliest, readTo),
            from,
            to,
            maxPoints,
          });
    },
    { from, to },
  );
  return {
    sloId: composite.id,
    from,
    to,
    stepSeconds: series.stepSeconds,
    points: series.points,
  };
}
