import { DateTime } from 'luxon';
import { breachingSlo, lowObjectiveSlo, makeSeries, NOW } from '../../testing';
import {
  budgetAxis,
  burnThresholds,
  DEFAULT_THRESHOLDS,
  sliAxis,
  summariseBudget,
  summariseBurn,
  summariseSli,
  timeTicks,
  toChartData,
} from './chartData';

const series = makeSeries({
  from: NOW - 7 * 86400,
  to: NOW,
  count: 8,
  gapAt: 3,
});

describe('toChartData', () => {
  it('turns fractions into percentages and keeps gaps as null', () => {
    const data = toChartData(series.points);
    expect(data).toHaveLength(8);
    expect(data[0].sliPercent).toBeCloseTo(series.points[0].sli! * 100, 9);
    expect(data[2]).toMatchObject({
      sliPercent: null,
      budgetPercent: null,
      burnRate: null,
    });
  });
});

describe('burnThresholds', () => {
  it('follows the SLO’s alert rules and marks ones that cannot fire', () => {
    expect(burnThresholds(lowObjectiveSlo.evaluations[0].alerts)[0]).toEqual({
      factor: 14.4,
      severity: 'page',
      canFire: false,
    });
    expect(burnThresholds([])).toEqual(DEFAULT_THRESHOLDS);
  });
});

describe('budgetAxis', () => {
  const budget = (...values: Array<number | null>) =>
    values.map((budgetPercent, i) => ({
      from: i,
      t: i + 1,
      sliPercent: null,
      budgetPercent,
      burnRate: null,
      good: 0,
      total: 0,
    }));

  it('labels 0% and 100% in round steps, down to an overspend (issue 20.6: −32%, 3%, 38%, 73%)', () => {
    expect(budgetAxis(budget(73, 38, 3, -32))).toEqual({ min: -50, max: 100, ticks: [-50, 0, 50, 100] });
  });

  it('spans 0% to 100% while budget is left, whatever the points', () => {
    expect(budgetAxis(budget(97, 96.5, null))).toEqual({ min: 0, max: 100, ticks: [0, 20, 40, 60, 80, 100] });
    expect(budgetAxis([])).toEqual({ min: 0, max: 100, ticks: [0, 20, 40, 60, 80, 100] });
  });

  it('keeps at most six round ticks, 0% among them, for a deep overspend', () => {
    for (const lowest of [-5, -32, -80, -210, -1234]) {
      const { ticks } = budgetAxis(budget(100, lowest));
      expect(ticks.length).toBeLessThanOrEqual(6);
      expect(ticks).toContain(0);
      expect(ticks[0]).toBeLessThanOrEqual(lowest);
      expect(ticks.at(-1)).toBeGreaterThanOrEqual(100);
      const step = ticks[1] - ticks[0];
      expect(ticks.every(tick => tick % step === 0)).toBe(true);
    }
  });
});

describe('sliAxis', () => {
  const isRound = (value: number, step: number) =>
    Math.abs(value / step - Math.round(value / step)) < 1e-6;

  it('leaves room below the lowest point and the objective, in round steps up to 100%', () => {
    const { min, ticks } = sliAxis(toChartData(series.points), 99.9);
    expect(min).toBeLessThan(99.83);
    expect(min).toBeGreaterThan(99.5);
    expect(ticks.at(-1)).toBe(100);
    expect(ticks.length).toBeLessThanOrEqual(6);
    const step = Number((ticks[1] - ticks[0]).toFixed(3));
    expect(ticks.every(tick => isRound(tick, step))).toBe(true);
    expect(ticks.slice(1).map((tick, i) => Number((tick - ticks[i]).toFixed(6)))).toEqual(
      ticks.slice(1).map(() => step),
    );
  });

  it('reads 40%, 60%, 80%, 100% for a badly broken SLO, never an odd figure like 62.179%', () => {
    const data = toChartData(series.points).map(d => ({
      ...d,
      sliPercent: 62.179,
    }));
    expect(sliAxis(data, 99)).toEqual({ min: 40, ticks: [40, 60, 80, 100] });
  });
});

describe('timeTicks', () => {
  const end = Date.UTC(2026, 10, 20) / 1000; // Friday 2026-11-20 00:00 UTC
  const iso = (ticks: number[], zone = 'UTC') =>
    ticks.map(t =>
      DateTime.fromSeconds(t, { zone }).toISO({ suppressMilliseconds: true }),
    );

  it("puts a day's ticks on whole hours", () => {
    expect(iso(timeTicks(end - 86400 + 600, end, 'UTC'))).toEqual(
      [3, 6, 9, 12, 15, 18, 21].map(h => `2026-11-19T${String(h).padStart(2, '0')}:00:00Z`).concat('2026-11-20T00:00:00Z'),
    );
  });

  it("puts a week's ticks on local midnights and 30 days' on Mondays", () => {
    expect(
      iso(timeTicks(end - 7 * 86400, end, 'Europe/Berlin'), 'Europe/Berlin'),
    ).toEqual(
      Array.from(
        { length: 7 },
        (_, i) => `2026-11-${String(14 + i).padStart(2, '0')}T00:00:00+01:00`,
      ),
    );
    const month = timeTicks(end - 30 * 86400, end, 'UTC');
    expect(iso(month)).toEqual([
      '2026-10-26T00:00:00Z',
      '2026-11-02T00:00:00Z',
      '2026-11-09T00:00:00Z',
      '2026-11-16T00:00:00Z',
    ]);
  });
});

describe('summaries', () => {
  const data = toChartData(series.points);

  it('summarise the SLI against the objective', () => {
    // Each point is the SLI over the SLO window ending there: the caption says so, and counts points.
    expect(summariseSli(data, 0.999, '7 days', '30d')).toMatch(
      /^30d-window SLI over the last 7 days against the 99\.9% objective: latest 99\.\d\d%, lowest 99\.\d\d%, below the objective at \d+ of \d+ points\.$/,
    );
    expect(summariseSli([], 0.999, '7 days', '30d')).toBe(
      '30d-window SLI over the last 7 days: no data.',
    );
  });

  it('summarise the budget with overspending', () => {
    expect(summariseBudget(data, '7 days', '30d')).toBe(
      'Error budget left over the 30d window, over the last 7 days: from 84% to −30% (overspent).',
    );
  });

  it('summarise the burn rate with thresholds', () => {
    expect(
      summariseBurn(
        data,
        burnThresholds(breachingSlo.evaluations[0].alerts),
        '7 days',
        series.stepSeconds,
      ),
    ).toMatch(
      /^Burn rate per 21h step over the last 7 days: peak [\d.]+×, latest [\d.]+×\. Thresholds: 14\.4× page, 6× page, 3× ticket, 1× ticket\.$/,
    );
    // A last step that ends at the evaluation time, 40 minutes after the last whole hour.
    const partial = [...data.slice(0, -1), { ...data[data.length - 1], from: data[data.length - 1].t - 2400 }];
    expect(summariseBurn(partial, [], '7 days', 3600)).toMatch(/latest [\d.]+× \(its last 40m\)\. /);
  });
});
