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
  type SloSource,
  type SloSourceCapabilities,
  type SloSourceRequest,
  type SloSourceResult,
} from '@slo-kit/plugin-slo-node';
import {
  PrometheusClient,
  describeUrl,
  type RangeSeries,
} from './PrometheusClient';
import { limitConcurrency } from './limitConcurrency';
import type { PrometheusSourceConfig } from './readPrometheusSources';

/**
 * Options for {@link PrometheusSloSource}.
 *
 * @public
 */
export interface PrometheusSloSourceOptions {
  /** How the PromQL is built (gauge sampling). */
  promql?: PromqlOptions;
}

/** Below this a negative value is a real fall, not floating-point noise around zero. */
const NEGATIVE_TOLERANCE = -1e-6;

/**
 * Sums every series' value per evaluation time; NaN and infinities mean "no
 * value". Event counts cannot be negative: a negative one (a counter reset
 * read as a fall, `delta()` over a counter) fails the request rather than
 * subtract events from the stored history.
 */
function sumByTime(
  series: RangeSeries[],
  into: Map<number, number>,
  query: string,
): void {
  for (const { values } of series) {
    for (const [time, text] of values) {
      const value = Number(text);
      if (!Number.isFinite(value)) continue;
      if (value < NEGATIVE_TOLERANCE) {
        throw new SloSourceError(
          `Prometheus answered with a negative event count (${text}) at ${new Date(
            time * 1000,
          ).toISOString()} for query ${query}; event counts come from increase() over counters and never fall, so the server or the query reads a counter reset as a drop`,
          { retryable: false },
        );
      }
      const key = Math.round(time);
      into.set(key, (into.get(key) ?? 0) + Math.max(0, value));
    }
  }
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

  constructor(
    private readonly config: PrometheusSourceConfig,
    options: PrometheusSloSourceOptions = {},
  ) {
    this.name = config.name;
    this.client = new PrometheusClient(config);
    this.limit = limitConcurrency(config.maxConcurrentQueries);
    this.promql = options.promql ?? {};
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

  async fetchBuckets(request: SloSourceRequest): Promise<SloSourceResult> {
    const { sloId, sli, start, end, bucketSeconds } = request;
    if (
      !Number.isInteger(bucketSeconds) ||
      bucketSeconds <= 0 ||
      start % bucketSeconds !== 0 ||
      end % bucketSeconds !== 0 ||
      end < start
    ) {
      throw this.error(
        sloId,
        `the range ${start}..${end} is not made of whole ${bucketSeconds} s buckets aligned to ${bucketSeconds} s`,
        false,
      );
    }
    const problems = prometheusSliProblems(sli, bucketSeconds, this.promql);
    if (problems.length > 0) {
      throw this.error(sloId, problems.join('; '), false);
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

    const perRequest = this.config.maxPointsPerRequest;
    const ranges: Array<{ start: number; end: number }> = [];
    for (let from = first; from <= last; from += perRequest * step) {
      ranges.push({
        start: from,
        end: Math.min(last, from + (perRequest - 1) * step),
      });
    }

    const sides: Array<['good' | 'bad' | 'total', string]> = [];
    if (queries.good !== undefined) sides.push(['good', queries.good]);
    if (queries.bad !== undefined) sides.push(['bad', queries.bad]);
    sides.push(['total', queries.total]);

    // The first failure cancels the rest of this request's queries.
    const cancel = new AbortController();
    const signal = request.signal
      ? AbortSignal.any([request.signal, cancel.signal])
      : cancel.signal;
    const sums = {
      good: new Map<number, number>(),
      bad: new Map<number, number>(),
      total: new Map<number, number>(),
    };
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

    const buckets: EventBucket[] = [];
    const times = [...sums.total.keys()].sort((a, b) => a - b);
    for (const time of times) {
      // Events are whole numbers; increase() answers in floating point, with
      // noise such as 8062385.000000002 that would reach every sum and the CSV.
      const total = Math.round(sums.total.get(time)!);
      // No good (or bad) series yet where total has one means zero of them.
      const counted =
        queries.bad !== undefined
          ? total - (sums.bad.get(time) ?? 0)
          : sums.good.get(time) ?? 0;
      // A sum of slice ratios (RatioTimeslices) is a fraction, not a count.
      const sliceRatios = sli.kind === 'timeSlice' && sli.sliceRatios;
      const good = sliceRatios ? counted : Math.round(counted);
      buckets.push({
        start: time - bucketSeconds,
        durationSeconds: bucketSeconds,
        // Mismatched selectors can put good above total; a bucket cannot hold more good than total events.
        good: Math.min(Math.max(good, 0), total),
        total,
      });
    }
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
