import {
  attainmentChangePoints,
  attainmentDecimals,
  shownAttainmentPercent,
} from './attainmentChange';

describe('attainmentDecimals', () => {
  it("shows the objective's last digit, at least two decimals", () => {
    expect(attainmentDecimals(0.999)).toBe(2);
    expect(attainmentDecimals(0.99)).toBe(2);
    expect(attainmentDecimals(0.99995)).toBe(3);
    expect(attainmentDecimals(0.9999995)).toBe(5);
  });
});

describe('shownAttainmentPercent', () => {
  it('truncates, so a near miss never reads as 100%', () => {
    expect(shownAttainmentPercent(0.99996, 2)).toBe(99.99);
    expect(shownAttainmentPercent(0.9987, 2)).toBe(99.87);
    expect(shownAttainmentPercent(1, 2)).toBe(100);
  });
});

describe('attainmentChangePoints', () => {
  it('is the difference of the figures as shown', () => {
    // 99.9500% → 99.9449%: shown 99.95% → 99.94%, a change of −0.01, not −0.0051.
    expect(attainmentChangePoints(0.999449, 0.9995, 0.999)).toBe(-0.01);
    // 99.9490% → 99.9410%: both shown as 99.94%, so no change (not −0.008 shown as ▼ 0.01).
    expect(attainmentChangePoints(0.99941, 0.99949, 0.999)).toBe(0);
    expect(attainmentChangePoints(0.9987, 0.9995, 0.999)).toBe(-0.08);
  });

  it('follows the objective\'s decimals', () => {
    expect(attainmentChangePoints(0.999951, 0.999949, 0.99995)).toBe(0.001);
  });
});
