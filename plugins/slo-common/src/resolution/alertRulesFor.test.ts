import { parseWindow } from '../math/parseWindow';
import { alertRulesFor, longestAlertWindowSeconds } from './alertRulesFor';

const windowOf = (text: string) => {
  const parsed = parseWindow(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.value;
};

const rules = (text: string, bucketSeconds?: number) =>
  alertRulesFor(windowOf(text), { bucketSeconds }).map(rule => [
    rule.severity,
    rule.factor,
    rule.longWindowSeconds,
    rule.shortWindowSeconds,
    rule.budgetFraction,
  ]);

describe('alertRulesFor', () => {
  it('gives the SRE Workbook rules for 30 days', () => {
    expect(rules('30d')).toEqual([
      ['page', 14.4, 3600, 300, 0.02],
      ['page', 6, 21600, 1800, 0.05],
      ['ticket', 3, 86400, 7200, 0.1],
      ['ticket', 1, 259200, 21600, 0.1],
    ]);
    expect(rules('month')).toEqual(rules('30d'));
  });

  it('scales windows with the period to whole storage buckets', () => {
    // 7d / 30d = 0.2333: 1h -> 14m -> 15m, 5m -> 1.17m -> one bucket, 6h -> 84m -> 85m,
    // 30m -> 7m -> 5m, 1d -> 336m -> 335m, 2h -> 28m -> 30m, 3d -> 1008m -> 1010m, 6h -> 85m.
    expect(rules('7d')).toEqual([
      ['page', 14.4, 900, 300, 0.0214285714286],
      ['page', 6, 5100, 300, 0.0505952380952],
      ['ticket', 3, 20100, 1800, 0.0997023809524],
      ['ticket', 1, 60600, 5100, 0.100198412698],
    ]);
    expect(rules('week')).toEqual(rules('7d'));
    // 28d: 1h -> 56m -> 55m; 90d triples every window.
    expect(rules('28d')[0]).toEqual(['page', 14.4, 3300, 300, 0.0196428571429]);
    expect(rules('90d')[0]).toEqual(['page', 14.4, 10800, 900, 0.02]);
    expect(rules('quarter')).toEqual(rules('90d'));
  });

  it('makes every window a whole number of buckets, at least one, for any bucket length', () => {
    for (const window of ['1h', '1d', '7d', '28d', '30d', 'month', '90d', '366d']) {
      for (const bucket of [60, 300, 600, 900, 3600, 7200]) {
        for (const rule of alertRulesFor(windowOf(window), { bucketSeconds: bucket })) {
          for (const seconds of [rule.longWindowSeconds, rule.shortWindowSeconds]) {
            expect(seconds % bucket).toBe(0);
            expect(seconds).toBeGreaterThanOrEqual(bucket);
          }
        }
      }
    }
    expect(rules('7d', 600)[0]).toEqual(['page', 14.4, 600, 600, 0.0142857142857]);
  });

  it('names the longest window burn rates look back over', () => {
    expect(longestAlertWindowSeconds(windowOf('30d'))).toBe(3 * 86400);
    expect(longestAlertWindowSeconds(windowOf('7d'))).toBe(60600);
  });
});
