import type { EventBucket, SliSpec } from '@slo-kit/plugin-slo-common';

/**
 * What a source can do and the limits the collector must respect.
 *
 * @public
 */
export interface SloSourceCapabilities {
  /** SLI kinds this source can answer. */
  sliKinds: Array<SliSpec['kind']>;
  /** Smallest bucket the source can answer exactly, in seconds. */
  minBucketSeconds: number;
  /** Most buckets one `fetchBuckets` call may ask for; the collector splits longer ranges. */
  maxBucketsPerRequest: number;
  /** How far back the source keeps data, in seconds; undefined when unknown. */
  retentionSeconds?: number;
}

/**
 * One request for event counts.
 *
 * @public
 */
export interface SloSourceRequest {
  /** The SLO's id, for error messages. */
  sloId: string;
  sli: SliSpec;
  /** Start of the first bucket, epoch seconds, aligned to `bucketSeconds`. */
  start: number;
  /** End of the last bucket (exclusive), epoch seconds, aligned to `bucketSeconds`. */
  end: number;
  bucketSeconds: number;
  /**
   * The range holds the start of the stored data (the first bucket with data
   * of a backfill): count each series from its first sample, without
   * extrapolating before it. Sources whose counts never extrapolate may
   * ignore it.
   */
  countFromFirstSample?: boolean;
  signal?: AbortSignal;
}

/**
 * The answer: one entry per bucket that has data. Buckets with no data are
 * left out (not zero-filled), so coverage can be told apart from zero traffic.
 *
 * @public
 */
export interface SloSourceResult {
  buckets: EventBucket[];
  /** Queries issued, for metrics and benchmarks. */
  queryCount: number;
}

/**
 * The answer to a batch: one result per request, in the order asked.
 *
 * @public
 */
export interface SloBatchResult {
  /** `results[i]` answers `requests[i]`, with the buckets its own `fetchBuckets` would give. */
  results: Array<{ buckets: EventBucket[] }>;
  /** Queries issued for the whole batch. */
  queryCount: number;
}

/**
 * How many queries a source may still be sent: its own hourly budget from
 * config and what the source's rate-limit headers last said. The collector
 * defers the source's remaining SLOs to later cycles when a cycle would
 * overspend it, instead of failing them.
 *
 * @public
 */
export interface SloSourceQueryBudget {
  /** Most queries per hour the portal may send this source (app-config). */
  queriesPerHour?: number;
  /**
   * The source's own rate-limit window as last reported (Datadog's
   * `X-RateLimit-*` headers), when it reports one.
   */
  rateLimit?: {
    /** Requests allowed per window. */
    limit?: number;
    /** Requests left in the current window. */
    remaining: number;
    /** When the window resets, epoch seconds. */
    resetAt: number;
    /** Length of a window, seconds. */
    periodSeconds?: number;
  };
  /** Words for people: what the budget is, e.g. `Datadog query budget`. */
  label: string;
}

/**
 * A monitoring system the SLO plugin can read SLIs from. Implementations live in
 * backend modules (`slo-backend-module-prometheus`, ...) and register through
 * {@link sloSourcesExtensionPoint}.
 *
 * Errors are thrown as {@link SloSourceError} with a message a service owner can act on.
 *
 * @public
 */
export interface SloSource {
  /** The instance name from app-config, e.g. `prometheus` or `thanos-eu`. */
  readonly name: string;
  /** The source type, e.g. `prometheus`, `datadog`, `demo`. */
  readonly type: string;
  /** True for synthetic sources whose figures must be labelled as demo data. */
  readonly isDemo?: boolean;
  capabilities(): SloSourceCapabilities;
  fetchBuckets(request: SloSourceRequest): Promise<SloSourceResult>;
  /**
   * Optional batching: groups of `requests` that one
   * {@link SloSource.fetchBatch} call answers with fewer queries than asking
   * each alone (a group of one may be worth it, when one query answers what
   * `fetchBuckets` asks with two). Requests in no group are asked alone.
   * Must not throw.
   */
  planBatches?(requests: readonly SloSourceRequest[]): SloSourceRequest[][];
  /**
   * Answers a group from {@link SloSource.planBatches}; every result must
   * equal what `fetchBuckets` gives for its request alone. Throws (an
   * {@link SloSourceError}) when the batch fails as a whole: the collector
   * then asks each request alone, so one SLO's bad query fails only that
   * SLO.
   */
  fetchBatch?(
    requests: readonly SloSourceRequest[],
    signal?: AbortSignal,
  ): Promise<SloBatchResult>;
  /**
   * Optional: the source's query budget now, read before each SLO is
   * collected; undefined when it has none.
   */
  queryBudget?(): SloSourceQueryBudget | undefined;
  /** A link that opens the SLI's query in the source's own UI, when it has one. */
  exploreUrl?(
    sli: SliSpec,
    range: { start: number; end: number },
  ): string | undefined;
}
