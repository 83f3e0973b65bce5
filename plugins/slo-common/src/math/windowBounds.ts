import { DateTime } from 'luxon';
import type { SloWindow } from '../model/SloDefinition';

/**
 * The time range an SLO window covers at one moment. Epoch seconds; ranges are
 * half-open `[start, end)`.
 *
 * @public
 */
export interface WindowBounds {
  /** Rolling: `at − duration`. Calendar: the start of the period that contains `at`, in the window's zone. */
  start: number;
  /** Always `at`: the window "so far". */
  end: number;
  /** End of the whole window: `at` for rolling windows, the period's end for calendar ones. */
  periodEnd: number;
  /** `periodEnd − start`: the whole window's length (a calendar month is 28 to 31 days, DST included). */
  periodSeconds: number;
}

/**
 * The calendar period (week, month or quarter) that contains `at`, computed in
 * `timeZone` so that month lengths and DST changes come out right. Weeks are
 * ISO weeks, starting on Monday.
 *
 * @public
 */
export function calendarPeriod(
  unit: 'week' | 'month' | 'quarter',
  timeZone: string,
  at: number,
): { start: number; end: number } {
  const local = DateTime.fromSeconds(at, { zone: timeZone });
  const start = local.startOf(unit);
  const end = start.plus({ [`${unit}s`]: 1 });
  return { start: start.toSeconds(), end: end.toSeconds() };
}

/**
 * Where a window starts and ends at time `at` (epoch seconds).
 *
 * - rolling: `[at − duration, at)`;
 * - calendar: from the start of the current period in the window's zone to
 *   `at`, with `periodEnd` the end of the whole period.
 *
 * At exactly a period's start the calendar window "so far" is empty.
 *
 * @public
 */
export function windowBounds(window: SloWindow, at: number): WindowBounds {
  if (window.type === 'rolling') {
    return {
      start: at - window.durationSeconds,
      end: at,
      periodEnd: at,
      periodSeconds: window.durationSeconds,
    };
  }
  const period = calendarPeriod(window.unit, window.timeZone, at);
  return {
    start: period.start,
    end: at,
    periodEnd: period.end,
    periodSeconds: period.end - period.start,
  };
}
