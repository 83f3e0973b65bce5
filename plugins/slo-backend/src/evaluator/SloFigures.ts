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
  type SloPeriod,
  type SloSeries,
  type SloStatus,
} from '@slo-kit/plugin-slo-common';
import { durationToMilliseconds } from '@backstage/types';
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
import { longestAlertWindow, withMinimumEvents } from './evaluationInputs';
import { readCorrectedBuckets } from '../corrections/readCorrectedBuckets';
import type { SloOverview } from './SloEvaluator';

/**
 * The evaluator's figures computed from stored buckets, without any cache:
 * an SLO's status, series, period history and scorecard overview, each read
 * from the store with the SLO's corrections applied. `SloEvaluator` keeps
 * what these return between requests.
 *
 * @internal
 */
export class SloFigures {
  constructor(
    private readonly options: {
      store: SloStore;
      sources: SloSourceRegistry;
      clock: Clock;
      config: SloBackendConfig;
    },
  ) {}

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
    const aligned = Math.floor(this.options.clock.now() / bucket) * bucket;
    const until = state?.collectedUntil;
    return until !== null && until !== undefined && until < aligned
      ? until
      : aligned;
  }

  collectionDataStateOf(
    definition: SloDefinition,
    state: SloCollectionState | undefined,
  ): SloDataState | undefined {
    return collectionDataState(state, {
      now: this.options.clock.now(),
      bucketSeconds: this.bucketSecondsOf(definition),
      frequencySeconds:
        durationToMilliseconds(this.options.config.collector.frequency) / 1000,
    });
  }

  collectionStatusOf(
    definition: SloDefinition,
    state: SloCollectionState | undefined,
  ): SloCollectionStatus {
    const { sources } = this.options;
    const name = sources.sourceNameOf(definition);
    return collectionStatus(name, sources.get(name), state);
  }

  async loadIndex(
    definition: SloDefinition,
    from: number,
    to: number,
  ): Promise<BucketIndex> {
    return BucketIndex.from(
      await readCorrectedBuckets(this.options.store, definition, { from, to }),
    );
  }

  /** The range of buckets a status reads: its window and the longest alert window. */
  statusRange(
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

  async status(
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

  async computeSeries(
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

  /** Start of the oldest of `count` calendar periods ending with the one that holds `at`. */
  historyStart(
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

  async computeHistory(
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

  async overview(
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
