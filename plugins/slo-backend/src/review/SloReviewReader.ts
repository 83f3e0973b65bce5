import {
  calendarPeriod,
  longestAlertWindowSeconds,
  resolveObjective,
  reviewPeriods,
  type ReviewPeriodUnit,
  type SloDefinition,
  type SloReviewPeriod,
} from '@slo-kit/plugin-slo-common';
import { DateTime } from 'luxon';
import type { SloBackendConfig } from '../config/readSloBackendConfig';
import type { SloStore } from '../database/SloStore';
import { episodeRulesKey } from '../episodes/BurnEpisodeRecorder';
import {
  progressKey,
  type EpisodeProgress,
  type SloEpisodeStore,
} from '../episodes/SloEpisodeStore';
import { EvaluationCache } from '../evaluator/EvaluationCache';
import {
  withMinimumEvents,
  type SloEvaluator,
} from '../evaluator/SloEvaluator';

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

/** Review figures kept in memory: a 300-service review over a few shapes. */
const CACHE_ENTRIES = 5_000;

/**
 * Reads an SLO's stored buckets and computes its review periods
 * (`reviewPeriods` in slo-common), caching them at the SLO's data version and
 * evaluation time, like the evaluator's figures.
 *
 * @public
 */
export class SloReviewReader {
  private readonly cache = new EvaluationCache(CACHE_ENTRIES);

  constructor(
    private readonly options: {
      store: SloStore;
      evaluator: SloEvaluator;
      config: SloBackendConfig;
      /** Episodes recorded at collection; without it they are computed from fine buckets only. */
      episodes?: SloEpisodeStore;
    },
  ) {}

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
      const version = JSON.stringify([
        definition,
        state ?? null,
        at,
        recorded ?? null,
      ]);
      results.push(
        await this.cache.get(
          slot,
          version,
          () =>
            this.compute(definition, at, bucket, query, {
              rulesKey: rulesKeys[i],
              progress: recorded,
            }),
          at + bucket,
        ),
      );
      // Let requests and timers run between SLOs of a large review.
      await new Promise(resolve => setImmediate(resolve));
    }
    this.cache.expire(evaluator.now());
    return results;
  }

  private async compute(
    definition: SloDefinition,
    evaluationTime: number,
    bucketSeconds: number,
    query: SloReviewQuery,
    recorded: { rulesKey: string; progress: EpisodeProgress | undefined },
  ): Promise<SloReviewFigures> {
    const zone =
      definition.window.type === 'calendar'
        ? definition.window.timeZone
        : query.timeZone;
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
    const longest = longestAlertWindowSeconds(definition.window, {
      bucketSeconds,
    });
    const buckets = await this.options.store.readBuckets(definition.id, {
      from: first - longest,
      to: at,
    });
    const episodes =
      recorded.progress && this.options.episodes
        ? {
            ...recorded.progress,
            episodes: await this.options.episodes.episodes(
              definition.id,
              recorded.rulesKey,
              { from: first - bucketSeconds, to: at },
            ),
          }
        : undefined;
    const withMinimum = withMinimumEvents(
      definition,
      this.options.config.minimumEvents,
    );
    // At a period's end exactly, that finished period is the last one: the
    // period starting at `at` (empty) is computed and left out.
    const onBoundary = calendarPeriod(query.period, zone, at).start === at;
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
