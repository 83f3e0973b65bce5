import type { SloWindow } from '../model/SloDefinition';
import type { BurnRateAlertRule } from '../model/SloEvaluation';
import { nominalWindowSeconds } from './parseWindow';

/** The SRE Workbook's rules, stated for a 30-day period. */
const WORKBOOK_RULES: readonly BurnRateAlertRule[] = [
  { severity: 'page', factor: 14.4, longWindowSeconds: 3600, shortWindowSeconds: 300, budgetFraction: 0.02 },
  { severity: 'page', factor: 6, longWindowSeconds: 6 * 3600, shortWindowSeconds: 1800, budgetFraction: 0.05 },
  { severity: 'ticket', factor: 3, longWindowSeconds: 86400, shortWindowSeconds: 2 * 3600, budgetFraction: 0.1 },
  { severity: 'ticket', factor: 1, longWindowSeconds: 3 * 86400, shortWindowSeconds: 6 * 3600, budgetFraction: 0.1 },
];

const WORKBOOK_PERIOD_SECONDS = 30 * 86400;

/**
 * Options for {@link alertRulesFor}.
 *
 * @public
 */
export interface AlertRulesOptions {
  /** Shortest allowed alert window: one bucket. Default 300 (5 minutes). */
  minWindowSeconds?: number;
}

/**
 * Multi-window multi-burn-rate alert rules (Google SRE Workbook, "Alerting on
 * SLOs") for an SLO window: page 14.4× over 1h/5m (2% of the budget), page 6×
 * over 6h/30m (5%), ticket 3× over 1d/2h (10%), ticket 1× over 3d/6h (10%) for
 * a 30-day period.
 *
 * For other periods the alert windows scale with `period / 30d` (rounded to
 * whole minutes, never shorter than `minWindowSeconds`), while the factors stay
 * the same: a factor f over a window w spends `f × w / period` of the budget,
 * so scaling w with the period keeps each rule's budget fraction. Calendar
 * windows use their nominal length (week 7d, month 30d, quarter 90d).
 *
 * @public
 */
export function alertRulesFor(
  window: SloWindow,
  options: AlertRulesOptions = {},
): BurnRateAlertRule[] {
  const minWindow = Math.max(60, options.minWindowSeconds ?? 300);
  const scale = nominalWindowSeconds(window) / WORKBOOK_PERIOD_SECONDS;
  const scaled = (seconds: number) =>
    Math.max(minWindow, Math.round((seconds * scale) / 60) * 60);
  return WORKBOOK_RULES.map(rule => ({
    ...rule,
    longWindowSeconds: scaled(rule.longWindowSeconds),
    shortWindowSeconds: scaled(rule.shortWindowSeconds),
  }));
}
