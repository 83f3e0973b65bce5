import fc from 'fast-check';
import type { EventBucket } from '../model/EventBucket';
import { BucketIndex } from './BucketIndex';
import { burnRate } from './burnRate';
import { evaluateSlo } from './evaluateSlo';
import { periodHistory } from './periodHistory';
import { sloSeries } from './sloSeries';
import { sumBuckets } from './sumBuckets';
import { makeBuckets, testDefinition } from './testDefinitions';

const DAY = 86400;
const AT = 1_800_000_000;

/** Non-overlapping buckets on a 5-minute grid with integer counts, some missing. */
const gridBuckets = fc
  .array(
    fc.record({
      slot: fc.integer({ min: 0, max: 2000 }),
      total: fc.integer({ min: 0, max: 10_000 }),
      goodShare: fc.double({ min: 0, max: 1, noNaN: true }),
    }),
    { maxLength: 300 },
  )
  .map(items => {
    const bySlot = new Map<number, EventBucket>();
    for (const item of items) {
      bySlot.set(item.slot, {
        start: AT - 2000 * 300 + item.slot * 300,
        durationSeconds: 300,
        total: item.total,
        good: Math.floor(item.total * item.goodShare),
      });
    }
    return [...bySlot.values()];
  });

/** A time on the grid between the first slot and AT. */
const gridTime = fc.integer({ min: 0, max: 2000 }).map(slot => AT - 2000 * 300 + slot * 300);

/** Anything a broken source could produce, NaN and negatives included. */
const wildBuckets = fc.array(
  fc.record({
    start: fc.integer({ min: AT - 40 * DAY, max: AT }),
    durationSeconds: fc.constantFrom(300, 3600, 0, -300, NaN),
    good: fc.oneof(fc.double(), fc.integer({ min: -5, max: 1000 }), fc.constantFrom(1e308, Infinity)),
    total: fc.oneof(fc.double(), fc.integer({ min: -5, max: 1000 }), fc.constantFrom(1e308, Infinity)),
  }),
  { maxLength: 100 },
);

/** Every number anywhere in a value, for the no-NaN property. */
function numbersIn(value: unknown): number[] {
  if (typeof value === 'number') return [value];
  if (value && typeof value === 'object') return Object.values(value).flatMap(numbersIn);
  return [];
}

describe('SLO math properties', () => {
  it('sums over two adjacent ranges equal the sum over their union', () => {
    fc.assert(
      fc.property(gridBuckets, gridTime, gridTime, gridTime, (buckets, a, b, c) => {
        const [start, middle, end] = [a, b, c].sort((x, y) => x - y);
        const left = sumBuckets(buckets, start, middle);
        const right = sumBuckets(buckets, middle, end);
        const whole = sumBuckets(buckets, start, end);
        expect(left.good + right.good).toBe(whole.good);
        expect(left.total + right.total).toBe(whole.total);
        expect(left.coveredSeconds + right.coveredSeconds).toBe(whole.coveredSeconds);
      }),
    );
  });

  it('the bucket index sums exactly like a plain pass, for any range', () => {
    fc.assert(
      fc.property(gridBuckets, fc.integer({ min: AT - 700_000, max: AT }), fc.integer({ min: 0, max: 700_000 }), (buckets, start, length) => {
        expect(BucketIndex.from(buckets).sum(start, start + length)).toEqual(sumBuckets(buckets, start, start + length));
      }),
    );
  });

  it('burn rate 1 over a whole window consumes exactly the budget', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.5, max: 0.9999, noNaN: true }),
        fc.array(fc.integer({ min: 1, max: 100_000 }), { minLength: 1, maxLength: 50 }),
        (target, totals) => {
          // Each hour bucket fails exactly (1 − target) of its events.
          const buckets = makeBuckets(AT - 7 * DAY, AT, 3600, index => {
            const total = totals[index % totals.length];
            return { total, good: total * target };
          });
          const evaluation = evaluateSlo({
            definition: testDefinition({ window: '7d', target }),
            buckets,
            at: AT,
            bucketSeconds: 3600,
          });
          const whole = sumBuckets(buckets, AT - 7 * DAY, AT);
          expect(burnRate(whole.good, whole.total, target)).toBeCloseTo(1, 6);
          expect(evaluation.errorBudget.consumedFraction).toBeCloseTo(1, 6);
          expect(evaluation.errorBudget.remainingFraction).toBeCloseTo(0, 6);
        },
      ),
    );
  });

  it('keeps attainment in [0, 1], remaining = 1 − consumed, and never yields NaN or Infinity', () => {
    fc.assert(
      fc.property(
        wildBuckets,
        fc.constantFrom('30d', '7d', '1h', 'month', 'week'),
        fc.double({ min: 0.5, max: 0.99999, noNaN: true }),
        fc.integer({ min: 0, max: 40 * DAY }),
        (buckets, window, target, back) => {
          const definition = testDefinition({ window, target, minimumEvents: 10 });
          const at = AT - back;
          const evaluation = evaluateSlo({ definition, buckets, at, bucketSeconds: 300 });
          const sli = evaluation.sli ?? 0;
          expect(sli).toBeGreaterThanOrEqual(0);
          expect(sli).toBeLessThanOrEqual(1);
          const { consumedFraction, remainingFraction } = evaluation.errorBudget;
          expect(consumedFraction === null).toBe(remainingFraction === null);
          expect(remainingFraction ?? 0).toBeCloseTo(1 - (consumedFraction ?? 1), 9);
          expect(evaluation.coverage).toBeGreaterThanOrEqual(0);
          expect(evaluation.coverage).toBeLessThanOrEqual(1);
          const series = sloSeries({ definition, buckets, from: at - DAY, to: at, maxPoints: 20, at });
          const periods = periodHistory({ definition, buckets, at, period: 'month', count: 2 });
          for (const value of [evaluation, series, periods].flatMap(numbersIn)) {
            expect(Number.isFinite(value)).toBe(true);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
