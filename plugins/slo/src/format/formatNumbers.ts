import { attainmentDecimals, shownAttainmentPercent } from '@slo-kit/plugin-slo-common';

/**
 * Number formatting for people: percentages, budgets, burn rates, counts.
 * Every function takes fractions (0.999) as the API sends them and returns
 * text; `null` becomes an em dash so a missing figure never reads as 0 or 100%.
 */

/** Shown wherever a figure is missing; the data state says why. */
export const MISSING = '—';

/** Typographic minus: reads better than a hyphen next to a number. */
const MINUS = '−';

/**
 * Number of decimals that shows an objective's last significant digit, at
 * least `min`: the same rule the backend's attainment changes are rounded by.
 */
export function objectiveDecimals(target: number, min = 2): number {
  return attainmentDecimals(target, min);
}

/**
 * Attainment as a percentage, truncated rather than rounded so that 99.996%
 * never shows as 100.00% (a silent 100% hides a miss).
 */
export function formatAttainment(
  fraction: number | null | undefined,
  decimals = 2,
): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) {
    return MISSING;
  }
  if (fraction >= 1) {
    return '100%';
  }
  const truncated = shownAttainmentPercent(fraction, decimals);
  return `${withMinus(truncated.toFixed(decimals))}%`;
}

/** An objective such as `0.999` as `99.9%`, without trailing zeros. */
export function formatObjective(target: number): string {
  return `${roundTo(target * 100, 6)}%`;
}

/**
 * Error budget remaining: `61%`, `4.2%`, `0.35%`, or `−30% (overspent)` when
 * negative. More decimals near zero, where the difference matters.
 */
export function formatBudget(remaining: number | null | undefined): string {
  if (remaining === null || remaining === undefined || !Number.isFinite(remaining)) {
    return MISSING;
  }
  const percent = remaining * 100;
  const magnitude = Math.abs(percent);
  const decimals = decimalsBelow(magnitude, [1, 10]);
  const text = trimZeros(magnitude.toFixed(decimals));
  if (percent < 0) {
    // A sliver overspent still is overspent: never round it to a plain 0%.
    return Number(text) === 0 ? '0% (overspent)' : `${MINUS}${text}% (overspent)`;
  }
  return `${text}%`;
}

/** A burn rate factor: `14.9×`, `0.3×`, `120×`. */
export function formatBurnRate(rate: number | null | undefined): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) {
    return MISSING;
  }
  if (rate === 0) {
    return '0×';
  }
  const decimals = decimalsBelow(rate, [0.1, 100]);
  return `${trimZeros(rate.toFixed(decimals))}×`;
}

/** An event count with thousands separators: `1,234,567`. */
export function formatCount(count: number | null | undefined): string {
  if (count === null || count === undefined || !Number.isFinite(count)) {
    return MISSING;
  }
  return Math.round(count).toLocaleString('en-US');
}

/** A coverage fraction as a whole percentage: `62%`. Never rounds up to 100%. */
export function formatCoverage(fraction: number): string {
  const percent = Math.floor(roundTo(fraction * 100, 6));
  return `${percent}%`;
}

/**
 * A share of things (SLOs meeting, say) as a whole percentage, rounded, but
 * never 100% unless all of them and never 0% unless none: `67%`.
 */
export function formatShare(fraction: number | null | undefined): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) {
    return MISSING;
  }
  let percent = Math.round(fraction * 100);
  if (percent === 100 && fraction < 1) {
    percent = 99;
  } else if (percent === 0 && fraction > 0) {
    percent = 1;
  }
  return `${percent}%`;
}

/**
 * Change in percentage points: `▲ 1 pt`, `▼ 4 pts`, `no change`.
 * `decimals` suits the magnitude: whole points for shares of SLOs, two
 * decimals for attainment.
 */
export function formatPoints(
  points: number | null | undefined,
  decimals = 0,
): string {
  if (points === null || points === undefined || !Number.isFinite(points)) {
    return MISSING;
  }
  const magnitude = Math.abs(points);
  const text = trimZeros(magnitude.toFixed(decimals));
  if (Number(text) === 0) {
    return 'no change';
  }
  const unit = Number(text) === 1 ? 'pt' : 'pts';
  return `${points > 0 ? '▲' : '▼'} ${text} ${unit}`;
}

/** Two decimals below the first limit, one below the second, none above. */
function decimalsBelow(value: number, [twoBelow, oneBelow]: [number, number]): number {
  if (value < twoBelow) {
    return 2;
  }
  return value < oneBelow ? 1 : 0;
}

function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

function trimZeros(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

function withMinus(text: string): string {
  return text.startsWith('-') ? `${MINUS}${text.slice(1)}` : text;
}
