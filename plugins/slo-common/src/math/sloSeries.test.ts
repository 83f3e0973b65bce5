import fc from 'fast-check';
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

describe('sloSeries over mixed resolutions', () => {
  // 40 days of history: hour buckets up to 8 days before AT, 5-minute buckets since.
  const fineStart = AT - 8 * DAY;
  const mixed = [
    ...makeBuckets(AT - 40 * DAY, fineStart, 3600, index => ({ total: 1200 + (index % 11), good: 1190 + (index % 11) })),
    ...makeBuckets(fineStart, AT, 300, index => ({ total: 100 + (index % 7), good: 99 + (index % 7) })),
  ];
  const eventsIn = (from: number, to: number) =>
    mixed.filter(b => b.start >= from && b.start + b.durationSeconds <= to).reduce((s, b) => s + b.total, 0);
  const splits = (from: number, to: number) =>
    mixed.some(
      b =>
        (b.start < from && b.start + b.durationSeconds > from) || (b.start < to && b.start + b.durationSeconds > to),
    );

  it('keeps every event of a fixed 30-day range at every maxPoints', () => {
    // On 6-hour boundaries, as a chart of "the last 30 days" asks.
    const from = Math.ceil((AT - 30 * DAY) / 21600) * 21600;
    const to = Math.floor(AT / 21600) * 21600;
    const totals = [240, 500, 720, 1000].map(maxPoints => {
      const series = sloSeries({ definition: testDefinition(), buckets: mixed, from, to, maxPoints, at: AT });
      expect(series.stepSeconds % 3600).toBe(0);
      expect(series.points.length).toBeLessThanOrEqual(maxPoints);
      return series.points.reduce((sum, p) => sum + p.total, 0);
    });
    expect(new Set(totals).size).toBe(1);
    expect(totals[0]).toBe(eventsIn(from, to));
  });

  it('ends its last point at the evaluation time, with the headline figures', () => {
    const at = AT - 20 * 60; // not on the hour
    const definition = testDefinition();
    const series = sloSeries({ definition, buckets: mixed, from: at - 7 * DAY, to: at + DAY, maxPoints: 100, at });
    const last = series.points[series.points.length - 1];
    expect(last.t).toBe(at);
    expect(last.from).toBe(Math.floor(at / series.stepSeconds) * series.stepSeconds);
    const headline = evaluateSlo({ definition, buckets: mixed, at, bucketSeconds: 300 });
    expect(last.sli).toBe(headline.sli);
    expect(last.budgetRemaining).toBe(headline.errorBudget.remainingFraction);
  });

  it('gives every point exactly the events of its span, for any range and maxPoints (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 40 * 288 }),
        fc.integer({ min: 1, max: 40 * 288 }),
        fc.integer({ min: 1, max: 1000 }),
        fc.constantFrom('30d', '7d', '1d', 'month'),
        (startBucket, lengthBuckets, maxPoints, window) => {
          const from = AT - 40 * DAY + startBucket * 300;
          const to = Math.min(AT, from + lengthBuckets * 300);
          const series = sloSeries({
            definition: testDefinition({ window }),
            buckets: mixed,
            from,
            to,
            maxPoints,
            at: AT,
          });
          // The last point ends at `to`, or where the bucket `to` falls in starts.
          const last = to < fineStart ? Math.floor(to / 3600) * 3600 : to;
          // Nothing to show when the range lies inside one stored bucket.
          expect(series.points.length === 0).toBe(last <= from);
          if (last <= from) return;
          expect(series.points.length).toBeLessThanOrEqual(maxPoints);
          expect(series.points[series.points.length - 1].t).toBe(last);
          // Contiguous spans, none splitting a stored bucket.
          expect(series.points.slice(1).map(p => p.from)).toEqual(series.points.slice(0, -1).map(p => p.t));
          for (const point of series.points) {
            expect(splits(point.from, point.t)).toBe(false);
            expect(point.total).toBe(eventsIn(point.from, point.t));
          }
          const first = series.points[0];
          expect(first.from).toBeLessThanOrEqual(from);
          expect(series.points.reduce((sum, p) => sum + p.total, 0)).toBe(eventsIn(first.from, last));
        },
      ),
      { numRuns: 200 },
    );
  });
});
