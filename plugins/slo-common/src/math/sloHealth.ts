import type { BurnRateAlertState, SloDataState, SloHealth } from '../model/SloEvaluation';

/**
 * Below this share of the error budget left, a meeting SLO is `at-risk`.
 *
 * @public
 */
export const AT_RISK_BUDGET_REMAINING = 0.25;

/**
 * Attainment exactly at the target meets it; this absorbs float noise such as
 * 99.9 / 100 = 0.9990000000000001.
 */
const TARGET_EPSILON = 1e-12;

/**
 * Whether attainment `sli` meets `target`, tolerating float noise.
 *
 * @public
 */
export function meetsTarget(sli: number, target: number): boolean {
  return sli >= target - TARGET_EPSILON;
}

/**
 * What {@link sloHealth} decides from: figures of one evaluation.
 *
 * @public
 */
export interface SloHealthInput {
  /** Attainment over the window; null without events. */
  sli: number | null;
  /** The objective, a fraction (0.999). */
  target: number;
  dataState: SloDataState;
  /** Error budget left, a fraction (may be negative); null without events. */
  budgetRemaining: number | null;
  alerts: ReadonlyArray<Pick<BurnRateAlertState, 'severity' | 'firing'>>;
}

/**
 * The most severe firing alert: `page`, `ticket` or undefined.
 *
 * @public
 */
export function firingSeverity(
  alerts: ReadonlyArray<Pick<BurnRateAlertState, 'severity' | 'firing'>>,
): 'page' | 'ticket' | undefined {
  if (alerts.some(alert => alert.firing && alert.severity === 'page')) return 'page';
  return alerts.some(alert => alert.firing) ? 'ticket' : undefined;
}

/**
 * The status of an SLO: the one rule behind the chip, the summary strip, the
 * scorecard counts and the API's `health`. The first that holds wins:
 *
 * 1. `paging`: a page alert fires. Someone is (or should be) paged now; the
 *    budget goes within days at this rate. It outranks `breaching` because it
 *    is what the owner can act on now: a breach without a page is spend that
 *    already happened and only time repairs, while a page is spend happening
 *    now. A breach stays visible next to it (attainment "▼ below target").
 *    It outranks `unknown` too: the exported Prometheus rules page on the same
 *    burn rates whatever the traffic, and the portal must agree with the pager.
 * 2. `unknown`: no events, or fewer than the SLO's minimum: too little to judge.
 * 3. `breaching`: attainment below the objective (the budget is overspent).
 * 4. `at-risk`: meeting the objective, but a ticket alert fires (the budget
 *    runs out before the window ends at this rate) or less than
 *    {@link AT_RISK_BUDGET_REMAINING} of the budget is left.
 * 5. `met`: otherwise.
 *
 * @public
 */
export function sloHealth(input: SloHealthInput): SloHealth {
  const severity = firingSeverity(input.alerts);
  if (severity === 'page') return 'paging';
  if (input.sli === null || input.dataState === 'low-traffic') return 'unknown';
  if (!meetsTarget(input.sli, input.target)) return 'breaching';
  if (
    severity === 'ticket' ||
    (input.budgetRemaining !== null && input.budgetRemaining < AT_RISK_BUDGET_REMAINING)
  ) {
    return 'at-risk';
  }
  return 'met';
}

/**
 * Statuses from most to least urgent: the order of "worst first" lists.
 *
 * @public
 */
export const SLO_HEALTH_ORDER: readonly SloHealth[] = [
  'paging',
  'breaching',
  'at-risk',
  'unknown',
  'met',
];

/**
 * Whether an SLO with this status counts as "meeting" in summaries and
 * scorecards: `met` and `at-risk` (meeting the objective, nothing paging).
 * A paging SLO never counts, even while its attainment is still above target.
 *
 * @public
 */
export function countsAsMeeting(health: SloHealth): boolean {
  return health === 'met' || health === 'at-risk';
}
