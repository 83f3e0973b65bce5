import type { EventBucket, SliSpec } from '@slo-kit/plugin-slo-common';
import {
  bucketEventQueries,
  prometheusSliProblems,
  promDuration,
  sliRatioQuery,
  type PromqlOptions,
} from '@slo-kit/plugin-slo-common';
import {
  SloSourceError,
  type SloBatchResult,
  type SloSource,
  type SloSourceCapabilities,
  type SloSourceRequest,
  type SloSourceResult,
} from '@slo-kit/plugin-slo-node';
import { PrometheusClient, describeUrl } from './PrometheusClient';
import {
  emptySideSums,
  evaluationRanges,
  eventBuckets,
  sumByTime,
} from './eventBuckets';
import { querySides } from './batch/batchQuery';
import { fetchPrometheusBatch } from './batch/fetchPrometheusBatch';
import {
  planPrometheusBatches,
  type PrometheusBatch,
} from './batch/planPrometheusBatches';
import { limitConcurrency } from './limitConcurrency';
import {
  PROMETHEUS_BATCH_DEFAULTS,
  type PrometheusBatchConfig,
  type PrometheusSourceConfig,
} from './readPrometheusSources';

/**
 * Options for {@link PrometheusSloSource}.
 *
 * @public
 */
export interface PrometheusSloSourceOptions {
  /** How the PromQL is built (gauge sampling). */
  promql?: PromqlOptions;
}

/**
 * An SLI source for any server with Prometheus' HTTP API: Prometheus,
 * Thanos, Mimir, Cortex, VictoriaMetrics.
 *
 * Each bucket is one point of a `query_range` with `step` = bucket length and
 * evaluation times on bucket ends, so every point is exactly one bucket's
 * `increase` (Prometheus 2.x ranges include both ends: with samples on the
 * bucket boundaries nothing is extrapolated, and counter resets are counted).
 * Long ranges are split under `maxPointsPerRequest`; requests run at most
 * `maxConcurrentQueries` at a time per instance.
 *
 * @public
 */
export class PrometheusSloSource implements SloSource {
  readonly type = 'prometheus';
  readonly name: string;
  private readonly client: PrometheusClient;
  private readonly limit: ReturnType<typeof limitConcurrency>;
  private readonly promql: PromqlOptions;
  private readonly batch: PrometheusBatchConfig;

  constructor(
    private readonly config: PrometheusSourceConfig,
    options: PrometheusSloSourceOptions = {},
  ) {
    this.name = config.name;
    this.client = new PrometheusClient(config);
    this.limit = limitConcurrency(config.maxConcurrentQueries);
    this.promql = options.promql ?? {};
    this.batch = config.batch ?? PROMETHEUS_BATCH_DEFAULTS;
  }

  capabilities(): SloSourceCapabilities {
    return {
      sliKinds: ['ratio', 'latency', 'timeSlice'],
      // Exact only when samples sit on bucket boundaries: one-minute scrapes at least.
      minBucketSeconds: 60,
      // Longer ranges are split here anyway; this only bounds one call's memory.
      maxBucketsPerRequest: this.config.maxPointsPerRequest * 10,
    };
  }

  private error(
    sloId: string,
    message: string,
    retryable: boolean,
    cause?: unknown,
  ) {
    return new SloSourceError(
      `SLO ${sloId} from Prometheus source '${this.name}': ${message}`,
      { retryable, cause },
    );
  }

  /** Why the request cannot be asked, or undefined. */
  private problem(request: SloSourceRequest): string | undefined {
    const { start, end, bucketSeconds } = request;
    if (
      !Number.isInteger(bucketSeconds) ||
      bucketSeconds <= 0 ||
      start % bucketSeconds !== 0 ||
      end % bucketSeconds !== 0 ||
      end < start
    ) {
      return `the range ${start}..${end} is not made of whole ${bucketSeconds} s buckets aligned to ${bucketSeconds} s`;
    }
    const problems = prometheusSliProblems(
      request.sli,
      bucketSeconds,
      this.promql,
    );
    return problems.length > 0 ? problems.join('; ') : undefined;
  }

  /** Groups within `batch.maxValues`; none when `batch.enabled` is false. */
  private batchesOf(requests: readonly SloSourceRequest[]): PrometheusBatch[] {
    if (!this.batch.enabled) return [];
    return planPrometheusBatches(requests, {
      maxValues: this.batch.maxValues,
      problem: request => this.problem(request),
    });
  }

  /**
   * Groups the requests whose SLIs differ only in one label's value (same
   * range and bucket), within `batch.maxValues`; none when `batch.enabled`
   * is false. See {@link @slo-kit/plugin-slo-node#SloSource.planBatches}.
   */
  planBatches(requests: readonly SloSourceRequest[]): SloSourceRequest[][] {
    return this.batchesOf(requests).map(batch => batch.requests);
  }

  /**
   * Answers a group from {@link PrometheusSloSource.planBatches} with one
   * `sum by (label)` query per stretch of time (good and total together),
   * each member's buckets equal to its `fetchBuckets` answer.
   */
  async fetchBatch(
    requests: readonly SloSourceRequest[],
    signal?: AbortSignal,
  ): Promise<SloBatchResult> {
    const describe = `Batch of ${requests.length} SLOs (${requests
      .slice(0, 3)
      .map(r => r.sloId)
      .join(', ')}${
      requests.length > 3 ? ', ...' : ''
    }) from Prometheus source '${this.name}'`;
    // Planned again, so that only requests that belong together share a query.
    const batches = planPrometheusBatches(requests, {
      maxValues: Infinity,
      problem: request => this.problem(request),
    });
    if (
      batches.length !== 1 ||
      batches[0].requests.length !== requests.length
    ) {
      throw new SloSourceError(
        `${describe}: these SLOs cannot be asked with one query (they differ in more than one label's value, range or bucket)`,
        { retryable: false },
      );
    }
    const [batch] = batches;
    // The answer follows the order asked.
    const order = new Map(requests.map((request, index) => [request, index]));
    try {
      const answer = await fetchPrometheusBatch(batch, {
        client: this.client,
        limit: this.limit,
        promql: this.promql,
        maxPointsPerRequest: this.config.maxPointsPerRequest,
        maxPointsPerBatchQuery: this.batch.maxPoints,
        signal,
      });
      const results = new Array<{ buckets: EventBucket[] }>(requests.length);
      batch.requests.forEach((request, index) => {
        results[order.get(request)!] = answer.results[index];
      });
      return { results, queryCount: answer.queryCount };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new SloSourceError(`${describe}: ${reason}`, {
        retryable: error instanceof SloSourceError ? error.retryable : true,
        cause: error,
      });
    }
  }

  async fetchBuckets(request: SloSourceRequest): Promise<SloSourceResult> {
    const { sloId, sli, start, end, bucketSeconds } = request;
    const problem = this.problem(request);
    if (problem !== undefined) {
      throw this.error(sloId, problem, false);
    }

    const queries = bucketEventQueries(sli, bucketSeconds, {
      ...this.promql,
      countFromFirstSample: request.countFromFirstSample,
    });
    const step = queries.stepSeconds;
    // Evaluation times are bucket (or slice) ends inside (start, end].
    const first = (Math.floor(start / step) + 1) * step;
    const last = Math.floor(end / step) * step;
    if (last < first) return { buckets: [], queryCount: 0 };

    const ranges = evaluationRanges(
      first,
      last,
      step,
      this.config.maxPointsPerRequest,
    );

    const sides = querySides(queries);

    // The first failure cancels the rest of this request's queries.
    const cancel = new AbortController();
    const signal = request.signal
      ? AbortSignal.any([request.signal, cancel.signal])
      : cancel.signal;
    const sums = emptySideSums();
    let queryCount = 0;
    try {
      await Promise.all(
        ranges.flatMap(range =>
          sides.map(([side, query]) =>
            this.limit(async () => {
              signal.throwIfAborted();
              queryCount++;
              const series = await this.client.queryRange({
                query,
                ...range,
                step,
                signal,
              });
              sumByTime(series, sums[side], query);
            }),
          ),
        ),
      );
    } catch (error) {
      cancel.abort();
      if (error instanceof SloSourceError) {
        throw this.error(sloId, error.message, error.retryable, error);
      }
      if (request.signal?.aborted) {
        throw this.error(sloId, 'the query was cancelled', true, error);
      }
      throw this.error(
        sloId,
        `unexpected failure: ${String(error)}`,
        true,
        error,
      );
    }

    const buckets = eventBuckets(
      sums,
      sli,
      bucketSeconds,
      queries.bad !== undefined,
    );
    return { buckets, queryCount };
  }

  exploreUrl(
    sli: SliSpec,
    range: { start: number; end: number },
  ): string | undefined {
    // Never hand credentials from baseUrl to a browser.
    const base = describeUrl(this.config.exploreUrl ?? this.config.baseUrl);
    const span = Math.max(60, range.end - range.start);
    const window = span > 2 * 86400 ? 3600 : 300;
    const end = new Date(range.end * 1000)
      .toISOString()
      .replace('T', ' ')
      .replace(/\.\d+Z$/, '');
    const params = new URLSearchParams({
      'g0.expr': sliRatioQuery(sli, window, this.promql),
      'g0.tab': '0',
      'g0.range_input': promDuration(span),
      'g0.end_input': end,
    });
    return `${base}/graph?${params}`;
  }
}
