import type { EventBucket } from '../model/EventBucket';
import type { SloDefinition, SloObjective } from '../model/SloDefinition';
import type {
  BudgetForecast,
  BurnRateAlertState,
  SloDataState,
  SloEvaluation,
  SloHealth,
} from '../model/SloEvaluation';
import { alertRulesFor } from './alertRulesFor';
import { BucketIndex } from './BucketIndex';
import { burnRate, errorBudgetShare } from './burnRate';
import { formatDuration } from './parseDuration';
import { windowBounds } from './windowBounds';

/**
 * Default share of a window that stored buckets must cover before the figures
 * count as complete; below it the data state is `partial`.
 *
 * @public
 */
export const DEFAULT_COVERAGE_THRESHOLD = 0.9;

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
 * Input of {@link evaluateSlo}.
 *
 * @public
 */
export interface EvaluateSloInput {
  definition: SloDefinition;
  /** The objective to evaluate, by value or name; default the primary (first) one. */
  objective?: SloObjective | string;
  /** The SLO's stored buckets (or slices), or an index built from them once for several calls. */
  buckets: readonly EventBucket[] | BucketIndex;
  /** Evaluation time, epoch seconds: the end of the last complete bucket. */
  at: number;
  /** The collection bucket length (slice length for time-slice SLIs); the shortest alert window. */
  bucketSeconds: number;
  /** Share of the window that buckets must cover; default {@link DEFAULT_COVERAGE_THRESHOLD}. */
  coverageThreshold?: number;
  /**
   * Fewest events before attainment is trusted, for SLOs that set no
   * `minimumEvents` themselves (app-config `slo.minimumEvents`). Default 0: off.
   */
  minimumEvents?: number;
}

/**
 * Picks the objective to evaluate, by value or name; falls back to the primary one.
 *
 * @public
 */
export function resolveObjective(
  definition: SloDefinition,
  objective: SloObjective | string | undefined,
): SloObjective {
  if (typeof objective === 'object') return objective;
  if (typeof objective === 'string') {
    const named = definition.objectives.find(o => o.name === objective);
    if (named) return named;
  }
  return definition.objectives[0] ?? { name: '', target: 0.99 };
}

/**
 * Whether attainment `sli` meets `target`, tolerating float noise.
 *
 * @public
 */
export function meetsTarget(sli: number, target: number): boolean {
  return sli >= target - TARGET_EPSILON;
}

/**
 * Evaluates one objective of an SLO at time `at` from stored event buckets:
 * attainment, error budget (so far and for the whole window), burn rates,
 * multi-window multi-burn-rate alert states, a forecast of budget exhaustion,
 * the data state and the overall health.
 *
 * Figures that cannot be computed are null and explained by `dataState`,
 * never NaN. For time-slice SLIs the buckets are slices (good 0 or 1, total 1)
 * and the same math runs over slices.
 *
 * Health:
 * - `unknown`: no data, or fewer events than `minimumEvents` (too few to trust);
 * - `breaching`: attainment below target (the budget is overspent);
 * - `at-risk`: still meeting the target, but an alert is firing (a page means
 *   the budget runs out within days) or less than 25% of the budget is left;
 *   "breaching" next to "meets target" would contradict itself on screen;
 * - `met`: otherwise.
 *
 * @public
 */
export function evaluateSlo(input: EvaluateSloInput): SloEvaluation {
  const { definition, at } = input;
  const index = BucketIndex.from(input.buckets);
  const objective = resolveObjective(definition, input.objective);
  const target = objective.target;
  const budgetShare = errorBudgetShare(target);
  const coverageThreshold = input.coverageThreshold ?? DEFAULT_COVERAGE_THRESHOLD;

  const bounds = windowBounds(definition.window, at);
  const sums = index.sum(bounds.start, bounds.end);
  const good = Math.min(sums.good, sums.total);
  const total = sums.total;
  const bad = Math.max(0, total - good);
  const elapsed = bounds.end - bounds.start;
  const coverage = elapsed > 0 ? Math.min(1, sums.coveredSeconds / elapsed) : 0;
  const sli = total > 0 ? good / total : null;

  const allowedBad = total * budgetShare;
  const consumedFraction = allowedBad > 0 ? bad / allowedBad : null;
  const remainingFraction = consumedFraction === null ? null : 1 - consumedFraction;

  // Whole window: extrapolate the event rate seen over the covered seconds.
  const projectedTotal =
    sums.coveredSeconds > 0 ? (total * bounds.periodSeconds) / sums.coveredSeconds : null;
  const wholeAllowedBad = projectedTotal === null ? null : projectedTotal * budgetShare;
  const wholeConsumed = wholeAllowedBad && wholeAllowedBad > 0 ? bad / wholeAllowedBad : null;
  const wholeRemaining = wholeConsumed === null ? null : 1 - wholeConsumed;

  const burnRates: Record<string, number | null> = {};
  const rateOver = (seconds: number): number | null => {
    const label = formatDuration(seconds);
    if (!(label in burnRates)) {
      const windowSums = index.sum(at - seconds, at);
      burnRates[label] = burnRate(windowSums.good, windowSums.total, target);
    }
    return burnRates[label];
  };

  const alerts: BurnRateAlertState[] = alertRulesFor(definition.window, {
    minWindowSeconds: input.bucketSeconds,
  }).map(rule => {
    const longBurnRate = rateOver(rule.longWindowSeconds);
    const shortBurnRate = rateOver(rule.shortWindowSeconds);
    const canFire = rule.factor * budgetShare <= 1;
    const firing =
      canFire &&
      longBurnRate !== null &&
      shortBurnRate !== null &&
      longBurnRate >= rule.factor &&
      shortBurnRate >= rule.factor;
    return { ...rule, longBurnRate, shortBurnRate, firing, canFire };
  });
  const currentRate = rateOver(3600);

  // A rolling window's budget is replaced within one window length; a calendar one ends with its period.
  const horizon =
    definition.window.type === 'rolling' ? at + bounds.periodSeconds : bounds.periodEnd;
  const exhaustionAt = (rate: number | null): number | null => {
    if (wholeRemaining === null) return null;
    if (wholeRemaining <= 0) return at;
    if (rate === null || !(rate > 0)) return null;
    const when = at + (wholeRemaining * bounds.periodSeconds) / rate;
    return when <= horizon ? Math.round(when) : null;
  };
  const forecast: BudgetForecast = {
    exhaustedAtCurrentRate: exhaustionAt(currentRate),
    exhaustedAtAverageRate: exhaustionAt(consumedFraction),
  };

  const minimumEvents = definition.minimumEvents ?? input.minimumEvents ?? 0;
  let dataState: SloDataState = 'ok';
  if (total <= 0) dataState = 'no-data';
  else if (coverage < coverageThreshold) dataState = 'partial';
  else if (total < minimumEvents) dataState = 'low-traffic';

  const paging = alerts.some(alert => alert.severity === 'page' && alert.firing);
  const ticketing = alerts.some(alert => alert.severity === 'ticket' && alert.firing);
  let health: SloHealth;
  if (sli === null || dataState === 'low-traffic') health = 'unknown';
  else if (!meetsTarget(sli, target)) health = 'breaching';
  else if (paging || ticketing || (remainingFraction !== null && remainingFraction < AT_RISK_BUDGET_REMAINING)) {
    health = 'at-risk';
  } else health = 'met';

  return {
    at,
    objective: { name: objective.name, target },
    windowStart: bounds.start,
    windowEnd: bounds.end,
    periodEnd: bounds.periodEnd,
    good,
    total,
    sli,
    errorBudget: {
      allowedBad,
      bad,
      consumedFraction,
      remainingFraction,
      exhausted: remainingFraction !== null && remainingFraction <= 0 && bad > 0,
      wholeWindow: {
        allowedBad: wholeAllowedBad,
        consumedFraction: wholeConsumed,
        remainingFraction: wholeRemaining,
      },
    },
    burnRates,
    alerts,
    forecast,
    dataState,
    coverage,
    health,
  };
}
