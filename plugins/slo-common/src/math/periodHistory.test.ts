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
