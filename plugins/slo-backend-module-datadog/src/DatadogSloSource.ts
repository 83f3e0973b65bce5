import type { LoggerService } from '@backstage/backend-plugin-api';
import type { EventBucket, SliSpec } from '@slo-kit/plugin-slo-common';
import {
  SloBatchResult,
  SloSource,
  SloSourceCapabilities,
  SloSourceQueryBudget,
  SloSourceError,
  SloSourceRequest,
  SloSourceResult,
} from '@slo-kit/plugin-slo-node';
import { DatadogApiError, DatadogClient } from './DatadogClient';
import {
  countBuckets,
  judgedBuckets,
  Point,
  sumByTime,
} from './datadogBuckets';
import { fetchDatadogSeries } from './fetchDatadogSeries';
import { datadogExploreUrl } from './datadogExploreUrl';
import { mapDatadogError, sourceError } from './datadogSourceErrors';
import { fetchDatadogBatch } from './batch/fetchDatadogBatch';
import { planDatadogBatches } from './batch/planDatadogBatches';
import {
  compares,
  DatadogQueryProblem,
  DatadogSliQueries,
  datadogSliQueries,
} from './datadogQueries';
import { DATADOG_SITES, DatadogSite } from './datadogSites';

/**
 * Options of {@link DatadogSloSource}; the module reads them from
 * `slo.sources.datadog.<name>`.
 *
 * @public
 */
export interface DatadogSloSourceOptions {
  /** Instance name: what SLOs write as `source:`. */
  name: string;
  /** Datadog site parameter; default `datadoghq.com`. */
  site?: DatadogSite;
  /** Overrides the API address (a proxy, or a test server); default `https://api.<site>`. */
  baseUrl?: string;
  apiKey: string;
  applicationKey: string;
  /** Longest one HTTP request may take; default 30 000 ms. */
  timeoutMs?: number;
  /** Requests in flight at once for this instance; default 2. */
  maxConcurrentRequests?: number;
  /**
   * Most points Datadog returns per series and query; longer ranges are
   * split. Default 1500, Datadog's documented limit per series.
   */
  maxPointsPerQuery?: number;
  /** Sampling interval of gauge latency SLIs, seconds; default 60. */
  gaugeSampleSeconds?: number;
  /** Retries of one request after HTTP 429; default 3. */
  maxRateLimitRetries?: number;
  /** Longest wait for a rate-limit reset before giving up for this cycle; default 20 000 ms. */
  maxRateLimitWaitMs?: number;
  /**
   * Ask ratio SLOs whose selectors differ only in one tag's value together,
   * with one grouped query per side (`sum:metric{...} by {tag}`); `false`
   * asks every SLO alone. Default on, at most 100 SLOs per batch.
   */
  batch?: DatadogBatchConfig;
  /**
   * Most queries per hour the collector may send this instance; beyond it
   * (or when Datadog's `X-RateLimit-*` headers say the window is spent) it
   * defers SLOs to later cycles. Default: no budget of its own.
   */
  queriesPerHour?: number;
  logger?: LoggerService;
  /** For tests: waits, the clock and the HTTP client. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  now?: () => number;
  fetch?: typeof fetch;
}

/**
 * Batching of a Datadog source, defaults filled in.
 *
 * @public
 */
export interface DatadogBatchConfig {
  enabled: boolean;
  /** Most SLOs one grouped query answers. */
  maxValues: number;
}

/**
 * Batching unless configured otherwise: on, at most 100 SLOs per batch.
 *
 * @public
 */
export const DATADOG_BATCH_DEFAULTS: DatadogBatchConfig = {
  enabled: true,
  maxValues: 100,
};

const MINUTE = 60;
const DAY = 86_400;
/** Datadog keeps metrics for 15 months; stay a little inside that. */
const RETENTION_SECONDS = 450 * DAY;
const DEFAULT_MAX_POINTS = 1500;

/** Ends a message with a full stop unless it already ends a sentence. */
function sentence(text: string): string {
  return /[.!?…]$/.test(text) ? text : `${text}.`;
}

/**
 * Reads SLIs from Datadog's metrics query API (`GET /api/v1/query`).
 *
 * Every query is rolled up to exactly the bucket length (rollups are aligned
 * to Unix time, so points fall on bucket starts); ranges longer than
 * Datadog's points-per-series limit are split; null points are left out, so
 * the collector's coverage shows them. Errors name the SLO and the instance
 * and never hold the keys.
 *
 * @public
 */
export class DatadogSloSource implements SloSource {
  readonly name: string;
  readonly type = 'datadog';
  private readonly site: DatadogSite;
  private readonly client: DatadogClient;
  private readonly maxPointsPerQuery: number;
  private readonly gaugeSampleSeconds: number;
  private readonly batch: DatadogBatchConfig;
  private readonly queriesPerHour?: number;

  constructor(options: DatadogSloSourceOptions) {
    this.name = options.name;
    this.queriesPerHour = options.queriesPerHour;
    this.batch = options.batch ?? DATADOG_BATCH_DEFAULTS;
    this.site = options.site ?? 'datadoghq.com';
    this.maxPointsPerQuery = Math.max(
      2,
      Math.floor(options.maxPointsPerQuery ?? DEFAULT_MAX_POINTS),
    );
    this.gaugeSampleSeconds = options.gaugeSampleSeconds ?? MINUTE;
    this.client = new DatadogClient({
      instanceName: options.name,
      baseUrl: options.baseUrl ?? `https://${DATADOG_SITES[this.site].api}`,
      apiKey: options.apiKey,
      applicationKey: options.applicationKey,
      timeoutMs: options.timeoutMs ?? 30_000,
      maxConcurrentRequests: options.maxConcurrentRequests ?? 2,
      maxRateLimitRetries: options.maxRateLimitRetries,
      maxRateLimitWaitMs: options.maxRateLimitWaitMs,
      logger: options.logger,
      sleep: options.sleep,
      now: options.now,
      fetch: options.fetch,
    });
  }

  capabilities(): SloSourceCapabilities {
    return {
      sliKinds: ['ratio', 'latency', 'timeSlice'],
      minBucketSeconds: MINUTE,
      // One query per side answers this many buckets; longer ranges are split here too.
      maxBucketsPerRequest: this.maxPointsPerQuery - 1,
      retentionSeconds: RETENTION_SECONDS,
    };
  }

  /**
   * The instance's `queriesPerHour` and Datadog's rate-limit window as its
   * headers last said; undefined while neither is known. See
   * {@link @slo-kit/plugin-slo-node#SloSource.queryBudget}.
   */
  queryBudget(): SloSourceQueryBudget | undefined {
    const rateLimit = this.client.rateLimit;
    if (this.queriesPerHour === undefined && !rateLimit) return undefined;
    return {
      label: 'Datadog query budget',
      queriesPerHour: this.queriesPerHour,
      rateLimit,
    };
  }

  /** The Datadog queries an SLI is read with at a bucket length (shown by tools and docs). */
  queriesFor(sli: SliSpec, bucketSeconds: number): DatadogSliQueries {
    return datadogSliQueries(sli, bucketSeconds, {
      gaugeSampleSeconds: this.gaugeSampleSeconds,
    });
  }

  /** Why a request cannot be asked at all, or undefined. */
  private problem(request: SloSourceRequest): string | undefined {
    const { start, end, bucketSeconds } = request;
    if (
      !Number.isInteger(bucketSeconds) ||
      bucketSeconds < 1 ||
      start % bucketSeconds !== 0 ||
      end % bucketSeconds !== 0
    ) {
      return `buckets must be a whole number of seconds with start and end on their grid; got ${bucketSeconds} s from ${start} to ${end}.`;
    }
    try {
      this.queriesFor(request.sli, bucketSeconds);
    } catch (error) {
      if (error instanceof DatadogQueryProblem) return error.message;
      throw error;
    }
    return undefined;
  }

  /**
   * Groups the requests whose ratio SLIs are selectors that differ only in
   * one tag's value (same range and bucket), at most `batch.maxValues` per
   * group; none when `batch.enabled` is false. See
   * {@link @slo-kit/plugin-slo-node#SloSource.planBatches}.
   */
  planBatches(requests: readonly SloSourceRequest[]): SloSourceRequest[][] {
    if (!this.batch.enabled) return [];
    return planDatadogBatches(requests, {
      maxValues: this.batch.maxValues,
      problem: request => this.problem(request),
    }).map(batch => batch.requests);
  }

  /**
   * Answers a group from {@link DatadogSloSource.planBatches} with one
   * grouped query per side and stretch of time, each member's buckets equal
   * to its `fetchBuckets` answer. Throws when any of its queries fails: the
   * collector then asks each SLO alone, so a bad SLO fails only itself.
   */
  async fetchBatch(
    requests: readonly SloSourceRequest[],
    signal?: AbortSignal,
  ): Promise<SloBatchResult> {
    const describe = `Datadog source "${this.name}" could not answer a batch of ${
      requests.length
    } SLOs (${requests
      .slice(0, 3)
      .map(r => r.sloId)
      .join(', ')}${requests.length > 3 ? ', ...' : ''})`;
    // Planned again, so that only requests that belong together share a query.
    const batches = planDatadogBatches(requests, {
      maxValues: Infinity,
      problem: request => this.problem(request),
    });
    if (
      batches.length !== 1 ||
      batches[0].requests.length !== requests.length
    ) {
      throw new SloSourceError(
        `${describe}: these SLOs cannot be asked with one grouped query (they differ in more than one tag's value, range or bucket).`,
        { retryable: false },
      );
    }
    const [batch] = batches;
    const controller = new AbortController();
    const onAbort = () => controller.abort(signal?.reason);
    if (signal?.aborted) onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    const counter = { queries: 0 };
    try {
      const answer = await fetchDatadogBatch(batch, {
        client: this.client,
        maxPointsPerQuery: this.maxPointsPerQuery,
        signal: controller.signal,
        counter,
      });
      // The plan keeps the order asked; map by identity to be sure.
      const order = new Map(batch.requests.map((request, i) => [request, i]));
      return {
        results: requests.map(request => answer.results[order.get(request)!]),
        queryCount: counter.queries,
      };
    } catch (error) {
      controller.abort();
      const reason = error instanceof Error ? error.message : String(error);
      const rateLimitedUntil =
        error instanceof DatadogApiError ? error.retryAt : undefined;
      throw new SloSourceError(`${describe}: ${sentence(reason)}`, {
        // Rate limited: the collector defers, asking again now would not help.
        retryable:
          rateLimitedUntil === undefined &&
          (error instanceof DatadogApiError ? error.retryable : true),
        cause: error,
        rateLimitedUntil,
      });
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  }

  async fetchBuckets(request: SloSourceRequest): Promise<SloSourceResult> {
    const { sloId, start, end, bucketSeconds } = request;
    // Time slices may be shorter than a minute (the collector asks for one
    // bucket per slice); Datadog rolls up to any whole number of seconds.
    const problem = this.problem(request);
    if (problem !== undefined) throw sourceError(this.name, sloId, problem, false);
    const plan = this.queriesFor(request.sli, bucketSeconds);
    if (end <= start) return { buckets: [], queryCount: 0 };

    // One failure ends the whole request: stop the other queries of this SLO too.
    const controller = new AbortController();
    const onAbort = () => controller.abort(request.signal?.reason);
    if (request.signal?.aborted) onAbort();
    request.signal?.addEventListener('abort', onAbort, { once: true });
    const counter = { queries: 0 };
    const fetchAll = (query: string, from: number, to: number) =>
      fetchDatadogSeries(query, from, to, plan.stepSeconds, {
        client: this.client,
        maxPointsPerQuery: this.maxPointsPerQuery,
        signal: controller.signal,
        counter,
      }).then(
        series => series.flatMap(one => one.points),
        error => {
          controller.abort();
          throw mapDatadogError(this.name, sloId, query, error, request.signal);
        },
      );

    try {
      const buckets = await this.collect(plan, request, fetchAll);
      return { buckets, queryCount: counter.queries };
    } finally {
      request.signal?.removeEventListener('abort', onAbort);
    }
  }

  private async collect(
    plan: DatadogSliQueries,
    request: SloSourceRequest,
    fetchAll: (query: string, from: number, to: number) => Promise<Point[]>,
  ): Promise<EventBucket[]> {
    const { start, end, bucketSeconds } = request;
    switch (plan.kind) {
      case 'counts': {
        const [total, side] = await Promise.all([
          fetchAll(plan.total, start, end),
          fetchAll((plan.good ?? plan.bad)!, start, end),
        ]);
        return countBuckets(
          sumByTime(total),
          sumByTime(side),
          plan.good !== undefined,
          bucketSeconds,
        );
      }
      case 'samples': {
        const points = await fetchAll(plan.value, start, end);
        return judgedBuckets(
          points.map(({ time, value }) => ({
            bucket: Math.floor(time / bucketSeconds) * bucketSeconds,
            good: compares(value, plan.operator, plan.threshold),
          })),
          bucketSeconds,
        );
      }
      case 'slices': {
        const slice = plan.stepSeconds;
        // A slice counts in the bucket that holds its last second, so a slice
        // longer than a bucket is reported once, when it is complete.
        const first = Math.ceil((start - slice + 1) / slice) * slice;
        const last = Math.floor((end - slice) / slice) * slice;
        if (last < first) return [];
        let values: Point[];
        if (typeof plan.value === 'string') {
          values = await fetchAll(plan.value, first, last + slice);
        } else {
          const [good, total] = await Promise.all([
            fetchAll(plan.value.good, first, last + slice),
            fetchAll(plan.value.total, first, last + slice),
          ]);
          const goodByTime = sumByTime(good);
          values = [];
          for (const [time, count] of sumByTime(total)) {
            // A slice without events has no value: it is neither good nor bad.
            if (count > 0) {
              values.push({ time, value: (goodByTime.get(time) ?? 0) / count });
            }
          }
        }
        return judgedBuckets(
          values.map(({ time, value }) => ({
            bucket:
              Math.floor((time + slice - 1) / bucketSeconds) * bucketSeconds,
            good: compares(value, plan.operator, plan.threshold),
          })),
          bucketSeconds,
        ).filter(bucket => bucket.start >= start && bucket.start < end);
      }
      default:
        return [];
    }
  }

  /**
   * A link to Datadog's metrics explorer for the SLI's main metric over the
   * range; undefined when no metric name can be read from the SLI.
   */
  exploreUrl(
    sli: SliSpec,
    range: { start: number; end: number },
  ): string | undefined {
    return datadogExploreUrl(this.site, sli, range);
  }
}
