import { DateTime } from 'luxon';
import { periodLabel } from '../math/periodHistory';
import { calendarPeriod } from '../math/windowBounds';
import type { ReviewPeriodUnit, SloReviewPeriod } from './reviewPeriods';
import type {
  ReviewPeriodRef,
  ReviewSlo,
  ReviewTeamPeriod,
} from './reviewTypes';

/**
 * The calendar periods a review shows, oldest first: `count` periods of
 * `period` in `timeZone`, the last one the period holding `to` (default
 * `now`), never later than the period holding `now`.
 *
 * @public
 */
export function reviewPeriodRefs(
  query: {
    period: ReviewPeriodUnit;
    count: number;
    timeZone: string;
    /** A time inside the last period, epoch seconds. */
    to?: number;
  },
  now: number,
): ReviewPeriodRef[] {
  const zone = query.timeZone;
  const unit = query.period;
  const lastEnd =
    query.to === undefined ? now : calendarPeriod(unit, zone, query.to).end;
  const at = Math.min(now, lastEnd);
  const last = DateTime.fromSeconds(calendarPeriod(unit, zone, at - 1).start, {
    zone,
  });
  const refs: ReviewPeriodRef[] = [];
  for (let back = query.count - 1; back >= 0; back--) {
    const start = last.minus({ [`${unit}s`]: back });
    const end = start.plus({ [`${unit}s`]: 1 });
    refs.push({
      start: start.toSeconds(),
      end: end.toSeconds(),
      label: periodLabel(unit, start),
      current: start.toSeconds() <= now && now < end.toSeconds(),
    });
  }
  return refs;
}

/**
 * A set of SLOs' figures in one review period (index `i` of each SLO's
 * periods): how many met, missed or could not be judged, how many overspent
 * their budget, their burn episodes and paging minutes. The one definition
 * of a team's and the organisation's row in the review, its CSV and its page.
 *
 * @public
 */
export function reviewTeamPeriod(
  slos: readonly ReviewSlo[],
  i: number,
  label: string,
): ReviewTeamPeriod {
  let met = 0;
  let missed = 0;
  let overspent = 0;
  let episodes = 0;
  let pageMinutes: number | null = null;
  for (const slo of slos) {
    const period = slo.periods[i];
    if (!period) continue;
    if (period.met === true) met++;
    if (period.met === false) missed++;
    if (period.budgetSpent !== null && period.budgetSpent > 1) overspent++;
    episodes += period.episodes.length;
    if (period.pageMinutes !== null)
      pageMinutes = (pageMinutes ?? 0) + period.pageMinutes;
  }
  return {
    label,
    slos: slos.length,
    met,
    missed,
    unjudged: slos.length - met - missed,
    shareMet: met + missed === 0 ? null : met / (met + missed),
    overspent,
    episodes,
    pageMinutes,
  };
}

/**
 * The figures a review ranks one SLO by: finished periods missed and judged,
 * the worst budget spent in any period (the current one too), paging hours
 * where known, and burn episodes.
 *
 * @public
 */
export function reviewRankingFigures(
  periods: readonly SloReviewPeriod[],
): Pick<
  ReviewSlo,
  | 'missedPeriods'
  | 'judgedPeriods'
  | 'worstBudgetSpent'
  | 'pagingHours'
  | 'episodes'
> {
  const finished = periods.filter(p => !p.inProgress);
  let worst: ReviewSlo['worstBudgetSpent'] = null;
  for (const period of periods) {
    if (
      period.budgetSpent !== null &&
      (worst === null || period.budgetSpent > worst.value)
    ) {
      worst = { value: period.budgetSpent, label: period.label };
    }
  }
  const known = periods.filter(p => p.pageMinutes !== null);
  return {
    missedPeriods: finished.filter(p => p.met === false).length,
    judgedPeriods: finished.filter(p => p.met !== null).length,
    worstBudgetSpent: worst,
    pagingHours:
      known.length === 0
        ? null
        : known.reduce((sum, p) => sum + (p.pageMinutes ?? 0), 0) / 60,
    episodes: periods.reduce((sum, p) => sum + p.episodes.length, 0),
  };
}
