import type {
  ScorecardSlo,
  SloDefinition,
  SloPeriod,
  SloSeries,
  SloStatus,
} from '@slo-kit/plugin-slo-common';
import { createHash } from 'node:crypto';
import type { Clock } from '../clock';
import type { SloBackendConfig } from '../config/readSloBackendConfig';
import type { SloCollectionState, SloStore } from '../database/SloStore';
import type { SloSourceRegistry } from '../sources/SloSourceRegistry';
import { EvaluationCache } from './EvaluationCache';
import { withMinimumEvents } from './evaluationInputs';
import { mapWithConcurrency } from './mapWithConcurrency';
import { packStatus, unpackStatus, type PackedStatus } from './packedStatus';
import { SloFigures } from './SloFigures';

export { longestAlertWindow, withMinimumEvents } from './evaluationInputs';

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
  /**
   * Most statuses, and most scorecard overviews, kept in memory (each kind
   * has its own bound; an SLO has one of each, replaced when its data
   * changes), 40,000 by default: every SLO of a portal of 40,000, about 3 KB an
   * SLO (a status is kept encoded, about 2 KB outside the V8 heap; an
   * overview is about 1 KB of heap). Below the number of SLOs, a scorecard
   * of every SLO computes again what it evicted. Default `slo.cache.figures`.
   */
  cacheEntries?: number;
  /**
   * Most series and period histories kept in memory: one per chart asked
   * for, until its SLO's data changes. Default `slo.cache.charts`.
   */
  chartCacheEntries?: number;
}

/**
 * What a scorecard row shows of one SLO's figures: its primary objective's
 * status, its attainment and verdict in the previous calendar period, and a sparkline
 * of its attainment over the window. Only these few fields are kept: every
 * SLO of the portal has one cached, and the whole status (with its
 * definition, burn rates and alerts) is ten times the size.
 *
 * @public
 */
export type SloOverview = Pick<
  ScorecardSlo,
  | 'objective'
  | 'sli'
  | 'budgetRemaining'
  | 'health'
  | 'paging'
  | 'ticketing'
  | 'dataState'
  | 'previousPeriodSli'
  | 'previousPeriodVerdict'
  | 'sparkline'
>;

/** Evaluations computed at the same time for one request, at most. */
const READ_CONCURRENCY = 8;

/**
 * Answers questions about SLOs from stored buckets with the engine's math:
 * current status, series, period history. Marks figures `stale` or `error`
 * from the collection state, so a failing source shows its last good figures
 * with the error instead of a silent gap.
 *
 * @public
 */
export class SloEvaluator {
  /** Statuses (encoded) and overviews: one of each per SLO. */
  private readonly statusCache: EvaluationCache;
  private readonly overviewCache: EvaluationCache;
  /** Series and histories: per chart asked for. */
  private readonly chartCache: EvaluationCache;
  private readonly definitionKeys = new WeakMap<SloDefinition, string>();
  private readonly figures: SloFigures;

  constructor(private readonly options: SloEvaluatorOptions) {
    // `slo.cache` of app-config, unless the options say otherwise.
    const entries = options.cacheEntries ?? options.config.cache.figures;
    this.statusCache = new EvaluationCache(entries);
    this.overviewCache = new EvaluationCache(entries);
    this.chartCache = new EvaluationCache(
      options.chartCacheEntries ?? options.config.cache.charts,
    );
    this.figures = new SloFigures(options);
  }

  /**
   * Where an evaluation is cached and at which version. The slot names what
   * is asked (kind, SLO, the request's shape); the version everything the
   * figures depend on: the definition, the state with its data version
   * (raised by every write of the SLO's buckets) and the aligned "now" (the
   * evaluation time and staleness). A new version replaces the slot's figures;
   * once "now" reaches the next bucket, nothing asks for them again.
   */
  private cacheEntry(
    kind: string,
    definition: SloDefinition,
    state: SloCollectionState | undefined,
    shape: unknown = null,
    versionParameters: unknown = null,
  ): { slot: string; version: string; validUntil: number } {
    let definitionKey = this.definitionKeys.get(definition);
    if (definitionKey === undefined) {
      definitionKey = createHash('sha256')
        .update(JSON.stringify(definition))
        .digest('base64');
      this.definitionKeys.set(definition, definitionKey);
    }
    const bucket = this.bucketSecondsOf(definition);
    const aligned = Math.floor(this.now() / bucket) * bucket;
    return {
      slot: JSON.stringify([kind, definition.id, shape]),
      version: JSON.stringify([
        definitionKey,
        aligned,
        state ?? null,
        versionParameters,
      ]),
      validUntil: aligned + bucket,
    };
  }

  private cached<T>(
    cache: EvaluationCache,
    entry: { slot: string; version: string; validUntil: number },
    compute: () => Promise<T>,
  ): Promise<T> {
    // Every kind's: figures asked for once (a chart) go once "now" moves on,
    // whichever kind is asked next.
    const now = this.now();
    this.statusCache.expire(now);
    this.overviewCache.expire(now);
    this.chartCache.expire(now);
    return cache.get(entry.slot, entry.version, compute, entry.validUntil);
  }

  private async stateOf(
    definition: SloDefinition,
  ): Promise<SloCollectionState | undefined> {
    return (await this.options.store.getStates([definition.id])).get(
      definition.id,
    );
  }

  /** Number of evaluations held in memory. */
  get cachedEvaluations(): number {
    return (
      this.statusCache.size + this.overviewCache.size + this.chartCache.size
    );
  }

  /** The backend's "now", epoch seconds. */
  now(): number {
    return this.options.clock.now();
  }

  /** Stored (fine) bucket length of an SLO: the evaluation step and shortest alert window. */
  bucketSecondsOf(definition: SloDefinition): number {
    return this.figures.bucketSecondsOf(definition);
  }

  /**
   * The evaluation time: the end of the last complete bucket, or the end of
   * what was collected when collection is behind (the last good figures).
   */
  evaluationTime(
    definition: SloDefinition,
    state?: SloCollectionState,
  ): number {
    return this.figures.evaluationTime(definition, state);
  }

  /**
   * One evaluation per objective, primary first, with collection status.
   * Reads every state at once, then only the buckets of SLOs whose figures
   * are not cached at their current data version.
   */
  async statuses(definitions: SloDefinition[]): Promise<SloStatus[]> {
    const states = await this.options.store.getStates(
      definitions.map(d => d.id),
    );
    return mapWithConcurrency(
      definitions,
      READ_CONCURRENCY,
      async definition => {
        const state = states.get(definition.id);
        const packed = await this.cached<PackedStatus>(
          this.statusCache,
          this.cacheEntry('status', definition, state),
          async () => packStatus(await this.figures.status(definition, state)),
        );
        return unpackStatus(packed, definition);
      },
    );
  }

  /** A downsampled series of an SLO over `[from, to]`. */
  async series(
    definition: SloDefinition,
    range: { from: number; to: number; maxPoints?: number; objective?: string },
  ): Promise<SloSeries & { at: number }> {
    const state = await this.stateOf(definition);
    // The slot holds one series per SLO and span: a chart that follows "now"
    // asks for a new range every time, and replaces its last one.
    const { from, to, ...shape } = range;
    return this.cached(
      this.chartCache,
      this.cacheEntry(
        'series',
        definition,
        state,
        { ...shape, span: to - from },
        { from, to },
      ),
      () => this.figures.computeSeries(definition, state, range),
    );
  }

  /**
   * Attainment and verdict per calendar week or month, oldest first, with the
   * fewest events a period needs for a verdict (the SLO's `minimumEvents`,
   * else `slo.minimumEvents`).
   */
  async history(
    definition: SloDefinition,
    options: { period: 'week' | 'month'; count: number; objective?: string },
  ): Promise<{ minimumEvents: number; periods: SloPeriod[] }> {
    const state = await this.stateOf(definition);
    const periods = await this.cached(
      this.chartCache,
      this.cacheEntry('history', definition, state, options),
      () => this.figures.computeHistory(definition, state, options),
    );
    const minimumEvents =
      withMinimumEvents(definition, this.options.config.minimumEvents)
        .minimumEvents ?? 0;
    return { minimumEvents, periods };
  }

  /**
   * Overviews for a scorecard, one per definition: status, the previous
   * period's attainment and a sparkline, all three from one read of the
   * SLO's buckets (and none at all while its figures are cached).
   */
  async overviews(
    definitions: SloDefinition[],
    options: {
      period: (definition: SloDefinition) => 'week' | 'month';
      sparklinePoints: number;
    },
  ): Promise<SloOverview[]> {
    const states = await this.options.store.getStates(
      definitions.map(d => d.id),
    );
    return mapWithConcurrency(definitions, READ_CONCURRENCY, definition => {
      const state = states.get(definition.id);
      const parameters = {
        period: options.period(definition),
        points: options.sparklinePoints,
      };
      return this.cached(
        this.overviewCache,
        this.cacheEntry('overview', definition, state, parameters),
        () => this.figures.overview(definition, state, parameters),
      );
    });
  }
}
