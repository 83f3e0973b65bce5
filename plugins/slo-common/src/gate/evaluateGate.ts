import { formatDuration } from '../math/parseDuration';
import { firingSeverity } from '../math/sloHealth';
import type {
  BurnRateAlertState,
  SloDataState,
  SloHealth,
} from '../model/SloEvaluation';
import type { GateComparison, GatePolicy, GateTerm } from './GatePolicy';

/**
 * The figures of one SLO (its primary objective) that a gate judges: the
 * same whether they come from the backend's stored evaluation or from the
 * CLI's evaluation straight from the source.
 *
 * @public
 */
export interface GateSloInput {
  name: string;
  dataState: SloDataState;
  /** Why the data is not `ok` (the source's last error, say), when known. */
  dataDetail?: string;
  sli: number | null;
  budgetRemaining: number | null;
  burnRates: Record<string, number | null>;
  alerts: ReadonlyArray<Pick<BurnRateAlertState, 'severity' | 'firing'>>;
  health: SloHealth;
}

/**
 * A gate's answer: `allowed` (exit 0), `blocked` (exit 1) or `unknown`,
 * "cannot tell" (exit 2).
 *
 * @public
 */
export type GateDecision = 'allowed' | 'blocked' | 'unknown';

/**
 * The gate's answer for one SLO, with why.
 *
 * @public
 */
export interface GateSloResult {
  name: string;
  decision: GateDecision;
  /** For `blocked`, each term that fails; for `unknown`, why it cannot be judged; empty when allowed. */
  reasons: string[];
}

/**
 * The gate's answer for an entity: the decision, its exit code and a
 * one-line reason, with each SLO's answer.
 *
 * @public
 */
export interface GateResult {
  decision: GateDecision;
  exitCode: 0 | 1 | 2;
  /** One line, e.g. `blocked: checkout-availability: budget left -30.00%, policy budget-left>=0%`. */
  reason: string;
  slos: GateSloResult[];
}

const EXIT_CODES: Record<GateDecision, 0 | 1 | 2> = {
  allowed: 0,
  blocked: 1,
  unknown: 2,
};

/** Data states' meaning in a reason: why the figures cannot be trusted. */
const UNTRUSTED: Record<Exclude<SloDataState, 'ok'>, string> = {
  'no-data': 'no events in the window',
  partial: 'the data covers too little of the window',
  'low-traffic': 'too few events to judge',
  stale: 'the data is stale (the last collection failed or is overdue)',
  error: 'the source could not be read',
};

const percent = (fraction: number) => `${(fraction * 100).toFixed(2)}%`;

function compare(value: number, comparison: GateComparison, threshold: number) {
  switch (comparison) {
    case '>=':
      return value >= threshold;
    case '>':
      return value > threshold;
    case '<=':
      return value <= threshold;
    default:
      return value < threshold;
  }
}

type TermOutcome = { holds: true } | { holds: false; reason: string } | { unknown: string };

function judgeTerm(term: GateTerm, slo: GateSloInput): TermOutcome {
  switch (term.kind) {
    case 'budget-left':
    case 'attainment': {
      const value = term.kind === 'budget-left' ? slo.budgetRemaining : slo.sli;
      const label = term.kind === 'budget-left' ? 'budget left' : 'attainment';
      if (value === null) return { unknown: `no events to compute ${label} from` };
      return compare(value, term.comparison, term.threshold)
        ? { holds: true }
        : { holds: false, reason: `${label} ${percent(value)}, policy ${term.text}` };
    }
    case 'burn-rate': {
      const window = formatDuration(term.windowSeconds);
      if (!(window in slo.burnRates)) {
        const computed = Object.keys(slo.burnRates).join(', ') || 'none';
        return {
          unknown: `no burn rate over ${window} is computed for this SLO (computed: ${computed}); use one of those windows in ${term.text}`,
        };
      }
      const value = slo.burnRates[window];
      if (value === null || value === undefined) {
        return { unknown: `no events in the last ${window} to compute a burn rate from` };
      }
      return compare(value, term.comparison, term.threshold)
        ? { holds: true }
        : { holds: false, reason: `burn rate ${window} ${value.toFixed(2)}x, policy ${term.text}` };
    }
    case 'not-paging':
      return firingSeverity(slo.alerts) === 'page'
        ? { holds: false, reason: 'a page alert fires' }
        : { holds: true };
    case 'not-alerting': {
      const severity = firingSeverity(slo.alerts);
      return severity
        ? { holds: false, reason: `a ${severity} alert fires` }
        : { holds: true };
    }
    default:
      return (slo.health === term.health) === (term.comparison === '==')
        ? { holds: true }
        : { holds: false, reason: `state ${slo.health}, policy ${term.text}` };
  }
}

/**
 * One SLO against the policy. Figures that cannot be trusted (any data
 * state but `ok`) are never judged: the SLO is `unknown`, so a source that is
 * down or data that is stale can never allow a deploy.
 *
 * @public
 */
export function judgeGateSlo(policy: GatePolicy, slo: GateSloInput): GateSloResult {
  if (slo.dataState !== 'ok') {
    const detail = slo.dataDetail ? `: ${slo.dataDetail}` : '';
    return {
      name: slo.name,
      decision: 'unknown',
      reasons: [`${UNTRUSTED[slo.dataState]} (${slo.dataState})${detail}`],
    };
  }
  const failures: string[] = [];
  const unknowns: string[] = [];
  for (const term of policy.terms) {
    const outcome = judgeTerm(term, slo);
    if ('unknown' in outcome) unknowns.push(outcome.unknown);
    else if (!outcome.holds) failures.push(outcome.reason);
  }
  // A term that certainly fails blocks, even when another cannot be judged.
  if (failures.length > 0) return { name: slo.name, decision: 'blocked', reasons: failures };
  if (unknowns.length > 0) return { name: slo.name, decision: 'unknown', reasons: unknowns };
  return { name: slo.name, decision: 'allowed', reasons: [] };
}

/**
 * The gate for an entity: every SLO in scope against the policy.
 *
 * - `blocked` (1) when any SLO certainly fails a term;
 * - else `unknown` (2) when any cannot be judged, when an SLO in scope has
 *   definition problems, when `sloName` names no SLO, or when there is no SLO
 *   at all;
 * - else `allowed` (0).
 *
 * `problems` are the definition problems of the SLOs in scope (for an SLO
 * whose declaration is broken, nothing can be judged).
 *
 * @public
 */
export function evaluateGate(
  policy: GatePolicy,
  slos: readonly GateSloInput[],
  options: {
    entityRef: string;
    /** Judge only this SLO. */
    sloName?: string;
    /**
     * Every SLO name of the entity, when `slos` holds only the one judged
     * (the CLI evaluates only that one): named when `sloName` is unknown.
     */
    sloNames?: readonly string[];
    problems?: ReadonlyArray<{ sloName?: string; message: string }>;
  },
): GateResult {
  const { entityRef, sloName } = options;
  const inScope = sloName === undefined ? slos : slos.filter(slo => slo.name === sloName);
  const problems = (options.problems ?? []).filter(
    problem => sloName === undefined || problem.sloName === undefined || problem.sloName === sloName,
  );
  const results = inScope.map(slo => judgeGateSlo(policy, slo));
  const unknown = (reason: string): GateResult => ({
    decision: 'unknown',
    exitCode: 2,
    reason: `cannot tell: ${reason}`,
    slos: results,
  });

  const blocked = results.filter(result => result.decision === 'blocked');
  if (blocked.length > 0) {
    const [first] = blocked;
    const more = blocked.length > 1 ? ` (and ${blocked.length - 1} more SLO(s))` : '';
    return {
      decision: 'blocked',
      exitCode: EXIT_CODES.blocked,
      reason: `blocked: ${first.name}: ${first.reasons.join('; ')}${more}`,
      slos: results,
    };
  }
  if (inScope.length === 0 && problems.length === 0) {
    if (sloName !== undefined) {
      const names = (options.sloNames ?? slos.map(slo => slo.name)).join(', ');
      return unknown(
        `${entityRef} has no SLO named "${sloName}"; ${names ? `its SLOs are ${names}` : 'it declares no valid SLO'}`,
      );
    }
    return unknown(`${entityRef} declares no SLO, so there is no error budget to judge`);
  }
  if (problems.length > 0) {
    const where = problems[0].sloName ? `SLO ${problems[0].sloName}` : entityRef;
    return unknown(
      `${problems.length} definition problem(s) in ${where}: ${problems[0].message}`,
    );
  }
  const unknowns = results.filter(result => result.decision === 'unknown');
  if (unknowns.length > 0) {
    const [first] = unknowns;
    const more = unknowns.length > 1 ? ` (and ${unknowns.length - 1} more SLO(s))` : '';
    return unknown(`${first.name}: ${first.reasons.join('; ')}${more}`);
  }
  return {
    decision: 'allowed',
    exitCode: EXIT_CODES.allowed,
    reason: `allowed: ${results.length} SLO(s) of ${entityRef} meet ${policy.text}`,
    slos: results,
  };
}
