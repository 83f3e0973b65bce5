import {
  countsAsMeeting,
  firingSeverity as mostSevereFiring,
  type EntitySlosResponse,
  type SloEvaluation,
  type SloStatus,
} from '@slo-kit/plugin-slo-common';
import { HEALTH_RANK } from './health';

/** The evaluation of an SLO's primary objective, which drives its status. */
export function primaryEvaluation(status: SloStatus): SloEvaluation | undefined {
  return status.evaluations[0];
}

/** The most severe firing alert of an evaluation: `page`, `ticket` or undefined. */
export function firingSeverity(
  evaluation: Pick<SloEvaluation, 'alerts'> | undefined,
): 'page' | 'ticket' | undefined {
  return mostSevereFiring(evaluation?.alerts ?? []);
}

/** Healthy SLOs may collapse to one line: met, trusted data, nothing firing, no source error. */
export function isHealthy(status: SloStatus): boolean {
  const evaluation = primaryEvaluation(status);
  return (
    evaluation?.health === 'met' &&
    evaluation.dataState === 'ok' &&
    firingSeverity(evaluation) === undefined &&
    !status.collection.lastError
  );
}

/** Worst first: paging, breaching, at risk, unknown, met; paging before not; less budget first; then by name. */
export function sortWorstFirst(slos: readonly SloStatus[]): SloStatus[] {
  return [...slos].sort((a, b) => {
    const ea = primaryEvaluation(a);
    const eb = primaryEvaluation(b);
    const rank =
      HEALTH_RANK[ea?.health ?? 'unknown'] - HEALTH_RANK[eb?.health ?? 'unknown'];
    if (rank !== 0) {
      return rank;
    }
    const paging =
      Number(firingSeverity(eb) === 'page') - Number(firingSeverity(ea) === 'page');
    if (paging !== 0) {
      return paging;
    }
    const budgetA = ea?.errorBudget.remainingFraction ?? Number.POSITIVE_INFINITY;
    const budgetB = eb?.errorBudget.remainingFraction ?? Number.POSITIVE_INFINITY;
    if (budgetA !== budgetB) {
      return budgetA < budgetB ? -1 : 1;
    }
    return a.definition.name.localeCompare(b.definition.name);
  });
}

/**
 * What the summary strip of an entity's SLO tab says. Every SLO is counted
 * once, under its status: meeting (met or at risk), paging, breaching or
 * unknown; `atRisk` is the part of `meeting` that is at risk.
 */
export interface EntitySloSummary {
  total: number;
  /** Status met or at risk: meeting the objective, nothing paging. */
  meeting: number;
  /** Of those meeting, the ones at risk (a ticket alert or under 25% of the budget left). */
  atRisk: number;
  /** Status paging: a page alert fires (whatever the attainment). */
  paging: number;
  /** Status breaching: below the objective, no page firing. */
  breaching: number;
  unknown: number;
  /** The oldest successful collection among the SLOs, epoch seconds; undefined when none. */
  oldestCollectionAt?: number;
  /** SLOs never collected successfully. */
  neverCollected: number;
  /** True when any SLO's figures come from a demo source. */
  demo: boolean;
  /** Validation problems in the entity's annotations. */
  problems: number;
}

/** Counts for the summary strip. */
export function summariseEntitySlos(response: EntitySlosResponse): EntitySloSummary {
  const summary: EntitySloSummary = {
    total: response.slos.length,
    meeting: 0,
    atRisk: 0,
    paging: 0,
    breaching: 0,
    unknown: 0,
    neverCollected: 0,
    demo: false,
    problems: response.problems.length,
  };
  for (const status of response.slos) {
    const health = primaryEvaluation(status)?.health ?? 'unknown';
    if (countsAsMeeting(health)) {
      summary.meeting += 1;
      summary.atRisk += health === 'at-risk' ? 1 : 0;
    } else if (health === 'paging') {
      summary.paging += 1;
    } else if (health === 'breaching') {
      summary.breaching += 1;
    } else {
      summary.unknown += 1;
    }
    summary.demo ||= status.collection.demo;
    if (status.collection.lastSuccessAt) {
      const at = Date.parse(status.collection.lastSuccessAt) / 1000;
      summary.oldestCollectionAt =
        summary.oldestCollectionAt === undefined
          ? at
          : Math.min(summary.oldestCollectionAt, at);
    } else {
      summary.neverCollected += 1;
    }
  }
  return summary;
}

/**
 * The current burn rate: over the long window of the fastest alert (1h for a
 * 30-day SLO), else the evaluation's `1h` figure; null without events.
 */
export function currentBurnRate(
  evaluation: Pick<SloEvaluation, 'alerts' | 'burnRates'> | undefined,
): { rate: number | null; windowSeconds?: number } {
  const fastest = evaluation?.alerts.reduce<SloEvaluation['alerts'][number] | undefined>(
    (best, alert) =>
      best === undefined || alert.longWindowSeconds < best.longWindowSeconds ? alert : best,
    undefined,
  );
  if (fastest) {
    return { rate: fastest.longBurnRate, windowSeconds: fastest.longWindowSeconds };
  }
  const hourly = evaluation?.burnRates['1h'];
  return hourly === undefined ? { rate: null } : { rate: hourly, windowSeconds: 3600 };
}
