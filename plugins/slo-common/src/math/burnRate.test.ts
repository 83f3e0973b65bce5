import { burnRate, errorBudgetShare } from './burnRate';

describe('burnRate', () => {
  it.each([
    // good, total, target, expected
    [999, 1000, 0.999, 1],
    [1000, 1000, 0.999, 0],
    [990, 1000, 0.999, 10],
    [8560, 10000, 0.99, 14.4],
    [0, 1000, 0.9, 10],
    [95, 100, 0.95, 1],
  ])('good %d of %d at %d burns at %d', (good, total, target, expected) => {
    expect(burnRate(good, total, target)).toBeCloseTo(expected, 10);
  });

  it('is null without events or without budget', () => {
    expect(burnRate(0, 0, 0.999)).toBeNull();
    expect(burnRate(10, 10, 1)).toBeNull();
    expect(burnRate(NaN, 10, 0.99)).toBeNull();
  });

  it('rounds the budget share so 99.9% leaves exactly 0.001', () => {
    expect(errorBudgetShare(0.999)).toBe(0.001);
    expect(errorBudgetShare(99.9 / 100)).toBe(0.001);
  });
});
