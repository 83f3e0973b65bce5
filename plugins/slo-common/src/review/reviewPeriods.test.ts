import { DateTime } from 'luxon';
import { makeBuckets, testDefinition } from '../math/testDefinitions';
import { reviewPeriods } from './reviewPeriods';

const t = (iso: string) => DateTime.fromISO(iso, { setZone: true }).toSeconds();

describe('reviewPeriods', () => {
  const at = t('2026-11-20T10:40:00Z');
  const incidentStart = t('2026-11-10T08:00:00Z');
  const incidentEnd = incidentStart + 2 * 3600;
  // 5-minute buckets of 2000 events; 1 bad per bucket (half the budget), 600 during the incident.
  const fine = makeBuckets(t('2026-09-25T00:00:00Z'), at, 300, (_, start) => ({
    good: start >= incidentStart && start < incidentEnd ? 1400 : 1999,
    total: 2000,
  }));

  it('gives counts, budget spent, page minutes and the episode of each period', () => {
    const periods = reviewPeriods({
      definition: testDefinition({ target: 0.999 }),
      buckets: fine,
      at,
      period: 'month',
      count: 2,
      bucketSeconds: 300,
    });
    expect(periods.map(p => p.label)).toEqual(['2026-10', '2026-11']);
    const [october, november] = periods;
    expect(october.total).toBe(31 * 288 * 2000);
    // 1 bad in 2000 is half the 99.9% budget.
    expect(october.budgetSpent).toBeCloseTo(0.5, 12);
    expect(october.exact).toBe(true);
    expect(october.episodes).toEqual([]);
    expect(october.pageMinutes).toBe(0);
    // Fine buckets from Sep 25: alert states (three days of windows) are known all October.
    expect(october.episodesFrom).toBe(october.start);

    const buckets = (at - t('2026-11-01T00:00:00Z')) / 300;
    const bad = buckets + 24 * 599;
    expect(november.total).toBe(buckets * 2000);
    expect(november.budgetSpent).toBeCloseTo(bad / (buckets * 2000 * 0.001), 9);
    expect(november.inProgress).toBe(true);
    expect(november.episodes).toHaveLength(1);
    const [episode] = november.episodes;
    expect(episode.start).toBe(incidentStart);
    expect(episode.severity).toBe('page');
    // The 6× page rule's 30-minute short window still holds the incident for 25 minutes after it.
    expect(episode.pageMinutes).toBe(120 + 25);
    expect(november.pageMinutes).toBe(145);
    expect(episode.peakBurnRate).toBeGreaterThan(14.4);
    expect(episode.ongoing).toBe(false);
    // Ticket rules keep firing while the incident is inside their short windows.
    expect(episode.end).toBeGreaterThan(incidentEnd);
    expect(episode.budgetSpent).toBeGreaterThan(0);
  });

  it('follows the review zone across a DST change, and says when a coarse bucket straddles a boundary', () => {
    const hourly = makeBuckets(
      t('2026-09-01T00:00:00Z'),
      t('2026-10-15T00:00:00Z'),
      3600,
      () => ({
        good: 99,
        total: 100,
      }),
    );
    const berlin = reviewPeriods({
      definition: testDefinition(),
      buckets: hourly,
      at: t('2026-11-20T00:00:00Z'),
      period: 'week',
      count: 12,
      bucketSeconds: 300,
      timeZone: 'Europe/Berlin',
    });
    const week = berlin.find(p => p.label === '2026-W40')!;
    // Monday 2026-09-28 00:00 in Berlin is 22:00 UTC the day before (summer time).
    expect(week.start).toBe(t('2026-09-27T22:00:00Z'));
    expect(week.total).toBe(7 * 24 * 100);
    expect(week.exact).toBe(true);
    // Hourly buckets: no alert state can be known.
    expect(week.pageMinutes).toBeNull();
    expect(week.episodesFrom).toBeNull();

    const kolkata = reviewPeriods({
      definition: testDefinition(),
      buckets: hourly,
      at: t('2026-11-20T00:00:00Z'),
      period: 'month',
      count: 3,
      bucketSeconds: 300,
      timeZone: 'Asia/Kolkata',
    });
    const october = kolkata.find(p => p.label === '2026-10')!;
    expect(october.exact).toBe(false);
    expect(october.approximateReason).toMatch(
      /60 minutes straddles the period's start/,
    );
  });
});
