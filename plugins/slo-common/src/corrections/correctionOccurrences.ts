import { DateTime } from 'luxon';
import {
  MAX_CORRECTION_OCCURRENCES,
  type CorrectionOccurrence,
  type RecurrenceRule,
  type SloCorrection,
} from './SloCorrection';

/** A calendar date, as a UTC midnight: date arithmetic without daylight-saving shifts. */
type LocalDate = DateTime;

/** Periods to look at before giving up: guards against a rule that matches nothing (BYDAY=5SU with INTERVAL=12 can skip years). */
const MAX_PERIODS = 100_000;

function dateOf(time: DateTime): LocalDate {
  return DateTime.utc(time.year, time.month, time.day);
}

/** The candidate dates of period `k` of a rule, ascending. */
function datesOfPeriod(rule: RecurrenceRule, first: LocalDate, k: number): LocalDate[] {
  const step = k * rule.interval;
  if (rule.frequency === 'daily') {
    const date = first.plus({ days: step });
    return !rule.byDay || rule.byDay.some(d => d.weekday === date.weekday) ? [date] : [];
  }
  if (rule.frequency === 'weekly') {
    const weekStart = first.minus({ days: first.weekday - 1 }).plus({ weeks: step });
    const weekdays = rule.byDay ? [...new Set(rule.byDay.map(d => d.weekday))].sort((a, b) => a - b) : [first.weekday];
    return weekdays.map(weekday => weekStart.plus({ days: weekday - 1 }));
  }
  const monthStart = first.startOf('month').plus({ months: step });
  const daysInMonth = monthStart.daysInMonth ?? 31;
  if (!rule.byDay) {
    // RFC 5545: a month without the start's day (the 31st) has no occurrence.
    return first.day <= daysInMonth ? [monthStart.set({ day: first.day })] : [];
  }
  const days = new Set<number>();
  for (const { weekday, ordinal } of rule.byDay) {
    const matching: number[] = [];
    for (let day = 1; day <= daysInMonth; day++) {
      if (monthStart.set({ day }).weekday === weekday) matching.push(day);
    }
    if (ordinal === undefined) matching.forEach(day => days.add(day));
    else {
      const day = ordinal > 0 ? matching[ordinal - 1] : matching[matching.length + ordinal];
      if (day !== undefined) days.add(day);
    }
  }
  return [...days].sort((a, b) => a - b).map(day => monthStart.set({ day }));
}

/** Whole periods between the first date and `date`, to start expanding near a range instead of at the first occurrence. */
function periodsBefore(rule: RecurrenceRule, first: LocalDate, date: LocalDate): number {
  let periods: number;
  if (rule.frequency === 'daily') periods = date.diff(first, 'days').days;
  else if (rule.frequency === 'weekly') periods = date.diff(first.minus({ days: first.weekday - 1 }), 'weeks').weeks;
  else periods = (date.year - first.year) * 12 + (date.month - first.month);
  return Math.max(0, Math.floor(periods / rule.interval) - 1);
}

/**
 * The occurrences of a correction that overlap `[from, to)` (epoch
 * seconds), oldest first, at most `limit` of them.
 *
 * A recurring correction's occurrences start at the local time of day of its
 * `start` in its `timeZone`, on the dates the rule gives (RFC 5545), so a
 * 02:00–03:00 window stays at 02:00 local across a daylight-saving change;
 * each lasts `durationSeconds` of elapsed time. A local time that does not
 * exist on a date (skipped by a spring-forward change) moves forward by the
 * gap, as RFC 5545 says; one that exists twice (a fall-back change) is the
 * standard-time one, the later instant (luxon's choice). Dates before `start` never occur; COUNT counts from `start`.
 *
 * @public
 */
export function correctionOccurrences(
  correction: Pick<SloCorrection, 'start' | 'durationSeconds' | 'timeZone' | 'recurrence'>,
  range: { from: number; to: number },
  limit: number = MAX_CORRECTION_OCCURRENCES,
): CorrectionOccurrence[] {
  const { start, durationSeconds, recurrence: rule } = correction;
  if (!rule) {
    const end = start + durationSeconds;
    return end > range.from && start < range.to && limit > 0 ? [{ start, end }] : [];
  }
  const zone = correction.timeZone;
  const first = DateTime.fromSeconds(start, { zone });
  if (!first.isValid) return [];
  const timeOfDay = { hour: first.hour, minute: first.minute, second: first.second, millisecond: first.millisecond };
  const firstDate = dateOf(first);
  const occurrences: CorrectionOccurrence[] = [];
  // With COUNT every occurrence from the start counts; without it, skip to just before the range.
  const skip = rule.count === undefined
    ? periodsBefore(rule, firstDate, dateOf(DateTime.fromSeconds(Math.max(start, range.from - durationSeconds), { zone })))
    : 0;
  let counted = 0;
  for (let k = skip; k < skip + MAX_PERIODS; k++) {
    for (const date of datesOfPeriod(rule, firstDate, k)) {
      const local = DateTime.fromObject({ year: date.year, month: date.month, day: date.day, ...timeOfDay }, { zone });
      const occurrenceStart = local.toSeconds();
      if (occurrenceStart < start) continue;
      if (rule.until !== undefined && occurrenceStart > rule.until) return occurrences;
      if (rule.count !== undefined && counted >= rule.count) return occurrences;
      counted++;
      if (occurrenceStart >= range.to) return occurrences;
      const end = occurrenceStart + durationSeconds;
      if (end > range.from) {
        occurrences.push({ start: occurrenceStart, end });
        if (occurrences.length >= limit) return occurrences;
      }
    }
  }
  return occurrences;
}

/**
 * How many occurrences a bounded correction (one-off, or with COUNT or
 * UNTIL) has in all, counting up to `cap + 1`; `undefined` for a rule
 * without an end, whose occurrences are only expanded over the range a
 * figure reads.
 *
 * @public
 */
export function countCorrectionOccurrences(
  correction: Pick<SloCorrection, 'start' | 'durationSeconds' | 'timeZone' | 'recurrence'>,
  cap: number = MAX_CORRECTION_OCCURRENCES,
): number | undefined {
  const rule = correction.recurrence;
  if (!rule) return 1;
  if (rule.count !== undefined) return Math.min(rule.count, cap + 1);
  if (rule.until === undefined) return undefined;
  return correctionOccurrences(correction, { from: correction.start, to: rule.until + 1 }, cap + 1).length;
}
