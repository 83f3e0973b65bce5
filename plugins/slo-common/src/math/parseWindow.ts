import { IANAZone } from 'luxon';
import type { SloWindow } from '../model/SloDefinition';
import { describeType } from '../util/describeType';
import { didYouMean } from '../util/didYouMean';
import type { ParseResult } from './ParseResult';
import { parseDuration } from './parseDuration';

/** The calendar units a window can follow. */
const CALENDAR_UNITS = ['week', 'month', 'quarter'] as const;

/** Rolling windows shorter than this cannot hold the 5-minute alert windows meaningfully. */
const MIN_ROLLING_SECONDS = 3600;
/** Longer than a year is not an SLO window but a report. */
const MAX_ROLLING_SECONDS = 366 * 86400;

const EXPECTED_WINDOW =
  'a rolling duration such as 30d, 28d, 7d or 1h; or week, month, quarter; or {calendar: month, timeZone: Europe/Berlin}';

/**
 * Nominal length of a calendar unit, for what needs one fixed number (alert
 * window scaling, rules export): week 7d, month 30d, quarter 90d.
 *
 * @public
 */
export const CALENDAR_NOMINAL_SECONDS: Record<'week' | 'month' | 'quarter', number> = {
  week: 7 * 86400,
  month: 30 * 86400,
  quarter: 90 * 86400,
};

/**
 * The canonical spelling of a duration in its largest whole unit (d, h, m, s):
 * `4w → 28d`, `1h30m → 90m`. Used as a rolling window's label so that the
 * same window always reads the same way (and survives an OpenSLO round trip).
 *
 * @public
 */
export function canonicalDuration(seconds: number): string {
  for (const [unit, size] of [
    ['d', 86400],
    ['h', 3600],
    ['m', 60],
  ] as const) {
    if (seconds % size === 0) return `${seconds / size}${unit}`;
  }
  return `${seconds}s`;
}

/**
 * Builds a calendar window; `timeZone` defaults to UTC.
 *
 * @public
 */
export function calendarWindow(
  unit: 'week' | 'month' | 'quarter',
  timeZone = 'UTC',
): SloWindow {
  return {
    type: 'calendar',
    unit,
    timeZone,
    label: timeZone === 'UTC' ? unit : `${unit} (${timeZone})`,
  };
}

/**
 * Builds a rolling window of the given length.
 *
 * @public
 */
export function rollingWindow(durationSeconds: number): SloWindow {
  return { type: 'rolling', durationSeconds, label: canonicalDuration(durationSeconds) };
}

function parseCalendarUnit(value: unknown): ParseResult<'week' | 'month' | 'quarter'> {
  const text = typeof value === 'string' ? value.trim().toLowerCase() : undefined;
  if (text && (CALENDAR_UNITS as readonly string[]).includes(text)) {
    return { ok: true, value: text as 'week' | 'month' | 'quarter' };
  }
  return {
    ok: false,
    message: `"${String(value)}" is not a calendar unit.`,
    expected: 'week, month or quarter',
    didYouMean: typeof value === 'string' ? didYouMean(value, CALENDAR_UNITS) : undefined,
  };
}

function parseRolling(value: unknown): ParseResult<SloWindow> {
  const seconds = parseDuration(value);
  if (seconds === undefined) {
    return {
      ok: false,
      message: `"${String(value)}" is not a window: write a duration such as 30d, or a calendar unit.`,
      expected: EXPECTED_WINDOW,
    };
  }
  if (seconds < MIN_ROLLING_SECONDS || seconds > MAX_ROLLING_SECONDS) {
    return {
      ok: false,
      message: `A rolling window must be between 1h and 366d; "${String(value)}" is not.`,
      expected: 'a duration between 1h and 366d, such as 30d',
    };
  }
  if (!Number.isInteger(seconds)) {
    return { ok: false, message: 'A rolling window must be a whole number of seconds.', expected: EXPECTED_WINDOW };
  }
  return { ok: true, value: rollingWindow(seconds) };
}

/**
 * Parses the `window` of an SLO. Accepted spellings:
 *
 * - a rolling duration: `30d`, `28d`, `7d`, `90d`, `1h`, `4w` (1h to 366d);
 * - a calendar unit in UTC: `week` (ISO, from Monday), `month`, `quarter`;
 * - `{calendar: month, timeZone: Europe/Berlin}` (timeZone optional, an IANA zone);
 * - `{rolling: 30d}`.
 *
 * @public
 */
export function parseWindow(value: unknown): ParseResult<SloWindow> {
  if (typeof value === 'string') {
    const text = value.trim();
    if ((CALENDAR_UNITS as readonly string[]).includes(text.toLowerCase())) {
      return { ok: true, value: calendarWindow(text.toLowerCase() as 'week' | 'month' | 'quarter') };
    }
    const rolling = parseRolling(text);
    if (!rolling.ok && /^[a-z]+$/i.test(text)) {
      return { ...rolling, didYouMean: didYouMean(text, CALENDAR_UNITS) };
    }
    return rolling;
  }
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record);
    const allowed = ['calendar', 'timeZone', 'rolling'];
    const unknown = keys.find(key => !allowed.includes(key));
    if (unknown !== undefined) {
      return {
        ok: false,
        message: `Unknown window key "${unknown}".`,
        expected: 'calendar and timeZone, or rolling',
        didYouMean: didYouMean(unknown, allowed),
      };
    }
    if ('rolling' in record) {
      if (keys.length > 1) {
        return {
          ok: false,
          message: 'A window is either rolling or calendar, not both.',
          expected: '{rolling: 30d} or {calendar: month, timeZone: UTC}',
        };
      }
      return parseRolling(record.rolling);
    }
    if (!('calendar' in record)) {
      return {
        ok: false,
        message: 'A window mapping needs a "calendar" unit.',
        expected: '{calendar: month, timeZone: Europe/Berlin}',
      };
    }
    const unit = parseCalendarUnit(record.calendar);
    if (!unit.ok) return unit;
    const timeZone = record.timeZone ?? 'UTC';
    if (typeof timeZone !== 'string' || !IANAZone.isValidZone(timeZone)) {
      return {
        ok: false,
        message: `"${String(timeZone)}" is not a known IANA time zone.`,
        expected: 'an IANA time zone such as UTC, Europe/Berlin or America/New_York',
      };
    }
    return { ok: true, value: calendarWindow(unit.value, timeZone) };
  }
  return {
    ok: false,
    message: `The window must be a duration, a calendar unit or a mapping, not ${describeType(value)}.`,
    expected: EXPECTED_WINDOW,
  };
}

/**
 * The length the window's alert windows are scaled by: the rolling duration,
 * or the calendar unit's nominal length ({@link CALENDAR_NOMINAL_SECONDS}).
 *
 * @public
 */
export function nominalWindowSeconds(window: SloWindow): number {
  return window.type === 'rolling' ? window.durationSeconds : CALENDAR_NOMINAL_SECONDS[window.unit];
}
