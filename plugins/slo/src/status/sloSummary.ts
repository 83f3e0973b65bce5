import type {
  EntitySlosResponse,
  SloEvaluation,
  SloStatus,
} from '@slo-kit/plugin-slo-common';
import { HEALTH_RANK, meetsObjective } from './health';

/** The evaluation of an SLO's primary objective, which drives its status. */
export function primaryEvaluation(status: SloStatus): SloEvaluation | undefined {
  return status.evaluations[0];
}

/** The most severe firing alert of an evaluation: `page`, `ticket` or undefined. */
export function firingSeverity(
  evaluation: SloEvaluation | undefined,
): 'page' | 'ticket' | undefined {
  const firing = evaluation?.alerts.filter(alert => alert.firing) ?? [];
  if (firing.some(alert => alert.severity === 'page')) {
    return 'page';
  }
  return firing.length > 0 ? 'ticket' : undefined;
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

/** Worst first: breaching, at risk, unknown, met; paging before not; less budget first; then by name. */
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

/** What the summary strip of an entity's SLO tab says. */
export interface EntitySloSummary {
  total: number;
  meeting: number;
  breaching: number;
  atRisk: number;
  unknown: number;
  /** SLOs with a page alert firing. */
  paging: number;
  /** SLOs with only a ticket alert firing. */
  ticketing: number;
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
    breaching: 0,
    atRisk: 0,
    unknown: 0,
    paging: 0,
    ticketing: 0,
    neverCollected: 0,
    demo: false,
    problems: response.problems.length,
  };
  for (const status of response.slos) {
    const evaluation = primaryEvaluation(status);
    const health = evaluation?.health ?? 'unknown';
    if (evaluation && meetsObjective(evaluation.sli, evaluation.objective.target, health)) {
      summary.meeting += 1;
    }
    if (health === 'breaching') {
      summary.breaching += 1;
    } else if (health === 'at-risk') {
      summary.atRisk += 1;
    } else if (health === 'unknown') {
      summary.unknown += 1;
    }
    const severity = firingSeverity(evaluation);
    if (severity === 'page') {
      summary.paging += 1;
    } else if (severity === 'ticket') {
      summary.ticketing += 1;
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
  evaluation: SloEvaluation | undefined,
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
