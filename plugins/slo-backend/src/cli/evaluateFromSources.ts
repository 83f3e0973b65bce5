import {
  evaluateSlo,
  excludeCorrectedBuckets,
  formatDuration,
  storageBucketSeconds,
  windowBounds,
  type BurnRateAlertState,
  type EventBucket,
  type SloDataState,
  type SloDefinition,
  type SloHealth,
} from '@slo-kit/plugin-slo-common';
import { runWithConcurrency } from '../collector/runWithConcurrency';
import type { SloBackendConfig } from '../config/readSloBackendConfig';
import {
  longestAlertWindow,
  withMinimumEvents,
} from '../evaluator/evaluationInputs';
import type { SloSourceRegistry } from '../sources/SloSourceRegistry';
import { fetchAllBuckets } from './fetchAllBuckets';

/**
 * One SLO evaluated by `yarn slo evaluate` (its primary objective).
 *
 * @internal
 */
export interface CliEvaluation {
  entityRef: string;
  name: string;
  window: string;
  /** The primary objective's target, a fraction (0.999). */
  objective: number;
  objectiveName: string;
  /** Evaluation time, epoch seconds, aligned to the bucket. */
  at: number;
  good: number;
  total: number;
  sli: number | null;
  errorBudgetRemaining: number | null;
  burnRates: Record<string, number | null>;
  alerts: Array<
    Pick<
      BurnRateAlertState,
      | 'severity'
      | 'factor'
      | 'longBurnRate'
      | 'shortBurnRate'
      | 'firing'
      | 'canFire'
    > & {
      longWindow: string;
      shortWindow: string;
    }
  >;
  state: SloDataState;
  health: SloHealth;
  source: string;
  demo: boolean;
  /** Other objectives of the same SLO. */
  otherObjectives: Array<{
    name: string;
    objective: number;
    errorBudgetRemaining: number | null;
    health: SloHealth;
  }>;
  /** Why the SLO could not be evaluated; only with state `error`. */
  error?: string;
}

/**
 * Evaluates SLOs straight from their sources at time `at`, without a
 * database: fetches the window's buckets (and the alert windows') with the
 * same chunking, timeouts and retries as the collector, then runs the
 * engine's `evaluateSlo`.
 *
 * @internal
 */
export async function evaluateFromSources(options: {
  definitions: SloDefinition[];
  sources: SloSourceRegistry;
  at: number;
  config: SloBackendConfig;
}): Promise<CliEvaluation[]> {
  const { sources, config } = options;
  const results = new Map<string, CliEvaluation>();
  await runWithConcurrency(
    options.definitions,
    config.collector.concurrency,
    async definition => {
      results.set(
        definition.id,
        await evaluateOne(definition, sources, options.at, config),
      );
    },
  );
  return options.definitions.map(d => results.get(d.id)!);
}

async function evaluateOne(
  definition: SloDefinition,
  sources: SloSourceRegistry,
  at: number,
  config: SloBackendConfig,
): Promise<CliEvaluation> {
  const primary = definition.objectives[0];
  const base = {
    entityRef: definition.entityRef,
    name: definition.name,
    window: definition.window.label,
    objective: primary?.target ?? 0,
    objectiveName: primary?.name ?? '',
    source: sources.sourceNameOf(definition),
  };
  const failed = (error: string, evaluationAt = at): CliEvaluation => ({
    ...base,
    at: evaluationAt,
    good: 0,
    total: 0,
    sli: null,
    errorBudgetRemaining: null,
    burnRates: {},
    alerts: [],
    state: 'error',
    health: 'unknown',
    demo: false,
    otherObjectives: [],
    error,
  });

  const resolution = sources.resolve(definition);
  if (!resolution.ok) {
    return failed(resolution.message);
  }
  const source = resolution.source;
  const sizes = storageBucketSeconds(
    definition.sli,
    source.capabilities().minBucketSeconds,
    config.collector.bucketSeconds,
  );
  const evaluationAt = Math.floor(at / sizes.storage) * sizes.storage;
  const bounds = windowBounds(definition.window, evaluationAt);
  const start =
    Math.floor(
      Math.min(
        bounds.start,
        evaluationAt - longestAlertWindow(definition, sizes.storage),
      ) / sizes.storage,
    ) * sizes.storage;

  let buckets: EventBucket[];
  try {
    // No store here: the CLI excludes the SLO's corrections from what it fetched, as readCorrectedBuckets does.
    buckets = excludeCorrectedBuckets(
      await fetchAllBuckets({
        source,
        definition,
        start,
        end: evaluationAt,
        sizes,
        config,
      }),
      definition.corrections,
    );
  } catch (error) {
    return failed(
      error instanceof Error ? error.message : String(error),
      evaluationAt,
    );
  }

  const evaluations = definition.objectives.map(objective =>
    evaluateSlo({
      definition: withMinimumEvents(definition, config.minimumEvents),
      objective,
      buckets,
      at: evaluationAt,
      bucketSeconds: sizes.storage,
      coverageThreshold: config.coverageThreshold,
    }),
  );
  const [first, ...others] = evaluations;
  return {
    ...base,
    at: evaluationAt,
    good: first.good,
    total: first.total,
    sli: first.sli,
    errorBudgetRemaining: first.errorBudget.remainingFraction,
    burnRates: first.burnRates,
    alerts: first.alerts.map(alert => ({
      severity: alert.severity,
      factor: alert.factor,
      longWindow: formatDuration(alert.longWindowSeconds),
      shortWindow: formatDuration(alert.shortWindowSeconds),
      longBurnRate: alert.longBurnRate,
      shortBurnRate: alert.shortBurnRate,
      firing: alert.firing,
      canFire: alert.canFire,
    })),
    state: first.dataState,
    health: first.health,
    demo: source.isDemo ?? false,
    otherObjectives: others.map(e => ({
      name: e.objective.name,
      objective: e.objective.target,
      errorBudgetRemaining: e.errorBudget.remainingFraction,
      health: e.health,
    })),
  };
}
