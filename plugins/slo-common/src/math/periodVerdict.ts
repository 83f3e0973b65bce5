import { meetsTarget } from './evaluateSlo';

/**
 * What a finished (or running) period says about an SLO:
 * - `met` / `missed`: attainment at or above the target, or below it;
 * - `low-traffic`: fewer events than the SLO's minimum, too few to judge;
 * - `no-data`: no events at all.
 *
 * @public
 */
export type SloPeriodVerdict = 'met' | 'missed' | 'low-traffic' | 'no-data';

/**
 * Input of {@link periodVerdict}.
 *
 * @public
 */
export interface PeriodVerdictInput {
  /** Good events of the period; more than `total` counts as `total`. */
  good: number;
  total: number;
  /** The objective's target, a fraction such as 0.999. */
  target: number;
  /**
   * Fewest events a verdict needs: the SLO's `minimumEvents`, else the
   * portal's `slo.minimumEvents`. 0 or absent: any event is enough.
   */
  minimumEvents?: number;
}

/**
 * The one rule that judges a period of an SLO, used for every verdict the
 * portal gives (history, the scorecard's previous period): the same test as
 * the current status's (`evaluateSlo`), so a window that is "too little
 * traffic" now is not "met" when it has become last week.
 *
 * @public
 */
export function periodVerdict(input: PeriodVerdictInput): SloPeriodVerdict {
  const { total, target } = input;
  if (!(total > 0)) {
    return 'no-data';
  }
  if (total < (input.minimumEvents ?? 0)) {
    return 'low-traffic';
  }
  const good = Math.min(Math.max(input.good, 0), total);
  return meetsTarget(good / total, target) ? 'met' : 'missed';
}

/**
 * `true` for `met`, `false` for `missed`, `null` for a period without a
 * verdict (no data, too little traffic): the `met` field of the API.
 *
 * @public
 */
export function verdictMet(verdict: SloPeriodVerdict): boolean | null {
  if (verdict === 'met') return true;
  return verdict === 'missed' ? false : null;
}
