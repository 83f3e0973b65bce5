import type { EventBucket } from '../model/EventBucket';
import type { AlertEpisode, BurnRateAlertRule } from '../model/SloEvaluation';
import { BucketIndex } from './BucketIndex';
import { burnRate, errorBudgetShare } from './burnRate';

/**
 * Whether an alert rule fires at these burn rates: both windows burn at least
 * at its factor, and the objective leaves room to reach the factor at all
 * (`factor × (1 − objective) ≤ 1`). The one firing rule of the evaluation and
 * of {@link alertEpisodeStart}.
 *
 * @public
 */
export function isAlertFiring(
  rule: Pick<BurnRateAlertRule, 'factor'>,
  longBurnRate: number | null,
  shortBurnRate: number | null,
  target: number,
): boolean {
  return (
    rule.factor * errorBudgetShare(target) <= 1 &&
    longBurnRate !== null &&
    shortBurnRate !== null &&
    longBurnRate >= rule.factor &&
    shortBurnRate >= rule.factor
  );
}

/**
 * Input of {@link alertEpisodeStart}.
 *
 * @public
 */
export interface AlertEpisodeStartInput {
  /** The SLO's stored buckets, or an index built from them. */
  buckets: readonly EventBucket[] | BucketIndex;
  /** The rules whose firing makes the episode: those of one severity. */
  rules: readonly BurnRateAlertRule[];
  /** The objective, a fraction (0.999). */
  target: number;
  /** Evaluation time, epoch seconds (a bucket end). */
  at: number;
  /** The stored bucket length: the walk's step. */
  stepSeconds: number;
  /**
   * How far back from `at` the walk may go. The buckets must reach back this
   * far plus the longest rule window.
   */
  maxLookbackSeconds: number;
}

type FiringAt = 'firing' | 'quiet' | 'unknown';

/**
 * Since when an alert episode has lasted: walks back from `at` one bucket at a
 * time, re-evaluating the rules at every earlier bucket end exactly as the
 * evaluation does (same windows, same factors, sums from the stored buckets),
 * while at least one of them fired. An episode is an unbroken run of such
 * bucket ends. Each step costs two index look-ups per rule.
 *
 * @returns null when no rule fires at `at`; otherwise the first bucket end of
 *   the run, with `startedBefore` true when the run reaches the walk's bound
 *   or a time the buckets cannot judge (no stored bucket in a window): the
 *   episode is at least that old.
 * @public
 */
export function alertEpisodeStart(
  input: AlertEpisodeStartInput,
): Pick<AlertEpisode, 'since' | 'startedBefore'> | null {
  const { rules, target, at, stepSeconds, maxLookbackSeconds } = input;
  const index = BucketIndex.from(input.buckets);
  const firingAt = (t: number): FiringAt => {
    let unknown = false;
    for (const rule of rules) {
      const long = index.sum(t - rule.longWindowSeconds, t);
      const short = index.sum(t - rule.shortWindowSeconds, t);
      if (long.coveredSeconds === 0 || short.coveredSeconds === 0) {
        unknown = true;
      } else if (
        isAlertFiring(
          rule,
          burnRate(long.good, long.total, target),
          burnRate(short.good, short.total, target),
          target,
        )
      ) {
        return 'firing';
      }
    }
    return unknown ? 'unknown' : 'quiet';
  };

  if (!(stepSeconds > 0) || firingAt(at) !== 'firing') return null;
  const earliest = at - Math.max(0, maxLookbackSeconds);
  let since = at;
  for (let t = at - stepSeconds; t >= earliest; t -= stepSeconds) {
    const state = firingAt(t);
    if (state === 'quiet') return { since, startedBefore: false };
    if (state === 'unknown') return { since, startedBefore: true };
    since = t;
  }
  return { since, startedBefore: true };
}
