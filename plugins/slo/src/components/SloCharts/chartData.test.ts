import { breachingSlo, lowObjectiveSlo, makeSeries, NOW } from '../../testing';
import {
  burnThresholds,
  DEFAULT_THRESHOLDS,
  sliAxisMin,
  summariseBudget,
  summariseBurn,
  summariseSli,
  toChartData,
} from './chartData';

const series = makeSeries({ from: NOW - 7 * 86400, to: NOW, count: 8, gapAt: 3 });

describe('toChartData', () => {
  it('turns fractions into percentages and keeps gaps as null', () => {
    const data = toChartData(series.points);
    expect(data).toHaveLength(8);
    expect(data[0].sliPercent).toBeCloseTo(series.points[0].sli! * 100, 9);
    expect(data[2]).toMatchObject({ sliPercent: null, budgetPercent: null, burnRate: null });
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

describe('sliAxisMin', () => {
  it('leaves room below the lowest point and the objective', () => {
    const min = sliAxisMin(toChartData(series.points), 99.9);
    expect(min).toBeLessThan(99.83);
    expect(min).toBeGreaterThan(99.5);
  });
});

describe('summaries', () => {
  const data = toChartData(series.points);

  it('summarise the SLI against the objective', () => {
    expect(summariseSli(data, 0.999, '7 days')).toMatch(
      /^SLI over the last 7 days against the 99\.9% objective: latest 99\.\d\d%, lowest 99\.\d\d%, below the objective \d+% of the time\.$/,
    );
    expect(summariseSli([], 0.999, '7 days')).toBe('SLI over the last 7 days: no data.');
  });

  it('summarise the budget with overspending', () => {
    expect(summariseBudget(data, '7 days')).toBe(
      'Error budget remaining over the last 7 days: from 84% to −30% (overspent).',
    );
  });

  it('summarise the burn rate with thresholds', () => {
    expect(summariseBurn(data, burnThresholds(breachingSlo.evaluations[0].alerts), '7 days')).toMatch(
      /^Burn rate over the last 7 days: peak [\d.]+×, latest [\d.]+×\. Thresholds: 14\.4× page, 6× page, 3× ticket, 1× ticket\.$/,
    );
  });
});
