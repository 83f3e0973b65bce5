import { DateTime } from 'luxon';
import type { SloPeriod } from '../api/types';
import type { EventBucket } from '../model/EventBucket';
import type { SloDefinition, SloObjective } from '../model/SloDefinition';
import { BucketIndex } from './BucketIndex';
import { resolveObjective } from './evaluateSlo';
import { periodVerdict, verdictMet } from './periodVerdict';
import { calendarPeriod } from './windowBounds';

/**
 * Input of {@link periodHistory}.
 *
 * @public
 */
export interface PeriodHistoryInput {
  definition: SloDefinition;
  buckets: readonly EventBucket[] | BucketIndex;
  /** Evaluation time, epoch seconds; the period containing it is the last, in progress. */
  at: number;
  period: 'week' | 'month' | 'quarter';
  /** How many periods, the current one included. */
  count: number;
  /** Objective by value or name; default the primary one. */
  objective?: SloObjective | string;
  /**
   * Fewest events a period needs for a verdict when the SLO sets no
   * `minimumEvents` itself (app-config `slo.minimumEvents`). Default 0.
   */
  minimumEvents?: number;
  /**
   * Zone of the periods of an SLO with a rolling window (a review's zone).
   * Default UTC. A calendar window always uses its own zone.
   */
  timeZone?: string;
}

/**
 * Human label of the period starting at `start`: `2026-10`, `2026-W44`, `2026-Q4`.
 *
 * @public
 */
export function periodLabel(period: 'week' | 'month' | 'quarter', start: DateTime): string {
  if (period === 'week') return start.toFormat("kkkk-'W'WW");
  if (period === 'quarter') return start.toFormat("yyyy-'Q'q");
  return start.toFormat('yyyy-MM');
}

/**
 * Attainment per calendar period (ISO weeks, months or quarters), oldest
 * first, the last one being the period that contains `at` (marked
 * `inProgress`, summed up to `at`). Periods follow the SLO window's time zone
 * when it is a calendar window, `timeZone` (default UTC) otherwise. Each period's `verdict` comes
 * from {@link periodVerdict}: a period with fewer events than the SLO's
 * minimum is `low-traffic` and one without events `no-data`, both with `met`
 * null. `coverage` is the share of the period (so far) that stored buckets
 * cover.
 *
 * @public
 */
export function periodHistory(input: PeriodHistoryInput): SloPeriod[] {
  const { definition, at, period } = input;
  const index = BucketIndex.from(input.buckets);
  const target = resolveObjective(definition, input.objective).target;
  const minimumEvents = definition.minimumEvents ?? input.minimumEvents ?? 0;
  const zone =
    definition.window.type === 'calendar'
      ? definition.window.timeZone
      : input.timeZone ?? 'UTC';
  const count = Math.max(0, Math.min(1000, Math.floor(input.count)));

  const periods: SloPeriod[] = [];
  for (const { start, end, label } of calendarPeriodSpans(period, zone, at, count)) {
    const sumEnd = Math.min(end, at);
    const sums = index.sum(start, sumEnd);
    const good = Math.min(sums.good, sums.total);
    const sli = sums.total > 0 ? good / sums.total : null;
    const verdict = periodVerdict({ good, total: sums.total, target, minimumEvents });
    periods.push({
      start,
      end,
      label,
      good,
      total: sums.total,
      sli,
      verdict,
      met: verdictMet(verdict),
      inProgress: at < end,
      coverage: sumEnd > start ? Math.min(1, sums.coveredSeconds / (sumEnd - start)) : 0,
    });
  }
  return periods;
}

/**
 * The last `count` calendar periods (ISO weeks, months or quarters) in
 * `zone` up to the one containing `at`, oldest first, as
 * {@link periodHistory} reports them.
 *
 * @public
 */
export function calendarPeriodSpans(
  period: 'week' | 'month' | 'quarter',
  zone: string,
  at: number,
  count: number,
): Array<{ start: number; end: number; label: string }> {
  const current = DateTime.fromSeconds(calendarPeriod(period, zone, at).start, { zone });
  const spans: Array<{ start: number; end: number; label: string }> = [];
  for (let back = count - 1; back >= 0; back--) {
    const startTime = current.minus({ [`${period}s`]: back });
    spans.push({
      start: startTime.toSeconds(),
      end: startTime.plus({ [`${period}s`]: 1 }).toSeconds(),
      label: periodLabel(period, startTime),
    });
  }
  return spans;
}
