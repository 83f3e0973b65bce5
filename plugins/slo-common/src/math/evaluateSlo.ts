import type { EventBucket } from '../model/EventBucket';
import type { SloDefinition, SloObjective } from '../model/SloDefinition';
import type {
  AlertEpisode,
  BudgetForecast,
  BurnRateAlertState,
  SloDataState,
  SloEvaluation,
} from '../model/SloEvaluation';
import { alertRulesFor } from '../resolution/alertRulesFor';
import { BucketIndex } from './BucketIndex';
import { alertEpisodeStart, isAlertFiring } from './alertEpisodeStart';
import { burnRate, errorBudgetShare } from './burnRate';
import { firingSeverity, sloHealth } from './sloHealth';
import { formatDuration } from './parseDuration';
import { windowBounds } from './windowBounds';

/**
 * Default share of a window that stored buckets must cover before the figures
 * count as complete; below it the data state is `partial`.
 *
 * @public
 */
export const DEFAULT_COVERAGE_THRESHOLD = 0.9;

// The status rules live in sloHealth.ts; these stay importable from here.
export { AT_RISK_BUDGET_REMAINING, meetsTarget } from './sloHealth';

/**
 * Input of {@link evaluateSlo}.
 *
 * @public
 */
export interface EvaluateSloInput {
  definition: SloDefinition;
  /** The objective to evaluate, by value or name; default the primary (first) one. */
  objective?: SloObjective | string;
  /**
   * The SLO's stored buckets (or slices), or an index built from them once for
   * several calls. They should reach back over the window and twice the
   * longest alert window, so that an alert episode's start can be found.
   */
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
 * Evaluates one objective of an SLO at time `at` from stored event buckets:
 * attainment, error budget, burn rates, multi-window multi-burn-rate alert
 * states with the episode under way, a forecast of budget exhaustion, the
 * data state and the status ({@link sloHealth}).
 *
 * The error budget has one definition for every window: over the events of
 * the window so far (a calendar period's events up to `at`), allowed bad =
 * total × (1 − objective), consumed = bad / allowed. It is overspent exactly
 * when attainment is below the objective. `wholeWindow` is a second figure
 * (the whole period's allowance at the traffic seen so far), never the budget.
 * The forecast says when that same budget reaches 0.
 *
 * Figures that cannot be computed are null and explained by `dataState`,
 * never NaN. For time-slice SLIs the buckets are slices (good 0 or 1, total 1)
 * and the same math runs over slices.
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
    bucketSeconds: input.bucketSeconds,
  }).map(rule => {
    const longBurnRate = rateOver(rule.longWindowSeconds);
    const shortBurnRate = rateOver(rule.shortWindowSeconds);
    const canFire = rule.factor * budgetShare <= 1;
    const firing = isAlertFiring(rule, longBurnRate, shortBurnRate, target);
    return { ...rule, longBurnRate, shortBurnRate, firing, canFire };
  });
  const currentRate = rateOver(3600);

  // A rolling window's budget is replaced within one window length; a calendar one ends with its period.
  const horizon =
    definition.window.type === 'rolling' ? at + bounds.periodSeconds : bounds.periodEnd;
  // When `remainingFraction` reaches 0 if burning at `rate` from now on. A
  // rolling window drops old events as new ones come: its allowance stays
  // (a window's worth), spent at `rate`. A calendar period keeps its events:
  // every new one adds its allowance, so the budget shrinks at `rate − 1`
  // (events per covered second as seen so far) and never runs out at 1×.
  const calendar = definition.window.type === 'calendar';
  const exhaustionAt = (rate: number | null): number | null => {
    if (remainingFraction === null) return null;
    if (remainingFraction <= 0) return at;
    if (rate === null) return null;
    let secondsLeft = Infinity;
    if (calendar && rate > 1) {
      secondsLeft = (remainingFraction * sums.coveredSeconds) / (rate - 1);
    } else if (!calendar && rate > 0) {
      secondsLeft = (remainingFraction * bounds.periodSeconds) / rate;
    }
    const when = at + secondsLeft;
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

  const health = sloHealth({
    sli,
    target,
    dataState,
    budgetRemaining: remainingFraction,
    alerts,
  });

  // The episode of the most severe firing kind, walked back over the same
  // rules for at most the longest alert window.
  const severity = firingSeverity(alerts);
  let episode: AlertEpisode | null = null;
  if (severity) {
    const rules = alerts.filter(alert => alert.severity === severity);
    const start = alertEpisodeStart({
      buckets: index,
      rules,
      target,
      at,
      stepSeconds: input.bucketSeconds,
      maxLookbackSeconds: Math.max(...alerts.map(alert => alert.longWindowSeconds)),
    });
    if (start) episode = { severity, ...start };
  }

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
    episode,
  };
}
