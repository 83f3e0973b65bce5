import { DateTime } from 'luxon';
import { periodHistory } from './periodHistory';
import { makeBuckets, testDefinition } from './testDefinitions';

const t = (iso: string) => DateTime.fromISO(iso, { setZone: true }).toSeconds();

describe('periodHistory', () => {
  // Hour buckets from Aug 1 to Nov 15 noon (UTC); 100 events each.
  // September: 1 bad per bucket (99%); October: all good; November: 1 bad in 1000 hours.
  const at = t('2026-11-15T12:00:00Z');
  const buckets = makeBuckets(t('2026-09-01T00:00:00Z'), at, 3600, (_, start) => {
    if (start < t('2026-10-01T00:00:00Z')) return { good: 99, total: 100 };
    return { good: 100, total: 100 };
  });

  it('gives one entry per month, oldest first, the current one in progress', () => {
    const periods = periodHistory({
      definition: testDefinition({ target: 0.995 }),
      buckets,
      at,
      period: 'month',
      count: 4,
    });
    expect(periods.map(p => [p.label, p.total, p.met, p.inProgress])).toEqual([
      ['2026-08', 0, null, false],
      ['2026-09', 30 * 24 * 100, false, false],
      ['2026-10', 31 * 24 * 100, true, false],
      ['2026-11', (14 * 24 + 12) * 100, true, true],
    ]);
    expect(periods[1].sli).toBeCloseTo(0.99, 12);
    expect(periods[0].sli).toBeNull();
    expect(periods[0].coverage).toBe(0);
    expect(periods[3].coverage).toBe(1);
    expect(periods[3].start).toBe(t('2026-11-01T00:00:00Z'));
    expect(periods[3].end).toBe(t('2026-12-01T00:00:00Z'));
  });

  it('labels ISO weeks, including week 53 across the new year', () => {
    const periods = periodHistory({
      definition: testDefinition(),
      buckets: [],
      at: t('2027-01-06T00:00:00Z'),
      period: 'week',
      count: 3,
    });
    expect(periods.map(p => p.label)).toEqual(['2026-W52', '2026-W53', '2027-W01']);
    expect(periods[1].start).toBe(t('2026-12-28T00:00:00Z'));
  });

  it('follows a calendar window time zone', () => {
    const periods = periodHistory({
      definition: testDefinition({ window: { calendar: 'month', timeZone: 'Europe/Berlin' } }),
      buckets: [],
      at: t('2026-11-15T00:00:00Z'),
      period: 'month',
      count: 2,
    });
    expect(periods[0]).toMatchObject({
      label: '2026-10',
      start: t('2026-10-01T00:00:00+02:00'),
      end: t('2026-11-01T00:00:00+01:00'),
    });
  });

  it('labels quarters', () => {
    const periods = periodHistory({ definition: testDefinition(), buckets: [], at, period: 'quarter', count: 2 });
    expect(periods.map(p => p.label)).toEqual(['2026-Q3', '2026-Q4']);
  });
});

describe('periodHistory below the minimum traffic', () => {
  // ~300 events a week and a minimum of 1,000: the weeks are too quiet to judge.
  const at = t('2026-11-18T12:00:00Z');
  const buckets = makeBuckets(t('2026-10-26T00:00:00Z'), at, 3600, index => ({
    good: index % 2 === 0 ? 2 : 1,
    total: 2,
  }));

  it('gives every quiet week "low-traffic" and no met flag', () => {
    const periods = periodHistory({
      definition: testDefinition({ target: 0.5, minimumEvents: 1000 }),
      buckets,
      at,
      period: 'week',
      count: 5,
    });
    expect(periods.map(p => [p.label, p.total, p.verdict, p.met])).toEqual([
      ['2026-W43', 0, 'no-data', null],
      ['2026-W44', 336, 'low-traffic', null],
      ['2026-W45', 336, 'low-traffic', null],
      ['2026-W46', 336, 'low-traffic', null],
      ['2026-W47', 120, 'low-traffic', null],
    ]);
  });

  it('uses the portal-wide minimum when the SLO sets none, and judges enough traffic', () => {
    const definition = testDefinition({ target: 0.5 });
    const judge = (minimumEvents?: number) =>
      periodHistory({ definition, buckets, at, period: 'month', count: 1, minimumEvents }).map(
        p => [p.total, p.verdict, p.met],
      );
    expect(judge(1000)).toEqual([[840, 'low-traffic', null]]);
    expect(judge(500)).toEqual([[840, 'met', true]]);
    expect(judge()).toEqual([[840, 'met', true]]);
  });
});
