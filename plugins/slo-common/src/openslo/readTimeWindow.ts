import { DateTime, IANAZone } from 'luxon';
import { parseDuration } from '../math/parseDuration';
import { calendarWindow, rollingWindow } from '../math/parseWindow';
import type { SloWindow } from '../model/SloDefinition';
import { childPath } from '../parse/ProblemCollector';
import { isRecord, OpenSloDocument, OpenSloProblems } from './openSloDocuments';

/** v1alpha's `{count, unit}` units as durations. */
const ALPHA_UNITS: Record<string, string> = { Second: 's', Minute: 'm', Hour: 'h', Day: 'd', Week: 'w', Month: 'M', Quarter: 'Q', Year: 'Y' };
/** The calendar durations the engine has periods for. */
const CALENDAR_UNITS: Record<string, 'week' | 'month' | 'quarter'> = { '1w': 'week', '7d': 'week', '1M': 'month', '1Q': 'quarter', '3M': 'quarter' };

/** Reads `spec.timeWindow` (v1alpha: `timeWindows`): one rolling or calendar window. */
export function readTimeWindow(
  problems: OpenSloProblems,
  document: OpenSloDocument,
  spec: Record<string, unknown>,
  apiVersion: string,
): SloWindow | undefined {
  const key = apiVersion === 'openslo/v1alpha' ? 'timeWindows' : 'timeWindow';
  const list = spec[key];
  const item = Array.isArray(list) ? list[0] : undefined;
  const path = `spec.${key}[0]`;
  if (!isRecord(item) || (Array.isArray(list) && list.length !== 1)) {
    problems.report(document, `spec.${key}`, `spec.${key} must be a list with one time window.`, {
      found: list,
      expected: `${key}: [{duration: 30d, isRolling: true}]`,
    });
    return undefined;
  }
  let duration = item.duration;
  if (duration === undefined && typeof item.count === 'number' && typeof item.unit === 'string') {
    duration = `${item.count}${ALPHA_UNITS[item.unit] ?? item.unit}`;
  }
  const text = typeof duration === 'string' ? duration.trim() : '';
  const isRolling = item.isRolling !== false && !isRecord(item.calendar);
  if (isRolling) {
    const seconds = parseDuration(text);
    if (seconds === undefined || !Number.isInteger(seconds) || seconds < 3600 || seconds > 366 * 86400) {
      problems.report(document, childPath(path, 'duration'), `the rolling window "${text}" is not a duration between 1h and 366d (months and years vary in length: use a calendar window for them).`, {
        found: duration,
        expected: 'a duration such as 30d or 4w',
      });
      return undefined;
    }
    return rollingWindow(seconds);
  }
  const unit = CALENDAR_UNITS[text];
  const calendar = isRecord(item.calendar) ? item.calendar : {};
  const timeZone = typeof calendar.timeZone === 'string' ? calendar.timeZone : 'UTC';
  if (!unit) {
    problems.report(document, childPath(path, 'duration'), `the calendar window "${text}" is not a week, month or quarter.`, {
      found: duration,
      expected: '1w, 1M or 1Q',
    });
    return undefined;
  }
  if (!IANAZone.isValidZone(timeZone)) {
    problems.report(document, childPath(path, 'calendar.timeZone'), `"${timeZone}" is not a known IANA time zone.`, {
      found: timeZone,
      expected: 'an IANA time zone such as UTC or Europe/Berlin',
    });
    return undefined;
  }
  if (calendar.startTime !== undefined && !periodStartsAt(calendar.startTime, unit, timeZone)) {
    problems.report(document, childPath(path, 'calendar.startTime'), `calendar periods start at local midnight on a Monday (week), the 1st of a month (month) or of January, April, July and October (quarter); a ${unit} starting at ${JSON.stringify(calendar.startTime)} is not supported yet.`, {
      found: calendar.startTime,
      expected: `a startTime such as "2024-01-01 00:00:00" that begins a ${unit}`,
    });
    return undefined;
  }
  return calendarWindow(unit, timeZone);
}

/** Whether OpenSLO's `startTime` ("2024-01-01 00:00:00", in the window's zone) begins a period of the unit. */
function periodStartsAt(startTime: unknown, unit: 'week' | 'month' | 'quarter', timeZone: string): boolean {
  if (typeof startTime !== 'string') return false;
  const start = DateTime.fromFormat(startTime.trim(), 'yyyy-MM-dd HH:mm:ss', { zone: timeZone });
  const alt = start.isValid ? start : DateTime.fromISO(startTime.trim(), { zone: timeZone });
  return alt.isValid && alt.equals(alt.startOf(unit, { useLocaleWeeks: false }));
}
