import type { LoggerService } from '@backstage/backend-plugin-api';
import type { EventBucket, SliSpec } from '@slo-kit/plugin-slo-common';
import {
  SloSource,
  SloSourceCapabilities,
  SloSourceError,
  SloSourceRequest,
  SloSourceResult,
} from '@slo-kit/plugin-slo-node';
import { DatadogApiError, DatadogClient } from './DatadogClient';
import {
  compares,
  DatadogQueryProblem,
  DatadogSliQueries,
  datadogSliQueries,
  splitDatadogSelector,
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
  logger?: LoggerService;
  /** For tests: waits, the clock and the HTTP client. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  now?: () => number;
  fetch?: typeof fetch;
}

const MINUTE = 60;
const DAY = 86_400;
/** Datadog keeps metrics for 15 months; stay a little inside that. */
const RETENTION_SECONDS = 450 * DAY;
const DEFAULT_MAX_POINTS = 1500;

/** One non-null point of one series, time in epoch seconds. */
interface Point {
  time: number;
  value: number;
}

/** Ends a message with a full stop unless it already ends a sentence. */
function sentence(text: string): string {
  return /[.!?…]$/.test(text) ? text : `${text}.`;
}

function iso(epochSeconds: number): string {
  return new Date(epochSeconds * 1000).toISOString();
}

/** Sums the values of points that share a time (series of a `by {...}` query). */
function sumByTime(points: Point[]): Map<number, number> {
  const sums = new Map<number, number>();
  for (const { time, value } of points) {
    sums.set(time, (sums.get(time) ?? 0) + value);
  }
  return sums;
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

  constructor(options: DatadogSloSourceOptions) {
    this.name = options.name;
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

  /** The Datadog queries an SLI is read with at a bucket length (shown by tools and docs). */
  queriesFor(sli: SliSpec, bucketSeconds: number): DatadogSliQueries {
    return datadogSliQueries(sli, bucketSeconds, {
      gaugeSampleSeconds: this.gaugeSampleSeconds,
    });
  }

  async fetchBuckets(request: SloSourceRequest): Promise<SloSourceResult> {
    const { sloId, start, end, bucketSeconds } = request;
    // Time slices may be shorter than a minute (the collector asks for one
    // bucket per slice); Datadog rolls up to any whole number of seconds.
    if (
      !Number.isInteger(bucketSeconds) ||
      bucketSeconds < 1 ||
      start % bucketSeconds !== 0 ||
      end % bucketSeconds !== 0
    ) {
      throw this.error(
        sloId,
        `buckets must be a whole number of seconds with start and end on their grid; got ${bucketSeconds} s from ${start} to ${end}.`,
        false,
      );
    }
    let plan: DatadogSliQueries;
    try {
      plan = this.queriesFor(request.sli, bucketSeconds);
    } catch (error) {
      if (error instanceof DatadogQueryProblem) {
        throw this.error(sloId, error.message, false, error);
      }
      throw error;
    }
    if (end <= start) return { buckets: [], queryCount: 0 };

    // One failure ends the whole request: stop the other queries of this SLO too.
    const controller = new AbortController();
    const onAbort = () => controller.abort(request.signal?.reason);
    if (request.signal?.aborted) onAbort();
    request.signal?.addEventListener('abort', onAbort, { once: true });
    const counter = { queries: 0 };
    const fetchAll = (query: string, from: number, to: number) =>
      this.fetchRange(
        query,
        from,
        to,
        plan.stepSeconds,
        controller.signal,
        counter,
      ).catch(error => {
        controller.abort();
        throw this.mapError(sloId, query, error, request.signal);
      });

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
        return this.countBuckets(
          sumByTime(total),
          sumByTime(side),
          plan.good !== undefined,
          bucketSeconds,
        );
      }
      case 'samples': {
        const points = await fetchAll(plan.value, start, end);
        return this.judgedBuckets(
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
        return this.judgedBuckets(
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

  /** Good/total buckets from event counts; a bucket exists where `total` has a point. */
  private countBuckets(
    total: Map<number, number>,
    side: Map<number, number>,
    sideIsGood: boolean,
    bucketSeconds: number,
  ): EventBucket[] {
    const buckets: EventBucket[] = [];
    for (const time of [...total.keys()].sort((a, b) => a - b)) {
      const count = Math.max(0, total.get(time)!);
      // No good/bad point where total has one means no such events in that bucket.
      const sideCount = side.get(time) ?? 0;
      const good = sideIsGood ? sideCount : count - sideCount;
      buckets.push({
        start: time,
        durationSeconds: bucketSeconds,
        good: Math.min(count, Math.max(0, good)),
        total: count,
      });
    }
    return buckets;
  }

  /** Buckets of judged events (samples or slices): good ones over all of them. */
  private judgedBuckets(
    events: Array<{ bucket: number; good: boolean }>,
    bucketSeconds: number,
  ): EventBucket[] {
    const byBucket = new Map<number, EventBucket>();
    for (const { bucket, good } of events) {
      let entry = byBucket.get(bucket);
      if (!entry) {
        entry = {
          start: bucket,
          durationSeconds: bucketSeconds,
          good: 0,
          total: 0,
        };
        byBucket.set(bucket, entry);
      }
      entry.total += 1;
      if (good) entry.good += 1;
    }
    return [...byBucket.values()].sort((a, b) => a.start - b.start);
  }

  /** Every non-null point of `query` in `[from, to)`, split into queries Datadog answers at full resolution. */
  private async fetchRange(
    query: string,
    from: number,
    to: number,
    stepSeconds: number,
    signal: AbortSignal,
    counter: { queries: number },
  ): Promise<Point[]> {
    const chunkSeconds = (this.maxPointsPerQuery - 1) * stepSeconds;
    const chunks: Array<Promise<Point[]>> = [];
    for (let chunkStart = from; chunkStart < to; chunkStart += chunkSeconds) {
      chunks.push(
        this.fetchChunk(
          query,
          chunkStart,
          Math.min(to, chunkStart + chunkSeconds),
          stepSeconds,
          signal,
          counter,
        ),
      );
    }
    return (await Promise.all(chunks)).flat();
  }

  private async fetchChunk(
    query: string,
    from: number,
    to: number,
    stepSeconds: number,
    signal: AbortSignal,
    counter: { queries: number },
  ): Promise<Point[]> {
    counter.queries++;
    const series = await this.client.queryTimeseries(
      { from, to, query },
      signal,
    );
    const coarser = series.find(
      s => s.interval !== undefined && s.interval !== stepSeconds,
    );
    if (coarser) {
      // Datadog rolled up coarser than asked (too many points for its limit):
      // ask for halves until each answers at the step.
      const steps = (to - from) / stepSeconds;
      if (steps < 2) {
        throw new DatadogApiError(
          'bad-response',
          `Datadog answered with ${coarser.interval}-second points where ${stepSeconds}-second points were asked for, even for a single point.`,
          { retryable: false },
        );
      }
      const middle = from + Math.floor(steps / 2) * stepSeconds;
      const halves = await Promise.all([
        this.fetchChunk(query, from, middle, stepSeconds, signal, counter),
        this.fetchChunk(query, middle, to, stepSeconds, signal, counter),
      ]);
      return halves.flat();
    }
    const points: Point[] = [];
    for (const { pointlist } of series) {
      for (const point of pointlist) {
        if (!Array.isArray(point)) continue;
        const [millis, value] = point;
        if (typeof value !== 'number' || !Number.isFinite(value)) continue;
        const time = millis / 1000;
        if (time < from || time >= to) continue;
        if (time % stepSeconds !== 0) {
          throw new DatadogApiError(
            'bad-response',
            `Datadog returned a point at ${iso(
              time,
            )}, which is not on the ${stepSeconds}-second grid the query was rolled up to, so it cannot be assigned to a bucket exactly.`,
            { retryable: false },
          );
        }
        points.push({ time, value });
      }
    }
    return points;
  }

  private error(
    sloId: string,
    message: string,
    retryable: boolean,
    cause?: unknown,
  ): SloSourceError {
    return new SloSourceError(
      `Datadog source "${this.name}" could not read SLO ${sloId}: ${message}`,
      { retryable, cause },
    );
  }

  private mapError(
    sloId: string,
    query: string,
    error: unknown,
    callerSignal?: AbortSignal,
  ): SloSourceError {
    if (error instanceof SloSourceError) return error;
    if (!(error instanceof DatadogApiError)) {
      return this.error(sloId, String(error), true);
    }
    const config = `slo.sources.datadog.${this.name}`;
    switch (error.reason) {
      case 'bad-query':
        return this.error(
          sloId,
          `${sentence(
            error.message,
          )} Query: ${query} — check the SLI's Datadog query: metric name, tags, .as_count() on count metrics, and percentiles enabled on distributions used with a latency threshold.`,
          false,
          error,
        );
      case 'auth':
        return this.error(
          sloId,
          `${sentence(
            error.message,
          )} Check ${config}.apiKey and ${config}.applicationKey (the application key needs the timeseries_query permission), and that ${config}.site is the site the keys belong to.`,
          false,
          error,
        );
      case 'not-found':
        return this.error(
          sloId,
          `${sentence(
            error.message,
          )} Check ${config}.site and ${config}.baseUrl.`,
          false,
          error,
        );
      case 'cancelled':
        return this.error(
          sloId,
          callerSignal?.aborted
            ? 'the request was cancelled.'
            : 'another query of this SLO failed first.',
          true,
          error,
        );
      default:
        return this.error(
          sloId,
          `${sentence(error.message)} Query: ${query}`,
          error.retryable,
          error,
        );
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
    const target = exploreTarget(sli);
    if (!target) return undefined;
    const url = new URL(
      `https://${DATADOG_SITES[this.site].app}/metric/explorer`,
    );
    url.searchParams.set('from_ts', String(range.start * 1000));
    url.searchParams.set('to_ts', String(range.end * 1000));
    url.searchParams.set('live', 'false');
    url.searchParams.set('exp_metric', target.metric);
    url.searchParams.set('exp_scope', target.scope);
    url.searchParams.set('exp_agg', target.aggregator);
    url.searchParams.set('exp_row_type', 'metric');
    return url.toString();
  }
}

/** The metric, scope and space aggregator to open for an SLI: its total events, or its value. */
function exploreTarget(
  sli: SliSpec,
): { metric: string; scope: string; aggregator: string } | undefined {
  let text: string;
  let aggregator = 'sum';
  if (sli.kind === 'ratio') {
    text = 'selector' in sli.total ? sli.total.selector : sli.total.query;
  } else if (sli.kind === 'latency') {
    text = sli.mode === 'histogram' ? sli.metric : sli.query;
    aggregator = sli.mode === 'histogram' ? 'count' : 'avg';
  } else if ('query' in sli.value) {
    text = sli.value.query;
    aggregator = 'avg';
  } else {
    text =
      'selector' in sli.value.total
        ? sli.value.total.selector
        : sli.value.total.query;
  }
  const plain = splitDatadogSelector(text);
  if (plain) return { ...plain, aggregator };
  // A full query: take its first `aggregator:metric{scope}`.
  const match =
    /(?:^|[\s(,])(?:([a-z0-9]+):)?([A-Za-z][A-Za-z0-9_.]*)\{([^{}]*)\}/.exec(
      text,
    );
  if (!match) return undefined;
  return {
    metric: match[2],
    scope: match[3].trim() || '*',
    aggregator: match[1] ?? aggregator,
  };
}
