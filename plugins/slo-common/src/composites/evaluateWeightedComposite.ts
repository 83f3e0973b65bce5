import type { EventBucket } from '../model/EventBucket';
import type { SloWindow } from '../model/SloDefinition';
import type { BurnRateAlertState, SloHealth } from '../model/SloEvaluation';
import { BucketIndex } from '../math/BucketIndex';
import { isAlertFiring } from '../math/alertEpisodeStart';
import { errorBudgetShare } from '../math/burnRate';
import { formatDuration } from '../math/parseDuration';
import { sloHealth } from '../math/sloHealth';
import { windowBounds } from '../math/windowBounds';
import { alertRulesFor } from '../resolution/alertRulesFor';

/**
 * The current status of a `weighted` composite (its period history and
 * series: `weightedCompositeHistory`, `weightedCompositeSeries`).
 *
 * @public
 */
export interface WeightedCompositeEvaluation {
  at: number;
  objective: number;
  windowStart: number;
  windowEnd: number;
  /** `Σ wᵢ·SLIᵢ / Σ wᵢ` over the members with events in the window; null when none has. */
  sli: number | null;
  /** `1 − (1 − SLI) / (1 − objective)`; can go negative; null without an SLI. */
  errorBudgetRemaining: number | null;
  /** By alert window label: `(1 − SLI_w) / (1 − objective)` with the weighted SLI over that window. */
  burnRates: Record<string, number | null>;
  alerts: BurnRateAlertState[];
  health: SloHealth;
  /**
   * Each member's SLI over the window, in member order; null without events
   * (and, in API answers, for a member the caller may not read).
   */
  memberSlis: Array<number | null>;
}

/**
 * Input of {@link evaluateWeightedComposite}.
 *
 * @public
 */
export interface EvaluateWeightedCompositeInput {
  objective: number;
  window: SloWindow;
  /** Evaluation time, epoch seconds: the end of the last complete bucket. */
  at: number;
  /** The members' stored bucket length: the step of the alert windows. */
  bucketSeconds: number;
  members: ReadonlyArray<{ weight: number; buckets: readonly EventBucket[] | BucketIndex }>;
}

/**
 * A member's SLI over `[start, end)`; null without events.
 */
function sliOver(index: BucketIndex, start: number, end: number): number | null {
  const sums = index.sum(start, end);
  return sums.total > 0 ? Math.min(sums.good, sums.total) / sums.total : null;
}

/**
 * The weighted mean of SLIs: `Σ wᵢ·SLIᵢ / Σ wᵢ` over the members whose SLI
 * is known; null when none is.
 *
 * @public
 */
export function weightedSli(members: ReadonlyArray<{ weight: number; sli: number | null }>): number | null {
  let weighted = 0;
  let weights = 0;
  for (const { weight, sli } of members) {
    if (sli === null) continue;
    weighted += weight * sli;
    weights += weight;
  }
  return weights > 0 ? weighted / weights : null;
}

/**
 * Evaluates a `weighted` composite at `at`: its SLI over the window is the
 * weighted mean of its members' SLIs (over members with data), its budget
 * remaining `1 − (1 − SLI) / (1 − objective)`, and the burn rate over each
 * alert window `(1 − SLI_w) / (1 − objective)` with the weighted SLI over
 * that window; alerts fire by the same multi-window rules as a plain SLO's.
 * Unlike `events` semantics, a quiet member counts as much as a busy one:
 * that is the point of weights.
 *
 * @public
 */
export function evaluateWeightedComposite(input: EvaluateWeightedCompositeInput): WeightedCompositeEvaluation {
  const { at, objective } = input;
  const budgetShare = errorBudgetShare(objective);
  const indexes = input.members.map(member => ({ weight: member.weight, index: BucketIndex.from(member.buckets) }));
  const over = (start: number, end: number) =>
    indexes.map(({ weight, index }) => ({ weight, sli: sliOver(index, start, end) }));
  const burnOf = (sli: number | null) => (sli === null || !(budgetShare > 0) ? null : (1 - sli) / budgetShare);

  const bounds = windowBounds(input.window, at);
  const memberSlis = over(bounds.start, bounds.end);
  const sli = weightedSli(memberSlis);
  const errorBudgetRemaining = sli === null || !(budgetShare > 0) ? null : 1 - (1 - sli) / budgetShare;

  const burnRates: Record<string, number | null> = {};
  const rateOver = (seconds: number) => {
    const label = formatDuration(seconds);
    if (!(label in burnRates)) burnRates[label] = burnOf(weightedSli(over(at - seconds, at)));
    return burnRates[label];
  };
  const alerts: BurnRateAlertState[] = alertRulesFor(input.window, { bucketSeconds: input.bucketSeconds }).map(rule => {
    const longBurnRate = rateOver(rule.longWindowSeconds);
    const shortBurnRate = rateOver(rule.shortWindowSeconds);
    return {
      ...rule,
      longBurnRate,
      shortBurnRate,
      firing: isAlertFiring(rule, longBurnRate, shortBurnRate, objective),
      canFire: rule.factor * budgetShare <= 1,
    };
  });
  rateOver(3600);
  return {
    at,
    objective,
    windowStart: bounds.start,
    windowEnd: bounds.end,
    sli,
    errorBudgetRemaining,
    burnRates,
    alerts,
    health: sloHealth({ sli, target: objective, dataState: sli === null ? 'no-data' : 'ok', budgetRemaining: errorBudgetRemaining, alerts }),
    memberSlis: memberSlis.map(member => member.sli),
  };
}
