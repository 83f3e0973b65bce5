import { evaluateSlo } from './evaluateSlo';
import { sloSeries } from './sloSeries';
import { sumBuckets } from './sumBuckets';
import { makeBuckets, testDefinition } from './testDefinitions';

const DAY = 86400;
const AT = 1_800_000_000; // a multiple of 3600
const buckets = makeBuckets(AT - 40 * DAY, AT, 300, index => ({
  total: 100 + (index % 7),
  good: 100 + (index % 7) - (index % 13 === 0 ? 3 : 0),
}));

describe('sloSeries', () => {
  it('returns at most maxPoints points on a step that is a whole number of buckets', () => {
    const series = sloSeries({ definition: testDefinition(), buckets, from: AT - 7 * DAY, to: AT, at: AT });
    // 7 days / 500 = 1209.6 s -> rounded up to 5 buckets = 1500 s.
    expect(series.stepSeconds).toBe(1500);
    expect(series.points.length).toBeLessThanOrEqual(500);
    // Multiples of 1500 in (from, at]: 403.2 steps -> 404 points.
    expect(series.points.length).toBe(404);
    expect(series.points[series.points.length - 1].t).toBe(AT);
  });

  it('gives each point the SLO window ending at that point, like evaluateSlo', () => {
    const definition = testDefinition();
    const series = sloSeries({ definition, buckets, from: AT - 2 * DAY, to: AT, maxPoints: 48, at: AT });
    expect(series.stepSeconds).toBe(3600);
    for (const point of [series.points[0], series.points[20], series.points[47]]) {
      const evaluation = evaluateSlo({ definition, buckets, at: point.t, bucketSeconds: 300 });
      expect(point.sli).toBeCloseTo(evaluation.sli ?? NaN, 12);
      expect(point.budgetRemaining).toBeCloseTo(evaluation.errorBudget.remainingFraction ?? NaN, 9);
      expect(point.burnRate).toBeCloseTo(evaluation.burnRates['1h'] ?? NaN, 9);
      expect(point.total).toBe(sumBuckets(buckets, point.t - 3600, point.t).total);
    }
  });

  it('stops at the evaluation time and is null where there is no data', () => {
    const series = sloSeries({
      definition: testDefinition(),
      buckets,
      from: AT - 50 * DAY,
      to: AT + DAY,
      maxPoints: 100,
      at: AT,
    });
    expect(series.points[series.points.length - 1].t).toBeLessThanOrEqual(AT);
    expect(series.points[0]).toMatchObject({ total: 0, sli: null, budgetRemaining: null, burnRate: null });
    expect(JSON.stringify(series)).not.toMatch(/NaN|Infinity/);
  });

  it('is empty for an empty range', () => {
    expect(sloSeries({ definition: testDefinition(), buckets, from: AT, to: AT, at: AT }).points).toEqual([]);
  });
});
