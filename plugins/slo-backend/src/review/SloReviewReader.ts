import {
  calendarPeriod,
  errorBudgetShare,
  longestAlertWindowSeconds,
  resolveObjective,
  reviewPeriods,
  weightedCompositeHistory,
  type ReviewPeriodsInput,
  type EventBucket,
  type ReviewPeriodUnit,
  type SloDefinition,
  type SloReviewPeriod,
  type SloWindow,
} from '@slo-kit/plugin-slo-common';
import { DateTime } from 'luxon';
import {
  FIGURES_CACHE_DEFAULT,
  type SloBackendConfig,
} from '../config/readSloBackendConfig';
import type { SloCollectionState, SloStore } from '../database/SloStore';
import { episodeRulesKey } from '../episodes/BurnEpisodeRecorder';
import {
  progressKey,
  type EpisodeProgress,
  type SloEpisodeStore,
} from '../episodes/SloEpisodeStore';
import { EvaluationCache } from '../evaluator/EvaluationCache';
import { KeptReviewPeriods } from './KeptReviewPeriods';
import {
  packReviewValue,
  reviewKeyDigest,
  unpackReviewValue,
  type PackedReviewValue,
} from './reviewCacheEncoding';
import {
  withMinimumEvents,
  type SloEvaluator,
} from '../evaluator/SloEvaluator';
import { readCorrectedBuckets } from '../corrections/readCorrectedBuckets';

/**
 * What a review asks of one SLO.
 *
 * @public
 */
export interface SloReviewQuery {
  period: ReviewPeriodUnit;
  count: number;
  /** Zone of rolling-window SLOs' periods. */
  timeZone: string;
  /**
   * A time inside the last period reviewed, epoch seconds; default now. A
   * finished last period is summed whole.
   */
  to?: number;
  objective?: string;
}

/**
 * One SLO's review figures with the evaluation time they were computed at.
 *
 * @public
 */
export interface SloReviewFigures {
  /** Evaluation time, epoch seconds. */
  at: number;
  minimumEvents: number;
  periods: SloReviewPeriod[];
}

/**
 * Reads an SLO's stored buckets and computes its review periods
 * (`reviewPeriods` in slo-common), caching them at the SLO's data version and
 * evaluation time, like the evaluator's figures.
 *
 * @public
 */
export class SloReviewReader {
  /** Each SLO's figures by review shape, encoded (`reviewCacheEncoding.ts`). */
  private readonly cache: EvaluationCache;
  /**
   * Finished periods by SLO and review shape: after a collection cycle a
   * review reads and computes only the current period of each SLO.
   */
  private readonly kept: KeptReviewPeriods;

  constructor(
    private readonly options: {
      store: SloStore;
      evaluator: SloEvaluator;
      config: SloBackendConfig;
      /** Episodes recorded at collection; without it they are computed from fine buckets only. */
      episodes?: SloEpisodeStore;
      /**
       * Most SLOs (per review shape) whose figures, and whose finished
       * periods, are kept; each of the two caches apart. Below the number of
       * SLOs an organisation-wide review evicts its own entries and computes
       * every SLO again. Default `slo.cache.figures`, the evaluator's bound
       * of statuses and overviews: one review shape kept per SLO of the portal.
       */
      cacheEntries?: number;
    },
  ) {
    // `cache` is absent from hand-made configs (tests' fakes): the default.
    const entries =
      options.cacheEntries ??
      options.config.cache?.figures ??
      FIGURES_CACHE_DEFAULT;
    this.cache = new EvaluationCache(entries);
    this.kept = new KeptReviewPeriods(options.store, entries);
  }

  /**
   * A short string that changes whenever any SLO's review figures may:
   * its collection state (new buckets) or its recorded episodes.
   */
  async fingerprint(): Promise<string> {
    const [states, episodes] = await Promise.all([
      this.options.store.statesFingerprint(),
      this.options.episodes?.fingerprint() ?? '',
    ]);
    return `${states} ${episodes}`;
  }

  /** Review figures of several SLOs; states are read in one query. */
  async figures(
    definitions: readonly SloDefinition[],
    query: SloReviewQuery,
  ): Promise<SloReviewFigures[]> {
    const { store, evaluator } = this.options;
    const states = await store.getStates(definitions.map(d => d.id));
    const rulesKeys = definitions.map(definition =>
      episodeRulesKey(
        definition,
        resolveObjective(definition, query.objective).target,
        evaluator.bucketSecondsOf(definition),
      ),
    );
    const progress =
      (await this.options.episodes?.progress(
        definitions.map((d, i) => ({ sloId: d.id, rulesKey: rulesKeys[i] })),
      )) ?? new Map<string, EpisodeProgress>();
    const results: SloReviewFigures[] = [];
    // Sequential: each SLO is one indexed read, and a review must not hold
    // the database's pool from the scorecard and the collector.
    for (const [i, definition] of definitions.entries()) {
      const state = states.get(definition.id);
      const recorded = progress.get(progressKey(definition.id, rulesKeys[i]));
      const at = evaluator.evaluationTime(definition, state);
      const bucket = evaluator.bucketSecondsOf(definition);
      const slot = JSON.stringify([definition.id, query]);
      // A digest: the definition in it is larger than the figures kept.
      const version = reviewKeyDigest(
        JSON.stringify([definition, state ?? null, at, recorded ?? null]),
      );
      const packed = await this.cache.get<
        PackedReviewValue<SloReviewFigures>
      >(
        slot,
        version,
        async () =>
          packReviewValue(
            await this.computeStored(definition, at, bucket, query, {
              rulesKey: rulesKeys[i],
              progress: recorded,
              state,
            }),
          ),
        at + bucket,
      );
      results.push(unpackReviewValue(packed));
      // Let requests and timers run between SLOs of a large review.
      await new Promise(resolve => setImmediate(resolve));
    }
    this.cache.expire(evaluator.now());
    return results;
  }

  /**
   * Review figures of an `events` composite, from its members' pooled
   * buckets by the same review periods as a plain SLO's (episodes computed
   * from fine buckets; a composite has no minimum of events).
   */
  async pooledFigures(
    definition: SloDefinition,
    time: { at: number; bucketSeconds: number },
    query: SloReviewQuery,
    readBuckets: (from: number, to: number) => Promise<EventBucket[]>,
  ): Promise<SloReviewFigures> {
    return this.compute(definition, time.at, time.bucketSeconds, query, {
      readBuckets,
      minimumEvents: 0,
    });
  }

  /**
   * Review figures of a `weighted` composite: each period's SLI is the
   * weighted mean of its members' period SLIs (`weightedCompositeHistory`, as
   * its history on the tab), its
   * budget spent `(1 − SLI) / (1 − objective)`, as the composite's current
   * window. Weighted composites have no alert episodes or page minutes.
   */
  async weightedFigures(
    composite: { objective: number; window: SloWindow },
    time: { at: number; bucketSeconds: number },
    query: SloReviewQuery,
    members: ReadonlyArray<{
      weight: number;
      read: (from: number, to: number) => Promise<EventBucket[]>;
    }>,
  ): Promise<SloReviewFigures> {
    const range = this.range(composite.window, time.at, query);
    const buckets = await Promise.all(
      members.map(m => m.read(range.first, range.at)),
    );
    const periods = weightedCompositeHistory({
      objective: composite.objective,
      window: composite.window,
      at: range.at,
      period: query.period,
      count: query.count + (range.onBoundary ? 1 : 0),
      timeZone: range.zone,
      members: members.map((m, i) => ({
        weight: m.weight,
        buckets: buckets[i],
      })),
    }).map(
      (period): SloReviewPeriod => ({
        ...period,
        timeZone: range.zone,
        budgetSpent:
          period.sli === null
            ? null
            : (1 - period.sli) / errorBudgetShare(composite.objective),
        exact: true,
        pageMinutes: null,
        episodes: [],
        episodesFrom: null,
      }),
    );
    return {
      at: range.at,
      minimumEvents: 0,
      periods: range.onBoundary ? periods.slice(0, -1) : periods,
    };
  }

  /**
   * The periods a review reads: the zone they are cut in, the end of the
   * last one (now, or the end of a finished last period), the start of the
   * first, and whether the end falls on a period boundary.
   */
  private range(
    window: SloWindow,
    evaluationTime: number,
    query: SloReviewQuery,
  ): { zone: string; at: number; first: number; onBoundary: boolean } {
    const zone = window.type === 'calendar' ? window.timeZone : query.timeZone;
    // A last period that is over is summed whole; the current one up to now.
    const lastEnd =
      query.to === undefined
        ? evaluationTime
        : calendarPeriod(query.period, zone, query.to).end;
    const at = Math.min(evaluationTime, lastEnd);
    const current = calendarPeriod(query.period, zone, at - 1).start;
    const first = DateTime.fromSeconds(current, { zone })
      .minus({ [`${query.period}s`]: Math.max(0, query.count - 1) })
      .toSeconds();
    // At a period's end exactly, that finished period is the last one: the
    // period starting at `at` (empty) is computed and left out.
    const onBoundary = calendarPeriod(query.period, zone, at).start === at;
    return { zone, at, first, onBoundary };
  }

  /**
   * Review figures of a stored SLO: its finished periods kept while their
   * buckets are unchanged ({@link KeptReviewPeriods}), so only the current
   * period's buckets are read; the same figures as computing every period,
   * to the bit.
   */
  private async computeStored(
    definition: SloDefinition,
    evaluationTime: number,
    bucketSeconds: number,
    query: SloReviewQuery,
    source: {
      rulesKey: string;
      progress?: EpisodeProgress;
      state?: SloCollectionState;
    },
  ): Promise<SloReviewFigures> {
    const { episodes: episodeStore, config } = this.options;
    const { zone, at, first, onBoundary } = this.range(
      definition.window,
      evaluationTime,
      query,
    );
    const longest = longestAlertWindowSeconds(definition.window, {
      bucketSeconds,
    });
    const from = first - longest;
    // The last period computed (the current one, or the empty one starting at `at`).
    const settledUntil = calendarPeriod(query.period, zone, at).start;
    const withMinimum = withMinimumEvents(definition, config.minimumEvents);
    const recorded =
      source.progress && episodeStore
        ? {
            ...source.progress,
            episodes: await episodeStore.episodes(
              definition.id,
              source.rulesKey,
              { from: first - bucketSeconds, to: at },
            ),
          }
        : undefined;
    const input = (buckets: EventBucket[]): ReviewPeriodsInput => ({
      definition: withMinimum,
      buckets,
      at,
      period: query.period,
      count: query.count + (onBoundary ? 1 : 0),
      timeZone: query.timeZone,
      bucketSeconds,
      objective: query.objective,
      recorded,
    });
    const figures = (periods: SloReviewPeriod[]): SloReviewFigures => ({
      at,
      minimumEvents: withMinimum.minimumEvents ?? 0,
      periods: onBoundary ? periods.slice(0, -1) : periods,
    });

    const slot = JSON.stringify([definition.id, query]);
    const key = reviewKeyDigest(
      JSON.stringify([
        withMinimum,
        bucketSeconds,
        source.rulesKey,
        first,
        settledUntil,
      ]),
    );
    return figures(
      await this.kept.periods({
        definition,
        slot,
        key,
        dataVersion: source.state?.dataVersion ?? null,
        range: { from, settledUntil, at },
        input,
      }),
    );
  }

  private async compute(
    definition: SloDefinition,
    evaluationTime: number,
    bucketSeconds: number,
    query: SloReviewQuery,
    source: {
      rulesKey?: string;
      progress?: EpisodeProgress;
      /** Where the buckets come from; the SLO's stored ones by default. */
      readBuckets?: (from: number, to: number) => Promise<EventBucket[]>;
      /** The minimum of events; `slo.minimumEvents` by default. */
      minimumEvents?: number;
    },
  ): Promise<SloReviewFigures> {
    const { at, first, onBoundary } = this.range(
      definition.window,
      evaluationTime,
      query,
    );
    const longest = longestAlertWindowSeconds(definition.window, {
      bucketSeconds,
    });
    const readBuckets =
      source.readBuckets ??
      ((from: number, to: number) =>
        readCorrectedBuckets(this.options.store, definition, { from, to }));
    const buckets = await readBuckets(first - longest, at);
    const episodes =
      source.progress && source.rulesKey && this.options.episodes
        ? {
            ...source.progress,
            episodes: await this.options.episodes.episodes(
              definition.id,
              source.rulesKey,
              { from: first - bucketSeconds, to: at },
            ),
          }
        : undefined;
    const withMinimum = withMinimumEvents(
      definition,
      source.minimumEvents ?? this.options.config.minimumEvents,
    );
    const periods = reviewPeriods({
      definition: withMinimum,
      buckets,
      at,
      period: query.period,
      count: query.count + (onBoundary ? 1 : 0),
      timeZone: query.timeZone,
      bucketSeconds,
      objective: query.objective,
      recorded: episodes,
    });
    return {
      at,
      minimumEvents: withMinimum.minimumEvents ?? 0,
      periods: onBoundary ? periods.slice(0, -1) : periods,
    };
  }
}
