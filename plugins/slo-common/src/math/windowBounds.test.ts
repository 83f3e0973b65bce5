import { DateTime } from 'luxon';
import { calendarWindow, rollingWindow } from './parseWindow';
import { windowBounds } from './windowBounds';

const t = (iso: string) => DateTime.fromISO(iso, { setZone: true }).toSeconds();

describe('windowBounds', () => {
  it('gives [at - duration, at) for rolling windows', () => {
    const at = t('2026-11-15T12:00:00Z');
    expect(windowBounds(rollingWindow(30 * 86400), at)).toEqual({
      start: at - 2592000,
      end: at,
      periodEnd: at,
      periodSeconds: 2592000,
    });
  });

  it.each([
    // [window, at, start, periodEnd, days in period]
    ['month UTC Feb 2026 has 28 days', calendarWindow('month'), '2026-02-10T05:00:00Z', '2026-02-01T00:00:00Z', '2026-03-01T00:00:00Z', 28],
    ['month UTC Feb 2028 (leap) has 29 days', calendarWindow('month'), '2028-02-29T23:59:00Z', '2028-02-01T00:00:00Z', '2028-03-01T00:00:00Z', 29],
    ['month UTC Jan has 31 days', calendarWindow('month'), '2026-01-31T23:55:00Z', '2026-01-01T00:00:00Z', '2026-02-01T00:00:00Z', 31],
    ['ISO week starts Monday', calendarWindow('week'), '2026-11-19T10:00:00Z', '2026-11-16T00:00:00Z', '2026-11-23T00:00:00Z', 7],
    ['quarter Q4', calendarWindow('quarter'), '2026-11-19T10:00:00Z', '2026-10-01T00:00:00Z', '2027-01-01T00:00:00Z', 92],
    ['month in Berlin starts at local midnight', calendarWindow('month', 'Europe/Berlin'), '2026-11-15T00:00:00Z', '2026-10-31T23:00:00Z', '2026-11-30T23:00:00Z', 30],
    ['UTC 23:30 on Oct 31 is already November in Berlin', calendarWindow('month', 'Europe/Berlin'), '2026-10-31T23:30:00Z', '2026-10-31T23:00:00Z', '2026-11-30T23:00:00Z', 30],
  ])('%s', (_, window, at, start, periodEnd, days) => {
    const bounds = windowBounds(window, t(at));
    expect(bounds.start).toBe(t(start));
    expect(bounds.end).toBe(t(at));
    expect(bounds.periodEnd).toBe(t(periodEnd));
    expect(bounds.periodSeconds).toBe(days * 86400);
  });

  it('handles DST: March in Berlin is one hour short, October one hour long', () => {
    const march = windowBounds(calendarWindow('month', 'Europe/Berlin'), t('2026-03-15T00:00:00Z'));
    expect(march.start).toBe(t('2026-03-01T00:00:00+01:00'));
    expect(march.periodEnd).toBe(t('2026-04-01T00:00:00+02:00'));
    expect(march.periodSeconds).toBe(31 * 86400 - 3600);

    const october = windowBounds(calendarWindow('month', 'Europe/Berlin'), t('2026-10-26T00:00:00Z'));
    expect(october.periodSeconds).toBe(31 * 86400 + 3600);

    // The week that contains the switch in New York (Nov 1, 2026) has 7 days + 1 hour.
    const week = windowBounds(calendarWindow('week', 'America/New_York'), t('2026-10-30T12:00:00Z'));
    expect(week.start).toBe(t('2026-10-26T00:00:00-04:00'));
    expect(week.periodSeconds).toBe(7 * 86400 + 3600);
  });

  it('starts an empty window exactly at a period boundary', () => {
    const at = t('2026-12-01T00:00:00Z');
    const bounds = windowBounds(calendarWindow('month'), at);
    expect(bounds.start).toBe(at);
    expect(bounds.end).toBe(at);
  });
});
