import {
  countsAsMeeting,
  firingSeverity,
  type EntitySlosResponse,
} from '@slo-kit/plugin-slo-common';

/**
 * The facts published for one entity. Counts are over the entity's valid
 * SLOs, each judged on its primary objective by the SLOs tab's status rule.
 *
 * @public
 */
export interface SloFacts {
  /** The entity declares at least one valid SLO. */
  hasSlos: boolean;
  /** Valid SLOs the entity declares. */
  slos: number;
  /** SLOs meeting their objective now: status `met` or `at-risk` (the scorecard's "meeting"). */
  slosMeeting: number;
  /** SLOs whose status is unknown (no data, too little traffic, source down). */
  slosUnknown: number;
  /** At least one SLO, and every SLO meeting; an unknown SLO makes it false. */
  allMeeting: boolean;
  /**
   * The lowest error budget left among SLOs whose data is `ok`, a fraction
   * (0.25 is 25%; negative when overspent). Absent when no SLO has
   * trustworthy figures, never a made-up 100%.
   */
  worstBudgetRemaining?: number;
  /** A page burn-rate alert fires for at least one SLO. */
  pagingNow: boolean;
  /** Problems in the entity's SLO declarations (each annotation or OpenSLO file). */
  definitionProblems: number;
}

/**
 * The facts of one entity from its SLOs and problems as the SLO API returns
 * them (`GET /entities/:kind/:namespace/:name/slos`).
 *
 * @public
 */
export function sloFacts(
  response: Pick<EntitySlosResponse, 'slos' | 'problems'>,
): SloFacts {
  const primaries = response.slos.flatMap(slo => slo.evaluations.slice(0, 1));
  const meeting = primaries.filter(e => countsAsMeeting(e.health)).length;
  const unknown = primaries.filter(e => e.health === 'unknown').length;
  const budgets = primaries
    .filter(e => e.dataState === 'ok' && e.errorBudget.remainingFraction !== null)
    .map(e => e.errorBudget.remainingFraction as number);
  return {
    hasSlos: response.slos.length > 0,
    slos: response.slos.length,
    slosMeeting: meeting,
    slosUnknown: unknown,
    allMeeting: response.slos.length > 0 && meeting === response.slos.length,
    ...(budgets.length > 0 ? { worstBudgetRemaining: Math.min(...budgets) } : {}),
    pagingNow: primaries.some(e => firingSeverity(e.alerts) === 'page'),
    definitionProblems: response.problems.length,
  };
}
