import {
  alertRulesFor,
  BucketIndex,
  evaluateSlo,
  periodHistory,
  sloSeries,
  windowBounds,
  type SloCollectionStatus,
  type SloDataState,
  type SloDefinition,
  type SloEvaluation,
  type SloPeriod,
  type SloSeries,
  type SloStatus,
} from '@slo-kit/plugin-slo-common';
import { durationToMilliseconds } from '@backstage/types';
import type { Clock } from '../clock';
import type { SloBackendConfig } from '../config/readSloBackendConfig';
import type { SloCollectionState, SloStore } from '../database/SloStore';
import type { SloSourceRegistry } from '../sources/SloSourceRegistry';
import { storageBucketSeconds } from '../collector/storageBucketSeconds';

const DAY = 86400;

/**
 * Options of {@link SloEvaluator}.
 *
 * @public
 */
export interface SloEvaluatorOptions {
  store: SloStore;
  sources: SloSourceRegistry;
  clock: Clock;
  config: SloBackendConfig;
}

/** Burn rates look back this far: the longest alert window (3 days for a 30-day period). */
export function longestAlertWindow(
  definition: SloDefinition,
  bucketSeconds: number,
): number {
  return Math.max(
    ...alertRulesFor(definition.window, {
      minWindowSeconds: bucketSeconds,
    }).map(rule => rule.longWindowSeconds),
  );
}

/** The SLO with the portal-wide `slo.minimumEvents` when it sets none itself. */
export function withMinimumEvents(
  definition: SloDefinition,
  minimumEvents: number,
): SloDefinition {
  return definition.minimumEvents === undefined && minimumEvents > 0
    ? { ...definition, minimumEvents }
    : definition;
}

const iso = (millis: number | null): string | null =>
  millis === null ? null : new Date(millis).toISOString();

/**
 * Answers questions about SLOs from stored buckets with the engine's math:
 * current status, series, period history. Marks figures `stale` or `error`
 * from the collection state, so a failing source shows its last good figures
 * with the error instead of a silent gap.
 *
 * @public
 */
export class SloEvaluator {
  constructor(private readonly options: SloEvaluatorOptions) {}

  /** The backend's "now", epoch seconds. */
  now(): number {
    return this.options.clock.now();
  }

  /** Stored (fine) bucket length of an SLO: the evaluation step and shortest alert window. */
  bucketSecondsOf(definition: SloDefinition): number {
    const configured = this.options.config.collector.bucketSeconds;
    const resolution = this.options.sources.resolve(definition);
    return resolution.ok
      ? storageBucketSeconds(definition.sli, resolution.source, configured)
          .storage
      : configured;
  }

  /**
   * The evaluation time: the end of the last complete bucket, or the end of
   * what was collected when collection is behind (the last good figures).
   */
  evaluationTime(
    definition: SloDefinition,
    state?: SloCollectionState,
  ): number {
    const bucket = this.bucketSecondsOf(definition);
    const aligned = Math.floor(this.now() / bucket) * bucket;
    const until = state?.collectedUntil;
    return until !== null && until !== undefined && until < aligned
      ? until
      : aligned;
  }

  /** Collection state overrides: `error` when never collected, `stale` when the last attempt failed or collection is overdue. */
  private collectionDataState(
    definition: SloDefinition,
    state: SloCollectionState | undefined,
  ): SloDataState | undefined {
    if (!state) {
      return undefined;
    }
    const failedLast =
      state.lastErrorAt !== null &&
      (state.lastSuccessAt === null ||
        state.lastErrorAt >= state.lastSuccessAt);
    if (failedLast && state.collectedUntil === null) {
      return 'error';
    }
    if (failedLast) {
      return 'stale';
    }
    if (state.collectedUntil !== null) {
      const bucket = this.bucketSecondsOf(definition);
      const frequencySeconds =
        durationToMilliseconds(this.options.config.collector.frequency) / 1000;
      const aligned = Math.floor(this.now() / bucket) * bucket;
      if (
        aligned - state.collectedUntil >
        3 * Math.max(frequencySeconds, bucket)
      ) {
        return 'stale';
      }
    }
    return undefined;
  }

  private async loadIndex(
    definition: SloDefinition,
    from: number,
    to: number,
  ): Promise<BucketIndex> {
    return BucketIndex.from(
      await this.options.store.readBuckets(definition.id, { from, to }),
    );
  }

  private collectionStatus(
    definition: SloDefinition,
    state: SloCollectionState | undefined,
  ): SloCollectionStatus {
    const { sources } = this.options;
    const name = sources.sourceNameOf(definition);
    const source = sources.get(name);
    return {
      source: name,
      sourceType: source?.type ?? 'unknown',
      demo: source?.isDemo ?? false,
      lastSuccessAt: iso(state?.lastSuccessAt ?? null),
      lastAttemptAt: iso(state?.lastAttemptAt ?? null),
      lastErrorAt: iso(state?.lastErrorAt ?? null),
      lastError: state?.lastError ?? null,
      collectedUntil:
        state?.collectedUntil === null || state?.collectedUntil === undefined
          ? null
          : iso(state.collectedUntil * 1000),
    };
  }

  /** One evaluation per objective, primary first, with collection status. */
  async statuses(definitions: SloDefinition[]): Promise<SloStatus[]> {
    const states = await this.options.store.getStates(
      definitions.map(d => d.id),
    );
    return Promise.all(
      definitions.map(definition =>
        this.status(definition, states.get(definition.id)),
      ),
    );
  }

  private async status(
    definition: SloDefinition,
    state: SloCollectionState | undefined,
  ): Promise<SloStatus> {
    const at = this.evaluationTime(definition, state);
    const bucketSeconds = this.bucketSecondsOf(definition);
    const bounds = windowBounds(definition.window, at);
    const index = await this.loadIndex(
      definition,
      Math.min(
        bounds.start,
        at - longestAlertWindow(definition, bucketSeconds),
      ),
      at,
    );
    const override = this.collectionDataState(definition, state);
    const evaluations: SloEvaluation[] = definition.objectives.map(
      objective => {
        const evaluation = evaluateSlo({
          definition: withMinimumEvents(
            definition,
            this.options.config.minimumEvents,
          ),
          objective,
          buckets: index,
          at,
          bucketSeconds,
          coverageThreshold: this.options.config.coverageThreshold,
        });
        return this.withOverrides(evaluation, override);
      },
    );
    const source = this.options.sources.get(
      this.options.sources.sourceNameOf(definition),
    );
    const exploreUrl = source?.exploreUrl?.(definition.sli, {
      start: bounds.start,
      end: at,
    });
    return {
      definition,
      evaluations,
      collection: this.collectionStatus(definition, state),
      ...(exploreUrl ? { exploreUrl } : {}),
    };
  }

  /**
   * Collection problems override the data state. A stale or failed SLO keeps
   * its figures; its health is unknown only when it has no figures at all.
   */
  private withOverrides(
    evaluation: SloEvaluation,
    override: SloDataState | undefined,
  ): SloEvaluation {
    if (!override) {
      return evaluation;
    }
    return {
      ...evaluation,
      dataState: override,
      health: evaluation.sli === null ? 'unknown' : evaluation.health,
    };
  }

  /** A downsampled series of an SLO over `[from, to]`. */
  async series(
    definition: SloDefinition,
    range: { from: number; to: number; maxPoints?: number; objective?: string },
  ): Promise<SloSeries & { at: number }> {
    const state = (await this.options.store.getStates([definition.id])).get(
      definition.id,
    );
    const at = this.evaluationTime(definition, state);
    // Points at t need the window ending at t: read from one window before `from`.
    const earliest = windowBounds(definition.window, range.from).start;
    const index = await this.loadIndex(
      definition,
      earliest,
      Math.min(range.to, at),
    );
    const series = sloSeries({
      definition,
      buckets: index,
      from: range.from,
      to: range.to,
      at,
      maxPoints: range.maxPoints,
      objective: range.objective,
    });
    return { ...series, at };
  }

  /** Attainment per calendar week or month, oldest first. */
  async history(
    definition: SloDefinition,
    options: { period: 'week' | 'month'; count: number; objective?: string },
  ): Promise<SloPeriod[]> {
    const state = (await this.options.store.getStates([definition.id])).get(
      definition.id,
    );
    const at = this.evaluationTime(definition, state);
    // A month back per period is enough for weeks and months alike, plus one for the current period.
    const lookback =
      (options.count + 1) * (options.period === 'week' ? 7 : 31) * DAY;
    const index = await this.loadIndex(definition, at - lookback, at);
    return periodHistory({
      definition,
      buckets: index,
      at,
      period: options.period,
      count: options.count,
      objective: options.objective,
    });
  }
}
