import type { SloHealth } from '../model/SloEvaluation';

/**
 * How a numeric term compares the SLO's figure with its threshold.
 *
 * @public
 */
export type GateComparison = '>=' | '>' | '<=' | '<';

/**
 * One term of an error-budget policy, as {@link parseGatePolicy} reads it.
 * Every term must hold for every judged SLO for a deploy to be allowed.
 *
 * - `budget-left`: error budget remaining over the SLO's window, a fraction
 *   (written as a percent: `budget-left>=0%`, `budget-left>25%`).
 * - `attainment`: the SLI over the window, a fraction (`attainment>=99.9%`).
 * - `burn-rate`: the burn rate over one of the SLO's computed windows
 *   (`burn-rate-1h<2`, `burn-rate-6h<=1`).
 * - `not-paging`: no page alert fires.
 * - `not-alerting`: no page or ticket alert fires.
 * - `state`: the SLO's status word (`state!=breaching`, `state==met`).
 *
 * `text` is the term as the policy is printed back (normalised spelling).
 *
 * @public
 */
export type GateTerm =
  | {
      kind: 'budget-left' | 'attainment';
      comparison: GateComparison;
      /** A fraction: `25%` is 0.25. */
      threshold: number;
      text: string;
    }
  | {
      kind: 'burn-rate';
      /** The burn-rate window in seconds, e.g. 3600 for `burn-rate-1h`. */
      windowSeconds: number;
      comparison: GateComparison;
      /** A burn-rate factor: 1 spends the budget exactly over the window. */
      threshold: number;
      text: string;
    }
  | { kind: 'not-paging' | 'not-alerting'; text: string }
  | {
      kind: 'state';
      comparison: '==' | '!=';
      health: SloHealth;
      text: string;
    };

/**
 * An error-budget policy: terms that must all hold for a deploy to go ahead.
 *
 * @public
 */
export interface GatePolicy {
  terms: GateTerm[];
  /** The terms' `text`, comma-separated: how the policy is printed back. */
  text: string;
}

/**
 * What is wrong with one term of a policy, where, and how to write it.
 *
 * @public
 */
export interface GatePolicyProblem {
  /** The term as written (shortened to 80 characters). */
  term: string;
  /** 1-based position of the term in the policy. */
  position: number;
  /** What is wrong, in a sentence that also says how to fix it. */
  message: string;
  /** What a term of this kind looks like. */
  expected: string;
  /** The closest known term name, for a misspelled one. */
  didYouMean?: string;
}
