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
  /** A link that opens the SLI's query in the source's own UI, when it has one. */
  exploreUrl?(sli: SliSpec, range: { start: number; end: number }): string | undefined;
}
