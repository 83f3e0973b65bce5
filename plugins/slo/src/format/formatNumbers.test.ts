import {
  formatAttainment,
  formatBudget,
  formatBurnRate,
  formatCount,
  formatCoverage,
  formatObjective,
  formatPoints,
  formatShare,
  objectiveDecimals,
} from './formatNumbers';

describe('formatAttainment', () => {
  it('shows two decimals by default', () => {
    expect(formatAttainment(0.998734)).toBe('99.87%');
    expect(formatAttainment(0.999)).toBe('99.90%');
  });

  it('truncates so that a miss never reads as 100%', () => {
    expect(formatAttainment(0.99999)).toBe('99.99%');
    expect(formatAttainment(0.99996, 2)).toBe('99.99%');
    expect(formatAttainment(1)).toBe('100%');
  });

  it('does not lose a digit to floating point error', () => {
    // 0.9987 * 100 * 100 is 9986.999999999998 in floating point.
    expect(formatAttainment(0.9987)).toBe('99.87%');
  });

  it('shows a dash for missing figures', () => {
    expect(formatAttainment(null)).toBe('—');
    expect(formatAttainment(undefined)).toBe('—');
    expect(formatAttainment(Number.NaN)).toBe('—');
  });

  it('honours the requested decimals', () => {
    expect(formatAttainment(0.999512, 3)).toBe('99.951%');
  });
});

describe('objectiveDecimals', () => {
  it('shows at least the objective’s precision', () => {
    expect(objectiveDecimals(0.999)).toBe(2);
    expect(objectiveDecimals(0.9995)).toBe(2);
    expect(objectiveDecimals(0.99995)).toBe(3);
    expect(objectiveDecimals(0.99)).toBe(2);
  });
});

describe('formatObjective', () => {
  it('drops trailing zeros and floating point noise', () => {
    expect(formatObjective(0.999)).toBe('99.9%');
    expect(formatObjective(0.9995)).toBe('99.95%');
    expect(formatObjective(0.99)).toBe('99%');
    expect(formatObjective(0.1 + 0.2)).toBe('30%');
  });
});

describe('formatBudget', () => {
  it('shows remaining budget as a percentage', () => {
    expect(formatBudget(0.61)).toBe('61%');
    expect(formatBudget(0.042)).toBe('4.2%');
    expect(formatBudget(0.0035)).toBe('0.35%');
    expect(formatBudget(1)).toBe('100%');
    expect(formatBudget(0)).toBe('0%');
  });

  it('marks negative budget as overspent with a real minus sign', () => {
    expect(formatBudget(-0.3)).toBe('−30% (overspent)');
    expect(formatBudget(-1.5)).toBe('−150% (overspent)');
    expect(formatBudget(-0.00001)).toBe('0% (overspent)');
  });

  it('shows a dash for missing figures', () => {
    expect(formatBudget(null)).toBe('—');
  });
});

describe('formatBurnRate', () => {
  it('formats factors', () => {
    expect(formatBurnRate(14.93)).toBe('14.9×');
    expect(formatBurnRate(6)).toBe('6×');
    expect(formatBurnRate(0.31)).toBe('0.3×');
    expect(formatBurnRate(0.031)).toBe('0.03×');
    expect(formatBurnRate(123.4)).toBe('123×');
    expect(formatBurnRate(0)).toBe('0×');
    expect(formatBurnRate(null)).toBe('—');
  });
});

describe('formatCount', () => {
  it('groups thousands', () => {
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatCount(null)).toBe('—');
  });
});

describe('formatCoverage', () => {
  it('never rounds partial coverage up to 100%', () => {
    expect(formatCoverage(0.62)).toBe('62%');
    expect(formatCoverage(0.999)).toBe('99%');
    expect(formatCoverage(1)).toBe('100%');
  });
});

describe('formatShare', () => {
  it('rounds but keeps all and none exact', () => {
    expect(formatShare(2 / 3)).toBe('67%');
    expect(formatShare(199 / 200)).toBe('99%');
    expect(formatShare(1)).toBe('100%');
    expect(formatShare(1 / 300)).toBe('1%');
    expect(formatShare(0)).toBe('0%');
    expect(formatShare(null)).toBe('—');
  });
});

describe('formatPoints', () => {
  it('shows direction with a text twin', () => {
    expect(formatPoints(-4)).toBe('▼ 4 pts');
    expect(formatPoints(1)).toBe('▲ 1 pt');
    expect(formatPoints(0.2)).toBe('no change');
    expect(formatPoints(0.02, 2)).toBe('▲ 0.02 pts');
    expect(formatPoints(null)).toBe('—');
  });
});
