import type {
  BurnRateAlertState,
  SloSeriesPoint,
} from '@slo-kit/plugin-slo-common';
import { DateTime } from 'luxon';
import {
  formatAttainment,
  formatDurationShort,
  formatBudget,
  formatBurnRate,
  formatObjective,
  objectiveDecimals,
  zoneOptions,
} from '../../format';

/** One chart point; percentages rather than fractions, null for gaps. */
export interface ChartDatum {
  /** Start of the point's span: its events and burn rate are over `[from, t)`. */
  from: number;
  /** End of the span; SLI and budget are over the SLO window ending here. */
  t: number;
  sliPercent: number | null;
  budgetPercent: number | null;
  burnRate: number | null;
  good: number;
  total: number;
}

/** API points to chart points. */
export function toChartData(points: readonly SloSeriesPoint[]): ChartDatum[] {
  return points.map(point => ({
    from: point.from,
    t: point.t,
    sliPercent: finiteOrNull(point.sli, 100),
    budgetPercent: finiteOrNull(point.budgetRemaining, 100),
    burnRate: finiteOrNull(point.burnRate, 1),
    good: point.good,
    total: point.total,
  }));
}

/** A burn-rate threshold line: factor and which alert it belongs to. */
export interface BurnThreshold {
  factor: number;
  severity: 'page' | 'ticket';
  canFire: boolean;
}

/** The SRE Workbook defaults, used when an evaluation carries no alert rules. */
export const DEFAULT_THRESHOLDS: readonly BurnThreshold[] = [
  { factor: 14.4, severity: 'page', canFire: true },
  { factor: 6, severity: 'page', canFire: true },
  { factor: 3, severity: 'ticket', canFire: true },
  { factor: 1, severity: 'ticket', canFire: true },
];

/** The thresholds to draw, from the SLO's own alert rules. */
export function burnThresholds(
  alerts: readonly BurnRateAlertState[],
): BurnThreshold[] {
  if (alerts.length === 0) {
    return [...DEFAULT_THRESHOLDS];
  }
  return alerts.map(alert => ({
    factor: alert.factor,
    severity: alert.severity,
    canFire: alert.canFire,
  }));
}

/** Steps of the SLI axis in percentage points: 1, 2 and 5 times powers of ten. */
const SLI_STEPS = [
  0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 25,
];

/**
 * The SLI axis: from a round value below the lowest point and the objective
 * (with headroom) up to 100%, in at most five round steps, so ticks read
 * 99.5%, 99.6%... rather than 99.437%, 99.537%...
 */
export function sliAxis(
  data: readonly ChartDatum[],
  targetPercent: number,
): { min: number; ticks: number[] } {
  const values = data
    .map(datum => datum.sliPercent)
    .filter((value): value is number => value !== null);
  const lowest = Math.min(targetPercent, ...values);
  const span = Math.max(100 - lowest, 0.001) * 1.5;
  const step = SLI_STEPS.find(s => span / s <= 5) ?? 25;
  // Whole multiples of the step, counted from 100% down, avoid float drift.
  const count = Math.min(Math.ceil(span / step - 1e-9), Math.floor(100 / step));
  const ticks = Array.from({ length: count + 1 }, (_, i) =>
    Number((100 - (count - i) * step).toFixed(3)),
  );
  return { min: ticks[0], ticks };
}

/** Steps of the budget axis in percentage points. */
const BUDGET_STEPS = [10, 20, 25, 50, 100, 200, 250, 500, 1000];
/** The most ticks the budget axis shows. */
const BUDGET_MAX_TICKS = 6;

/**
 * The error-budget axis: round steps that always include 0% (budget spent)
 * and 100% (untouched), stretched down to the lowest overspend, so ticks read
 * −50%, 0%, 50%, 100% rather than −32%, 3%, 38%, 73% with 0% unlabelled.
 */
export function budgetAxis(data: readonly ChartDatum[]): {
  min: number;
  max: number;
  ticks: number[];
} {
  const values = data
    .map(datum => datum.budgetPercent)
    .filter((value): value is number => value !== null);
  const lowest = Math.min(0, ...values);
  const highest = Math.max(100, ...values);
  const fits = (step: number) =>
    Math.ceil(highest / step - 1e-9) - Math.floor(lowest / step + 1e-9) + 1 <=
    BUDGET_MAX_TICKS;
  const step =
    BUDGET_STEPS.find(fits) ??
    10 ** Math.ceil(Math.log10((highest - lowest) / (BUDGET_MAX_TICKS - 1)));
  const first = Math.floor(lowest / step + 1e-9);
  const last = Math.ceil(highest / step - 1e-9);
  const ticks = Array.from({ length: last - first + 1 }, (_, i) => (first + i) * step);
  // 100% is drawn even where the step passes it by (step 25 from −75%: ... 75, 100).
  return { min: ticks[0], max: ticks[ticks.length - 1], ticks };
}

/** Spacings of time ticks, in hours. */
const HOUR_STEPS = [1, 2, 3, 6, 12];
/** Spacings of time ticks, in days. */
const DAY_STEPS = [1, 2, 7, 14, 28];

/**
 * Time ticks (epoch seconds) between `from` and `to` at whole hours or local
 * midnights in `timeZone`, evenly spaced in calendar terms, at most
 * `maxTicks` of them: Nov 1, Nov 3, Nov 5... rather than wherever a
 * millisecond scale falls.
 */
export function timeTicks(
  from: number,
  to: number,
  timeZone?: string,
  maxTicks = 8,
): number[] {
  const zone = zoneOptions(timeZone);
  const hours = (to - from) / 3600;
  const ticks: number[] = [];
  const hourStep = HOUR_STEPS.find(h => hours / h <= maxTicks);
  if (hourStep !== undefined) {
    let t = DateTime.fromSeconds(from, zone).startOf('hour');
    while (t.toSeconds() < from || t.hour % hourStep !== 0) {
      t = t.plus({ hours: 1 });
    }
    for (; t.toSeconds() <= to; t = t.plus({ hours: hourStep })) {
      ticks.push(t.toSeconds());
    }
    return ticks;
  }
  const days = hours / 24;
  const dayStep =
    DAY_STEPS.find(d => days / d <= maxTicks) ?? Math.ceil(days / maxTicks);
  let t = DateTime.fromSeconds(from, zone).startOf(
    dayStep >= 7 ? 'week' : 'day',
  );
  while (t.toSeconds() < from) {
    t = t.plus({ days: dayStep >= 7 ? 7 : 1 });
  }
  for (; t.toSeconds() <= to; t = t.plus({ days: dayStep })) {
    ticks.push(t.toSeconds());
  }
  return ticks;
}

/** How the captions name the SLO window: "30d window", "month so far". */
function windowPhrase(windowLabel: string | undefined): string {
  return windowLabel ? `${windowLabel}-window` : 'SLO-window';
}

/**
 * Text for the SLI chart's accessible name and caption. Each point is the SLI
 * over the SLO window ending at it, so the caption says so, and counts the
 * points below the objective rather than claiming a share of "the time".
 */
export function summariseSli(
  data: readonly ChartDatum[],
  target: number,
  rangeLabel: string,
  windowLabel?: string,
): string {
  const values = data.filter(datum => datum.sliPercent !== null);
  const measure = `${windowPhrase(windowLabel)} SLI`;
  if (values.length === 0) {
    return `${measure} over the last ${rangeLabel}: no data.`;
  }
  const decimals = objectiveDecimals(target);
  const latest = values[values.length - 1].sliPercent! / 100;
  const lowest = Math.min(...values.map(datum => datum.sliPercent!)) / 100;
  const below = values.filter(datum => datum.sliPercent! < target * 100).length;
  return `${measure} over the last ${rangeLabel} against the ${formatObjective(
    target,
  )} objective: latest ${formatAttainment(
    latest,
    decimals,
  )}, lowest ${formatAttainment(
    lowest,
    decimals,
  )}, below the objective at ${below} of ${values.length} points.`;
}

/** Text for the budget chart: budget left over the SLO window ending at each point. */
export function summariseBudget(
  data: readonly ChartDatum[],
  rangeLabel: string,
  windowLabel?: string,
): string {
  const values = data.filter(datum => datum.budgetPercent !== null);
  const measure = `Error budget left over the ${windowPhrase(windowLabel).replace('-window', ' window')}`;
  if (values.length === 0) {
    return `${measure}, over the last ${rangeLabel}: no data.`;
  }
  const first = values[0].budgetPercent! / 100;
  const last = values[values.length - 1].budgetPercent! / 100;
  return `${measure}, over the last ${rangeLabel}: from ${formatBudget(
    first,
  )} to ${formatBudget(last)}.`;
}

/**
 * Text for the burn-rate chart: each point is the burn over its own step, so
 * the caption names the step, and the latest value names its (possibly
 * shorter) span.
 */
export function summariseBurn(
  data: readonly ChartDatum[],
  thresholds: readonly BurnThreshold[],
  rangeLabel: string,
  stepSeconds?: number,
): string {
  const values = data.filter(datum => datum.burnRate !== null);
  const lines = thresholds
    .map(
      threshold => `${formatBurnRate(threshold.factor)} ${threshold.severity}`,
    )
    .join(', ');
  const measure = stepSeconds
    ? `Burn rate per ${formatDurationShort(stepSeconds)} step`
    : 'Burn rate per step';
  if (values.length === 0) {
    return `${measure} over the last ${rangeLabel}: no data. Thresholds: ${lines}.`;
  }
  const peak = Math.max(...values.map(datum => datum.burnRate!));
  const last = values[values.length - 1];
  const lastSpan =
    stepSeconds && last.t - last.from !== stepSeconds
      ? ` (its last ${formatDurationShort(last.t - last.from)})`
      : '';
  return `${measure} over the last ${rangeLabel}: peak ${formatBurnRate(
    peak,
  )}, latest ${formatBurnRate(last.burnRate)}${lastSpan}. Thresholds: ${lines}.`;
}

function finiteOrNull(value: number | null, scale: number): number | null {
  return value === null || !Number.isFinite(value) ? null : value * scale;
}
