import type { SloWindow } from '../model/SloDefinition';
import type { BurnRateAlertRule } from '../model/SloEvaluation';
import { nominalWindowSeconds } from '../math/parseWindow';

/** The SRE Workbook's rules, stated for a 30-day period. */
const WORKBOOK_RULES: readonly BurnRateAlertRule[] = [
  { severity: 'page', factor: 14.4, longWindowSeconds: 3600, shortWindowSeconds: 300, budgetFraction: 0.02 },
  { severity: 'page', factor: 6, longWindowSeconds: 6 * 3600, shortWindowSeconds: 1800, budgetFraction: 0.05 },
  { severity: 'ticket', factor: 3, longWindowSeconds: 86400, shortWindowSeconds: 2 * 3600, budgetFraction: 0.1 },
  { severity: 'ticket', factor: 1, longWindowSeconds: 3 * 86400, shortWindowSeconds: 6 * 3600, budgetFraction: 0.1 },
];

const WORKBOOK_PERIOD_SECONDS = 30 * 86400;

/**
 * The storage bucket when none is given: 5 minutes, the collector's default.
 *
 * @public
 */
export const DEFAULT_BUCKET_SECONDS = 300;

/**
 * Options for {@link alertRulesFor}.
 *
 * @public
 */
export interface AlertRulesOptions {
  /**
   * The SLO's stored bucket length (see {@link storageBucketSeconds}): every
   * alert window is a whole number of these, and at least one. Default 300.
   */
  bucketSeconds?: number;
}

/**
 * Multi-window multi-burn-rate alert rules (Google SRE Workbook, "Alerting on
 * SLOs") for an SLO window: page 14.4× over 1h/5m (2% of the budget), page 6×
 * over 6h/30m (5%), ticket 3× over 1d/2h (10%), ticket 1× over 3d/6h (10%) for
 * a 30-day period.
 *
 * For other periods the alert windows scale with `period / 30d` and are then
 * rounded to the nearest whole number of storage buckets (never fewer than
 * one), while the factors stay the same: a factor f over a window w spends
 * `f × w / period` of the budget, so scaling w keeps each rule's budget
 * fraction; `budgetFraction` is computed from the rounded window. Whole buckets are what makes the portal and
 * the pager agree: the evaluator sums exactly the buckets of each window, and
 * the exported rules ask Prometheus for exactly the same durations. A 7-day
 * SLO on 5-minute buckets gets 15m/5m, 85m/5m, 5h35m/30m and 16h50m/85m.
 * Calendar windows use their nominal length (week 7d, month 30d, quarter 90d).
 *
 * This is the one place alert windows are decided: the evaluator, the CLI, the
 * API's labels and the rules export all call it.
 *
 * @public
 */
export function alertRulesFor(
  window: SloWindow,
  options: AlertRulesOptions = {},
): BurnRateAlertRule[] {
  const bucket = validBucketSeconds(options.bucketSeconds);
  const period = nominalWindowSeconds(window);
  const scale = period / WORKBOOK_PERIOD_SECONDS;
  const scaled = (seconds: number) =>
    Math.max(1, Math.round((seconds * scale) / bucket)) * bucket;
  return WORKBOOK_RULES.map(rule => {
    const longWindowSeconds = scaled(rule.longWindowSeconds);
    return {
      ...rule,
      longWindowSeconds,
      shortWindowSeconds: scaled(rule.shortWindowSeconds),
      // What the rounded long window really catches: f × w / period.
      budgetFraction: Number(
        ((rule.factor * longWindowSeconds) / period).toPrecision(12),
      ),
    };
  });
}

/**
 * The longest alert window of an SLO window: how far back burn rates look
 * (3 days for a 30-day period).
 *
 * @public
 */
export function longestAlertWindowSeconds(
  window: SloWindow,
  options: AlertRulesOptions = {},
): number {
  return Math.max(
    ...alertRulesFor(window, options).map(rule => rule.longWindowSeconds),
  );
}

function validBucketSeconds(seconds: number | undefined): number {
  return seconds !== undefined && Number.isInteger(seconds) && seconds > 0
    ? seconds
    : DEFAULT_BUCKET_SECONDS;
}
