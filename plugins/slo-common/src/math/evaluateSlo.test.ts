import { DateTime } from 'luxon';
import { evaluateSlo } from './evaluateSlo';
import { makeBuckets, testDefinition } from './testDefinitions';

const DAY = 86400;
const AT = DateTime.fromISO('2026-11-15T12:00:00Z').toSeconds();
const FROM = AT - 30 * DAY;

/** 30 days of 5-minute buckets with 1000 events each and `bad(index)` bad ones. */
function month(bad: (index: number) => number) {
  return makeBuckets(FROM, AT, 300, index => ({ total: 1000, good: 1000 - bad(index) }));
}
const LAST_HOUR = 30 * 288 - 12; // index of the first bucket of the last hour

describe('evaluateSlo', () => {
  it('computes a quiet month by hand: 1 bad event in every other bucket', () => {
    const evaluation = evaluateSlo({
      definition: testDefinition(),
      buckets: month(index => (index % 2 === 0 ? 1 : 0)),
      at: AT,
      bucketSeconds: 300,
    });
    // 8640 buckets x 1000 = 8,640,000 events; 4320 bad; budget 0.1% = 8640 bad.
    expect(evaluation.total).toBe(8640000);
    expect(evaluation.good).toBe(8640000 - 4320);
    expect(evaluation.sli).toBeCloseTo(0.9995, 12);
    expect(evaluation.errorBudget.allowedBad).toBeCloseTo(8640, 9);
    expect(evaluation.errorBudget.consumedFraction).toBeCloseTo(0.5, 12);
    expect(evaluation.errorBudget.remainingFraction).toBeCloseTo(0.5, 12);
    expect(evaluation.errorBudget.exhausted).toBe(false);
    // 1h: 6 bad in 12,000 = 0.05% = 0.5x; the last bucket (odd index) has none.
    expect(evaluation.burnRates['1h']).toBeCloseTo(0.5, 12);
    expect(evaluation.burnRates['5m']).toBe(0);
    expect(evaluation.burnRates['30m']).toBeCloseTo(0.5, 12);
    expect(Object.keys(evaluation.burnRates).sort()).toEqual(['1d', '1h', '2h', '30m', '3d', '5m', '6h']);
    expect(evaluation.alerts.map(alert => alert.firing)).toEqual([false, false, false, false]);
    expect(evaluation.alerts.every(alert => alert.canFire)).toBe(true);
    // At 0.5x the remaining half of the budget lasts exactly one more window.
    expect(evaluation.forecast.exhaustedAtCurrentRate).toBe(AT + 30 * DAY);
    expect(evaluation.forecast.exhaustedAtAverageRate).toBe(AT + 30 * DAY);
    expect(evaluation.dataState).toBe('ok');
    expect(evaluation.coverage).toBe(1);
    expect(evaluation.health).toBe('met');
    expect(evaluation.windowStart).toBe(FROM);
    expect(evaluation.windowEnd).toBe(AT);
  });

  it('spends exactly the budget at burn rate 1 and raises the 1x ticket', () => {
    const evaluation = evaluateSlo({
      definition: testDefinition(),
      buckets: month(() => 1),
      at: AT,
      bucketSeconds: 300,
    });
    expect(evaluation.sli).toBeCloseTo(0.999, 12);
    expect(evaluation.errorBudget.consumedFraction).toBeCloseTo(1, 12);
    expect(evaluation.errorBudget.exhausted).toBe(true);
    expect(evaluation.burnRates['3d']).toBeCloseTo(1, 12);
    expect(evaluation.alerts.map(alert => [alert.severity, alert.factor, alert.firing])).toEqual([
      ['page', 14.4, false],
      ['page', 6, false],
      ['ticket', 3, false],
      ['ticket', 1, true],
    ]);
    expect(evaluation.forecast.exhaustedAtCurrentRate).toBe(AT);
    // Attainment equals the target: not breaching, but no budget left.
    expect(evaluation.health).toBe('at-risk');
  });

  it('pages on an incident in the last hour: 2% bad events for 12 buckets', () => {
    const evaluation = evaluateSlo({
      definition: testDefinition(),
      buckets: month(index => (index >= LAST_HOUR ? 20 : 0)),
      at: AT,
      bucketSeconds: 300,
    });
    // 240 bad of 8,640,000; budget 8640 -> 2.78% consumed.
    expect(evaluation.errorBudget.consumedFraction).toBeCloseTo(240 / 8640, 12);
    expect(evaluation.burnRates['1h']).toBeCloseTo(20, 9);
    expect(evaluation.burnRates['5m']).toBeCloseTo(20, 9);
    expect(evaluation.burnRates['6h']).toBeCloseTo(240 / 72000 / 0.001, 9);
    expect(evaluation.burnRates['1d']).toBeCloseTo(240 / 288000 / 0.001, 9);
    expect(evaluation.alerts.map(alert => alert.firing)).toEqual([true, false, false, false]);
    // The month's attainment still meets 99.9%, but a page fires: paging, never "at risk".
    expect(evaluation.health).toBe('paging');
    // 1h burn = 20 × k / 12 reaches 14.4 at the 9th bad bucket (and the 5m burn is 20×).
    expect(evaluation.episode).toEqual({ severity: 'page', since: AT - 3600 + 9 * 300, startedBefore: false });
    // (1 - 240/8640) x 30d / 20 = 126,000 s.
    expect(evaluation.forecast.exhaustedAtCurrentRate).toBe(AT + 126000);
    // The window average (0.0278x) would not exhaust it within a window.
    expect(evaluation.forecast.exhaustedAtAverageRate).toBeNull();
  });

  it('reports alerts that can never fire for a low objective instead of hiding them', () => {
    const evaluation = evaluateSlo({
      definition: testDefinition({ target: 0.9 }),
      buckets: month(() => 1000), // everything fails
      at: AT,
      bucketSeconds: 300,
    });
    // 14.4 x 10% = 1.44 > 1: a 100% error rate burns at only 10x.
    expect(evaluation.alerts.map(alert => [alert.factor, alert.canFire, alert.firing])).toEqual([
      [14.4, false, false],
      [6, true, true],
      [3, true, true],
      [1, true, true],
    ]);
    expect(evaluation.sli).toBe(0);
    expect(evaluation.errorBudget.remainingFraction).toBeCloseTo(-9, 12);
    // Below target and the 6x page fires: paging comes first.
    expect(evaluation.health).toBe('paging');
    // Failing for the whole month: firing all the way back to the walk's bound (3d).
    expect(evaluation.episode).toEqual({ severity: 'page', since: AT - 3 * DAY, startedBefore: true });
  });

  it('says no-data instead of NaN when nothing was collected', () => {
    const evaluation = evaluateSlo({ definition: testDefinition(), buckets: [], at: AT, bucketSeconds: 300 });
    expect(evaluation).toMatchObject({
      sli: null,
      dataState: 'no-data',
      health: 'unknown',
      coverage: 0,
      errorBudget: { consumedFraction: null, remainingFraction: null, exhausted: false },
      forecast: { exhaustedAtCurrentRate: null, exhaustedAtAverageRate: null },
    });
    expect(Object.values(evaluation.burnRates).every(rate => rate === null)).toBe(true);
    expect(JSON.stringify(evaluation)).not.toMatch(/NaN|Infinity/);
  });

  it('says no-data when buckets exist but hold no events', () => {
    const evaluation = evaluateSlo({
      definition: testDefinition(),
      buckets: makeBuckets(FROM, AT, 300, () => ({ good: 0, total: 0 })),
      at: AT,
      bucketSeconds: 300,
    });
    expect(evaluation.dataState).toBe('no-data');
    expect(evaluation.coverage).toBe(1);
  });

  it('flags partial data with its coverage', () => {
    const evaluation = evaluateSlo({
      definition: testDefinition(),
      buckets: makeBuckets(AT - 10 * DAY, AT, 300, () => ({ good: 1000, total: 1000 })),
      at: AT,
      bucketSeconds: 300,
    });
    expect(evaluation.dataState).toBe('partial');
    expect(evaluation.coverage).toBeCloseTo(1 / 3, 12);
    expect(evaluation.sli).toBe(1);
    expect(evaluation.health).toBe('met');
  });

  it('accepts a lower coverage threshold', () => {
    const evaluation = evaluateSlo({
      definition: testDefinition(),
      buckets: makeBuckets(AT - 10 * DAY, AT, 300, () => ({ good: 1000, total: 1000 })),
      at: AT,
      bucketSeconds: 300,
      coverageThreshold: 0.3,
    });
    expect(evaluation.dataState).toBe('ok');
  });

  it('flags low traffic below minimumEvents and does not judge health', () => {
    const evaluation = evaluateSlo({
      definition: testDefinition({ minimumEvents: 10000 }),
      buckets: makeBuckets(FROM, AT, 300, () => ({ good: 1, total: 1 })),
      at: AT,
      bucketSeconds: 300,
    });
    expect(evaluation.total).toBe(8640);
    expect(evaluation.dataState).toBe('low-traffic');
    expect(evaluation.health).toBe('unknown');
    expect(evaluation.sli).toBe(1);
  });

  it('takes a default minimumEvents for SLOs that set none', () => {
    const buckets = makeBuckets(FROM, AT, 300, () => ({ good: 1, total: 1 }));
    const input = { buckets, at: AT, bucketSeconds: 300, minimumEvents: 10000 };
    expect(evaluateSlo({ ...input, definition: testDefinition() }).dataState).toBe('low-traffic');
    expect(evaluateSlo({ ...input, definition: testDefinition({ minimumEvents: 10 }) }).dataState).toBe('ok');
  });

  it('is at risk below 25% of the budget left', () => {
    // 0.8 of the budget spent evenly: 4 bad in 5 buckets of 1000 at 99.9%.
    const evaluation = evaluateSlo({
      definition: testDefinition(),
      buckets: month(index => (index % 5 === 4 ? 0 : 1)),
      at: AT,
      bucketSeconds: 300,
    });
    expect(evaluation.errorBudget.remainingFraction).toBeCloseTo(0.2, 12);
    expect(evaluation.health).toBe('at-risk');
  });

  it('evaluates a named objective', () => {
    const definition = testDefinition();
    definition.objectives = [
      { name: 'standard', target: 0.99 },
      { name: 'stretch', target: 0.9999 },
    ];
    const buckets = month(() => 1);
    const stretch = evaluateSlo({ definition, objective: 'stretch', buckets, at: AT, bucketSeconds: 300 });
    expect(stretch.objective).toEqual({ name: 'stretch', target: 0.9999 });
    expect(stretch.errorBudget.consumedFraction).toBeCloseTo(10, 9);
    const primary = evaluateSlo({ definition, buckets, at: AT, bucketSeconds: 300 });
    expect(primary.objective.name).toBe('standard');
    expect(primary.health).toBe('met');
  });

  describe('calendar windows', () => {
    // November 2026 in UTC: 30 days. At the 15th noon, 14.5 days have passed.
    const definition = testDefinition({ window: 'month' });
    const monthStart = DateTime.fromISO('2026-11-01T00:00:00Z').toSeconds();

    it('sums the period so far and projects the whole-period budget', () => {
      const evaluation = evaluateSlo({
        definition,
        // Before November: lots of failures that must not count.
        buckets: [
          ...makeBuckets(monthStart - DAY, monthStart, 300, () => ({ good: 0, total: 1000 })),
          ...makeBuckets(monthStart, AT, 300, index => ({ good: index % 2 ? 1000 : 999, total: 1000 })),
        ],
        at: AT,
        bucketSeconds: 300,
      });
      // 14.5 days x 288 buckets = 4176 buckets, 2088 bad events of 4,176,000.
      expect(evaluation.windowStart).toBe(monthStart);
      expect(evaluation.periodEnd).toBe(monthStart + 30 * DAY);
      expect(evaluation.total).toBe(4176000);
      expect(evaluation.errorBudget.bad).toBe(2088);
      // So far: 2088 of 4176 allowed = half.
      expect(evaluation.errorBudget.consumedFraction).toBeCloseTo(0.5, 12);
      // Whole month at the same traffic: 8,640,000 events, 8640 allowed bad.
      expect(evaluation.errorBudget.wholeWindow?.allowedBad).toBeCloseTo(8640, 9);
      expect(evaluation.errorBudget.wholeWindow?.consumedFraction).toBeCloseTo(2088 / 8640, 12);
      // At 0.5x the period's attainment only improves: the budget never runs out.
      expect(evaluation.forecast.exhaustedAtCurrentRate).toBeNull();
      expect(evaluation.dataState).toBe('ok');
    });

    it('forecasts exhaustion within the period', () => {
      const evaluation = evaluateSlo({
        definition,
        buckets: makeBuckets(monthStart, AT, 300, index => ({
          good: index >= 4176 - 12 ? 990 : 1000,
          total: 1000,
        })),
        at: AT,
        bucketSeconds: 300,
      });
      // 120 bad of 4,176,000 so far: 4056 of 4176 allowed left (97.1%). At 10x, every
      // second adds 1000/300 events: 0.01 of them bad against 0.001 allowed, so the
      // budget left shrinks by 9 x 0.001 x 1000/300 = 0.03 events a second:
      // 4056 / 0.03 = 135,200 s, when the budget figure shown reaches 0.
      expect(evaluation.burnRates['1h']).toBeCloseTo(10, 9);
      expect(evaluation.errorBudget.remainingFraction).toBeCloseTo(4056 / 4176, 12);
      expect(evaluation.forecast.exhaustedAtCurrentRate).toBe(AT + 135200);
    });

    it('has one budget: overspent so far is exhausted, whatever the whole month would allow', () => {
      // fraud-detection: 1.2x the allowance spent over the month so far, then a quiet day.
      const evaluation = evaluateSlo({
        definition,
        buckets: makeBuckets(monthStart, AT, 300, index => ({
          good: index < 4176 - 12 * 24 && index % 10 === 0 ? 987 : 1000,
          total: 1000,
        })),
        at: AT,
        bucketSeconds: 300,
      });
      const { errorBudget, forecast } = evaluation;
      // 389 bad buckets x 13 = 5057 bad of 4176 allowed so far.
      expect(errorBudget.bad).toBe(389 * 13);
      expect(errorBudget.remainingFraction).toBeCloseTo(1 - 5057 / 4176, 12);
      expect(errorBudget.exhausted).toBe(true);
      expect(evaluation.health).toBe('breaching');
      // "Runs out" agrees with the budget: already.
      expect(forecast.exhaustedAtCurrentRate).toBe(AT);
      expect(forecast.exhaustedAtAverageRate).toBe(AT);
      // The whole month's allowance at this traffic is a different, second figure.
      expect(errorBudget.wholeWindow?.remainingFraction).toBeCloseTo(1 - 5057 / 8640, 12);
    });
  });
});
