import { sloSeries } from '../math/sloSeries';
import { makeBuckets, testDefinition } from '../math/testDefinitions';
import type { EventBucket } from '../model/EventBucket';
import { evaluateWeightedComposite } from './evaluateWeightedComposite';
import { poolBuckets } from './poolBuckets';
import { weightedCompositeHistory, weightedCompositeSeries } from './weightedCompositeHistory';

const DAY = 86400;
/** 2025-11-20T00:00:00Z. */
const AT = 1_763_596_800;
const window = { type: 'rolling' as const, durationSeconds: 7 * DAY, label: '7d' };

/** busy: 0.1% bad. quiet: 10 events an hour, 1 bad; none from 2025-11-10 to 2025-11-12. */
const busy = makeBuckets(AT - 80 * DAY, AT, 3600, () => ({ good: 999, total: 1000 }));
const quietGap = [AT - 10 * DAY, AT - 8 * DAY];
const quiet = makeBuckets(AT - 80 * DAY, AT, 3600, (_i, start) => {
  if (start >= quietGap[0] && start < quietGap[1]) return { good: 0, total: 0 };
  return start >= AT - 6 * 3600 ? { good: 2, total: 10 } : { good: 9, total: 10 };
});
const members = [
  { weight: 3, buckets: busy },
  { weight: 1, buckets: quiet },
];

/** The weighted SLI over `[start, end)`, from the buckets themselves. */
function truth(start: number, end: number): number | null {
  let weighted = 0;
  let weights = 0;
  for (const { weight, buckets } of members) {
    const inside = buckets.filter(b => b.start >= start && b.start + b.durationSeconds <= end);
    const total = inside.reduce((s, b) => s + b.total, 0);
    if (total === 0) continue;
    weighted += (weight * inside.reduce((s, b) => s + b.good, 0)) / total;
    weights += weight;
  }
  return weights > 0 ? weighted / weights : null;
}

const pooledEvents = (start: number, end: number) =>
  [busy, quiet]
    .flat()
    .filter((b: EventBucket) => b.start >= start && b.start + b.durationSeconds <= end)
    .reduce((s, b) => ({ good: s.good + b.good, total: s.total + b.total }), { good: 0, total: 0 });

describe('weightedCompositeHistory', () => {
  it("weights each member's SLI over each period, over the members with events in it", () => {
    const periods = weightedCompositeHistory({ objective: 0.95, window, at: AT, members, period: 'month', count: 4 });
    expect(periods.map(p => p.label)).toEqual(['2025-08', '2025-09', '2025-10', '2025-11']);
    // August is before any data, which starts with September.
    expect(periods[0]).toEqual(expect.objectContaining({ sli: null, verdict: 'no-data', met: null, total: 0, coverage: 0 }));
    for (const period of periods.slice(1)) {
      const end = Math.min(period.end, AT);
      const sli = truth(period.start, end)!;
      expect({ label: period.label, sli: period.sli }).toEqual({ label: period.label, sli: expect.closeTo(sli, 14) });
      expect({ good: period.good, total: period.total }).toEqual(pooledEvents(period.start, end));
      expect(period.verdict).toBe(sli >= 0.95 ? 'met' : 'missed');
    }
    // Quiet's 10% of failures weigh a quarter: (3 × 0.999 + 0.9) / 4, far from the pooled 0.998.
    expect(periods[2].sli).toBeCloseTo((3 * 0.999 + 0.9) / 4, 14);
    expect(periods[2].good / periods[2].total).toBeGreaterThan(0.998);
    expect(periods[2]).toEqual(expect.objectContaining({ verdict: 'met', inProgress: false, coverage: 1 }));
    expect(periods[3].inProgress).toBe(true);
  });

  it('judges by the weighted SLI, not the pooled events', () => {
    const [october] = weightedCompositeHistory({ objective: 0.98, window, at: AT, members, period: 'month', count: 2 });
    // Pooled, 99.8% of events are good; weighted, 97.4%.
    expect(october.good / october.total).toBeGreaterThan(0.98);
    expect(october).toEqual(expect.objectContaining({ verdict: 'missed', met: false }));
  });

  it('drops a member without events in a period from that period only', () => {
    const weeks = weightedCompositeHistory({ objective: 0.95, window, at: quietGap[1], members, period: 'week', count: 1 });
    // The week of 2025-11-10 until the gap ends: only busy has events.
    expect(weeks[0].start).toBe(quietGap[0]);
    expect(weeks[0].sli).toBeCloseTo(0.999, 14);
  });
});

describe('weightedCompositeSeries', () => {
  const from = AT - 2 * DAY;
  const series = weightedCompositeSeries({ objective: 0.95, window, at: AT, members, from, to: AT, maxPoints: 48 });

  it('lays out the points sloSeries gives over the pooled buckets', () => {
    const pooled = poolBuckets(members.map((m, i) => ({ sloId: String(i), buckets: m.buckets }))).buckets;
    const plain = sloSeries({ definition: testDefinition({ window: '7d' }), buckets: pooled, from, to: AT, at: AT, maxPoints: 48 });
    expect(series.stepSeconds).toBe(plain.stepSeconds);
    expect(series.points.map(p => [p.from, p.t, p.good, p.total])).toEqual(plain.points.map(p => [p.from, p.t, p.good, p.total]));
    expect(series.points).toHaveLength(48);
  });

  it("gives each point the weighted SLI of the window ending at it, and the weighted burn of its span", () => {
    for (const point of series.points) {
      const sli = truth(point.t - 7 * DAY, point.t)!;
      expect({ t: point.t, sli: point.sli }).toEqual({ t: point.t, sli: expect.closeTo(sli, 14) });
      expect(point.budgetRemaining).toBeCloseTo(1 - (1 - sli) / 0.05, 11);
      expect(point.burnRate).toBeCloseTo((1 - truth(point.from, point.t)!) / 0.05, 11);
    }
    // The last 6 hours, quiet fails 80%: (3 × 0.001 + 0.8) / 4 / 5%.
    expect(series.points.at(-1)!.burnRate).toBeCloseTo((3 * 0.001 + 0.8) / 4 / 0.05, 11);
  });

  it('ends at the figures of the current window', () => {
    const now = evaluateWeightedComposite({ objective: 0.95, window, at: AT, bucketSeconds: 3600, members });
    const last = series.points.at(-1)!;
    expect(last.t).toBe(AT);
    expect(last.sli).toBe(now.sli);
    expect(last.budgetRemaining).toBeCloseTo(now.errorBudgetRemaining!, 12);
    expect(last.burnRate).toBeCloseTo(now.burnRates['1h']!, 12);
  });

  it('has no points after the evaluation time, and null figures without events', () => {
    const empty = weightedCompositeSeries({ objective: 0.95, window, at: AT, members: [{ weight: 1, buckets: [] }], from, to: AT, maxPoints: 4 });
    expect(empty.points.map(p => [p.sli, p.budgetRemaining, p.burnRate, p.total])).toEqual(Array(4).fill([null, null, null, 0]));
    const before = weightedCompositeSeries({ objective: 0.95, window, at: AT - 79 * DAY, members, from: AT - 80 * DAY, to: AT, maxPoints: 24 });
    expect(before.points.at(-1)!.t).toBe(AT - 79 * DAY);
  });
});
