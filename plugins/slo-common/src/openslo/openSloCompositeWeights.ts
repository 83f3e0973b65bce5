import type { BudgetingMethod } from './readBudgetingMethod';

/** One objective of an OpenSLO composite SLO: its target and `compositeWeight`. */
export interface CompositeObjective {
  /** A fraction in (0, 1). */
  target: number;
  /** Positive; 1 when not written (the README's default). */
  weight: number;
}

/**
 * The portal's `weighted` composite that gives an OpenSLO composite's
 * figures: its objective and one weight per member (the engine divides by
 * their sum), or why the engine cannot compute the spec's rule.
 */
export type CompositeWeighting = { objective: number; weights: number[] } | { refused: string };

/** Weights summing to 1 within this are read as summing to 1 (the export rounds each to 15 digits). */
const SUM_OF_ONE = 1e-9;

/** The README's "Notes (Composite SLO)" rules, quoted in what is refused. */
const SPEC_TIMESLICES = '"If it was a bad minute for any individual objective, it\'s considered a bad minute for the Composite SLO"';
const SPEC_RATIO_TIMESLICES = '"it is the sum of missing up to 100 percent … Weight multiplies missing part of given slo"';

/**
 * Maps an OpenSLO composite SLO (the README's "Notes (Composite SLO)") onto
 * the portal's `weighted` composite, whose burn rate over any window is
 * `(1 − Σ vᵢ·SLIᵢ / Σ vᵢ) / (1 − objective)`.
 *
 * - Occurrences: the spec burns the composite at the weighted sum of its
 *   objectives' burn rates, `Σ wᵢ·(1 − SLIᵢ) / (1 − Tᵢ)`. That is the
 *   portal's burn rate exactly with `vᵢ = wᵢ / (1 − Tᵢ)` and
 *   `objective = 1 − 1 / Σ wᵢ / (1 − Tᵢ)`; with equal targets `T`,
 *   `vᵢ = wᵢ` and `objective = 1 − (1 − T) / Σ wᵢ` (T itself when the
 *   weights sum to 1, as the export writes them).
 * - RatioTimeslices: the spec's composite ratio is `1 − Σ wᵢ·(1 − rᵢ)`, the
 *   portal's weighted mean of the slices' ratios when the weights sum to 1;
 *   the spec names no target for the sum, so the objectives' targets must be
 *   equal and are the composite's.
 * - Timeslices: a slice is bad when it is bad for any objective; the portal
 *   pools events or weighs SLIs, neither of which is that: refused.
 *
 * Either way the equality holds while every member has events in the window:
 * the portal leaves a member without events out of the mean.
 */
export function weightedCompositeOf(method: BudgetingMethod, objectives: readonly CompositeObjective[]): CompositeWeighting {
  if (method === 'Timeslices') {
    return {
      refused: `a Timeslices composite counts a slice bad when any objective's slice is bad (the README's Notes (Composite SLO): ${SPEC_TIMESLICES}); the portal's composites pool events or weigh SLIs, so they cannot compute it. Use Occurrences or RatioTimeslices, or one SLO per objective.`,
    };
  }
  const weights = objectives.map(objective => objective.weight);
  const sum = weights.reduce((total, weight) => total + weight, 0);
  const targets = [...new Set(objectives.map(objective => objective.target))];
  if (method === 'RatioTimeslices') {
    if (targets.length > 1 || Math.abs(sum - 1) > SUM_OF_ONE) {
      return {
        refused: `a RatioTimeslices composite is ${SPEC_RATIO_TIMESLICES} (the README's Notes (Composite SLO)); the portal computes it, as the weighted mean of the ratios, only when the compositeWeights add up to 1 (they add up to ${sum}) and every objective has the same target (found ${targets.join(', ')}), since the spec gives the sum no target of its own.`,
      };
    }
    return { objective: targets[0], weights };
  }
  if (targets.length === 1) {
    const objective = Math.abs(sum - 1) <= SUM_OF_ONE ? targets[0] : 1 - (1 - targets[0]) / sum;
    return withinRange(objective, weights);
  }
  const scaled = objectives.map(({ target, weight }) => weight / (1 - target));
  return withinRange(1 - 1 / scaled.reduce((total, value) => total + value, 0), scaled);
}

/** The composite's objective must be one the portal evaluates, as any objective. */
function withinRange(objective: number, weights: number[]): CompositeWeighting {
  if (objective > 0.01 && objective < 1) return { objective, weights };
  return {
    refused: `with these targets and compositeWeights the composite burns its budget at the weighted sum of the objectives' burn rates, which is a composite objective of ${objective}, outside (0.01, 1): raise the targets or the weights.`,
  };
}
