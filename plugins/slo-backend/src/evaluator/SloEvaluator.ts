import {
  listCorrections,
  BucketIndex,
  calendarPeriod,
  evaluateSlo,
  periodHistory,
  sloSeries,
  windowBounds,
  type SloCollectionStatus,
  type SloDataState,
  type SloDefinition,
  type SloEvaluation,
  type ScorecardSlo,
  type SloPeriod,
  type SloSeries,
  type SloStatus,
} from '@slo-kit/plugin-slo-common';
import { durationToMilliseconds } from '@backstage/types';
import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import type { Clock } from '../clock';
import type { SloBackendConfig } from '../config/readSloBackendConfig';
import type { SloCollectionState, SloStore } from '../database/SloStore';
import type { SloSourceRegistry } from '../sources/SloSourceRegistry';
import {
  collectionDataState,
  collectionStatus,
  withCollectionOverride,
} from './collectionStatus';
import { EvaluationCache } from './EvaluationCache';
import { longestAlertWindow, withMinimumEvents } from './evaluationInputs';
import { mapWithConcurrency } from './mapWithConcurrency';
import { readCorrectedBuckets } from '../corrections/readCorrectedBuckets';

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
   * Most evaluations kept in memory (statuses, series, histories, overviews).
   * Default 20,000: four per SLO for a portal of 5,000 SLOs.
   */
  cacheEntries?: number;
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
  private readonly cache: EvaluationCache;
  private readonly definitionKeys = new WeakMap<SloDefinition, string>();

  constructor(private readonly options: SloEvaluatorOptions) {
    this.cache = new EvaluationCache(options.cacheEntries ?? 20_000);
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
    entry: { slot: string; version: string; validUntil: number },
    compute: () => Promise<T>,
  ): Promise<T> {
    this.cache.expire(this.now());
    return this.cache.get(entry.slot, entry.version, compute, entry.validUntil);
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
    return this.cache.size;
  }

  /** The backend's "now", epoch seconds. */
  now(): number {
    return this.options.clock.now();
  }

  /** Stored (fine) bucket length of an SLO: the evaluation step and shortest alert window. */
  bucketSecondsOf(definition: SloDefinition): number {
    return this.options.sources.bucketSizesOf(
      definition,
      this.options.config.collector.bucketSeconds,
    ).storage;
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

  private collectionDataStateOf(
    definition: SloDefinition,
    state: SloCollectionState | undefined,
  ): SloDataState | undefined {
    return collectionDataState(state, {
      now: this.now(),
      bucketSeconds: this.bucketSecondsOf(definition),
      frequencySeconds:
        durationToMilliseconds(this.options.config.collector.frequency) / 1000,
    });
  }

  private collectionStatusOf(
    definition: SloDefinition,
    state: SloCollectionState | undefined,
  ): SloCollectionStatus {
    const { sources } = this.options;
    const name = sources.sourceNameOf(definition);
    return collectionStatus(name, sources.get(name), state);
  }

  private async loadIndex(
    definition: SloDefinition,
    from: number,
    to: number,
  ): Promise<BucketIndex> {
    return BucketIndex.from(
      await readCorrectedBuckets(this.options.store, definition, { from, to }),
    );
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
    return mapWithConcurrency(definitions, READ_CONCURRENCY, definition => {
      const state = states.get(definition.id);
      return this.cached(this.cacheEntry('status', definition, state), () =>
        this.status(definition, state),
      );
    });
  }

  /** The range of buckets a status reads: its window and the longest alert window. */
  private statusRange(
    definition: SloDefinition,
    at: number,
  ): { from: number; to: number } {
    const bounds = windowBounds(definition.window, at);
    const longest = longestAlertWindow(
      definition,
      this.bucketSecondsOf(definition),
    );
    return { from: Math.min(bounds.start, at - longest), to: at };
  }

  private async status(
    definition: SloDefinition,
    state: SloCollectionState | undefined,
    loaded?: BucketIndex,
  ): Promise<SloStatus> {
    const at = this.evaluationTime(definition, state);
    const bucketSeconds = this.bucketSecondsOf(definition);
    const bounds = windowBounds(definition.window, at);
    const range = this.statusRange(definition, at);
    // The alert episode's start is found by walking back up to the longest
    // alert window, each step reading that window again: twice its length.
    const episodeFrom = at - 2 * longestAlertWindow(definition, bucketSeconds);
    const index =
      loaded ??
      (await this.loadIndex(
        definition,
        Math.min(range.from, episodeFrom),
        range.to,
      ));
    const override = this.collectionDataStateOf(definition, state);
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
        return withCollectionOverride(evaluation, override);
      },
    );
    const source = this.options.sources.get(
      this.options.sources.sourceNameOf(definition),
    );
    const exploreUrl = source?.exploreUrl?.(definition.sli, {
      start: bounds.start,
      end: at,
    });
    // Listed over the window the figures cover, so the page can say what they leave out.
    const corrections = listCorrections(definition, {
      from: bounds.start,
      to: at,
      bucketSeconds,
    });
    return {
      definition,
      evaluations,
      collection: this.collectionStatusOf(definition, state),
      ...(exploreUrl ? { exploreUrl } : {}),
      ...(corrections.length > 0 ? { corrections } : {}),
    };
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
      this.cacheEntry(
        'series',
        definition,
        state,
        { ...shape, span: to - from },
        { from, to },
      ),
      () => this.computeSeries(definition, state, range),
    );
  }

  private async computeSeries(
    definition: SloDefinition,
    state: SloCollectionState | undefined,
    range: { from: number; to: number; maxPoints?: number; objective?: string },
    loaded?: BucketIndex,
  ): Promise<SloSeries & { at: number }> {
    const at = this.evaluationTime(definition, state);
    // Points at t need the window ending at t: read from one window before `from`.
    const earliest = windowBounds(definition.window, range.from).start;
    const index =
      loaded ??
      (await this.loadIndex(definition, earliest, Math.min(range.to, at)));
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
      this.cacheEntry('history', definition, state, options),
      () => this.computeHistory(definition, state, options),
    );
    const minimumEvents =
      withMinimumEvents(definition, this.options.config.minimumEvents)
        .minimumEvents ?? 0;
    return { minimumEvents, periods };
  }

  /** Start of the oldest of `count` calendar periods ending with the one that holds `at`. */
  private historyStart(
    definition: SloDefinition,
    at: number,
    options: { period: 'week' | 'month'; count: number },
  ): number {
    const zone =
      definition.window.type === 'calendar'
        ? definition.window.timeZone
        : 'UTC';
    const current = calendarPeriod(options.period, zone, at).start;
    return DateTime.fromSeconds(current, { zone })
      .minus({ [`${options.period}s`]: Math.max(0, options.count - 1) })
      .toSeconds();
  }

  private async computeHistory(
    definition: SloDefinition,
    state: SloCollectionState | undefined,
    options: { period: 'week' | 'month'; count: number; objective?: string },
    loaded?: BucketIndex,
  ): Promise<SloPeriod[]> {
    const at = this.evaluationTime(definition, state);
    const index =
      loaded ??
      (await this.loadIndex(
        definition,
        this.historyStart(definition, at, options),
        at,
      ));
    // The same minimum as the current status's: a period that is too quiet to
    // judge now is not "met" once it is over.
    return periodHistory({
      definition: withMinimumEvents(
        definition,
        this.options.config.minimumEvents,
      ),
      buckets: index,
      at,
      period: options.period,
      count: options.count,
      objective: options.objective,
    });
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
        this.cacheEntry('overview', definition, state, parameters),
        () => this.overview(definition, state, parameters),
      );
    });
  }

  private async overview(
    definition: SloDefinition,
    state: SloCollectionState | undefined,
    parameters: { period: 'week' | 'month'; points: number },
  ): Promise<SloOverview> {
    const at = this.evaluationTime(definition, state);
    const statusRange = this.statusRange(definition, at);
    const windowStart = windowBounds(definition.window, at).start;
    const history = { period: parameters.period, count: 2 };
    // The sparkline's first point needs the window that ends at the window's start.
    const from = Math.min(
      statusRange.from,
      windowBounds(definition.window, windowStart).start,
      this.historyStart(definition, at, history),
    );
    const index = await this.loadIndex(definition, from, at);
    const status = await this.status(definition, state, index);
    const evaluation = status.evaluations[0];
    const [periods, series] = await Promise.all([
      this.computeHistory(definition, state, history, index),
      this.computeSeries(
        definition,
        state,
        {
          from: evaluation.windowStart,
          to: evaluation.at,
          maxPoints: parameters.points,
        },
        index,
      ),
    ]);
    return {
      objective: evaluation.objective.target,
      sli: evaluation.sli,
      budgetRemaining: evaluation.errorBudget.remainingFraction,
      health: evaluation.health,
      paging: evaluation.alerts.some(a => a.severity === 'page' && a.firing),
      ticketing: evaluation.alerts.some(
        a => a.severity === 'ticket' && a.firing,
      ),
      dataState: evaluation.dataState,
      previousPeriodSli: periods.length === 2 ? periods[0].sli : null,
      previousPeriodVerdict:
        periods.length === 2 ? periods[0].verdict : 'no-data',
      sparkline: series.points.map(p => p.sli),
    };
  }
}
