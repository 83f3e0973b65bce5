import type { EventBucket, SloDefinition } from '@slo-kit/plugin-slo-common';
import type {
  SloSource,
  SloSourceCapabilities,
  SloSourceRequest,
  SloSourceResult,
} from '@slo-kit/plugin-slo-node';
import { fetchWithRetry } from './fetchWithRetry';

/**
 * How {@link fetchRange} talks to a source.
 *
 * @internal
 */
export interface FetchRangeOptions {
  source: SloSource;
  definition: SloDefinition;
  start: number;
  end: number;
  /** Length of the buckets handed back (stored). */
  bucketSeconds: number;
  /** Length of the buckets asked from the source (a slice for time-slice SLIs). */
  requestSeconds: number;
  maxAttempts: number;
  timeoutMs: number;
  retryBaseDelayMs: number;
  sleep: (ms: number) => Promise<void>;
  /**
   * The range may hold the start of the source's data (a backfill, the CLI):
   * the first bucket with data is asked again counting each series from its
   * first sample, so no events are extrapolated before the data begins.
   */
  countFromFirstSample?: boolean;
  /**
   * The chunk's answer from a batch asked for several SLOs together, when
   * one was planned for exactly this request and succeeded; undefined sends
   * the request to the source alone.
   */
  batched?: (request: SloSourceRequest) => Promise<SloSourceResult | undefined>;
  /** Cancels the fetch: the request in flight, retries and the chunks after it. */
  signal?: AbortSignal;
  /** Receives each chunk's buckets, oldest chunk first; a throw stops the fetch. */
  onChunk: (chunk: {
    start: number;
    end: number;
    buckets: EventBucket[];
  }) => Promise<void>;
}

/**
 * How long one `fetchBuckets` call of a range may be: as many stored buckets
 * as `maxBucketsPerRequest` requested buckets cover, at least one.
 *
 * @internal
 */
export function rangeChunkSeconds(
  capabilities: SloSourceCapabilities,
  bucketSeconds: number,
  requestSeconds: number,
): number {
  return (
    Math.max(
      1,
      Math.floor(
        (capabilities.maxBucketsPerRequest * requestSeconds) / bucketSeconds,
      ),
    ) * bucketSeconds
  );
}

/** Shown in messages: `2025-03-01T00:00Z to 2025-03-02T00:00Z`. */
export function isoRange(start: number, end: number): string {
  const iso = (s: number) =>
    new Date(s * 1000).toISOString().replace(':00.000Z', 'Z');
  return `${iso(start)} to ${iso(end)}`;
}

/** Buckets of `seconds` each, aligned to `seconds`, oldest first, one per start. */
function alreadyBucketed(buckets: EventBucket[], seconds: number): boolean {
  let previous = -Infinity;
  for (const bucket of buckets) {
    if (
      bucket.durationSeconds !== seconds ||
      bucket.start % seconds !== 0 ||
      bucket.start <= previous
    ) {
      return false;
    }
    previous = bucket.start;
  }
  return true;
}

/** Sums buckets into buckets of `seconds`, keeping only those inside `[start, end)`. */
export function rebucket(
  buckets: EventBucket[],
  seconds: number,
  start: number,
  end: number,
): EventBucket[] {
  // The usual case: the source answered in the stored length. Summing would
  // copy every bucket of a backfill (thousands per SLO) into the same values.
  if (alreadyBucketed(buckets, seconds)) {
    return buckets.filter(
      bucket => bucket.start >= start && bucket.start < end,
    );
  }
  const byStart = new Map<number, EventBucket>();
  for (const bucket of buckets) {
    if (bucket.start < start || bucket.start >= end) {
      continue;
    }
    const at = Math.floor(bucket.start / seconds) * seconds;
    const sum = byStart.get(at);
    if (sum) {
      sum.good += bucket.good;
      sum.total += bucket.total;
    } else {
      byStart.set(at, {
        start: at,
        durationSeconds: seconds,
        good: bucket.good,
        total: bucket.total,
      });
    }
  }
  return [...byStart.values()].sort((a, b) => a.start - b.start);
}

/** An error from fetching a range, with the chunk that failed. */
export class FetchRangeError extends Error {
  constructor(
    message: string,
    readonly chunk: { start: number; end: number },
    options: { cause: unknown },
  ) {
    super(message, options);
  }
}

/**
 * Fetches `[start, end)` from a source in chunks the source can answer
 * (`maxBucketsPerRequest`), each with timeout and retries, handing each
 * chunk's buckets to `onChunk` as they come. The collector stores every chunk
 * at once, so a failure keeps what came before it; the CLI gathers them.
 *
 * Returns the number of queries the source reports.
 *
 * @internal
 */
export async function fetchRange(options: FetchRangeOptions): Promise<number> {
  const { source, definition, bucketSeconds, requestSeconds } = options;
  const chunkSeconds = rangeChunkSeconds(
    source.capabilities(),
    bucketSeconds,
    requestSeconds,
  );
  let queries = 0;
  // Time slices are sampled, never extrapolated: nothing to count again.
  let firstBucketPending =
    options.countFromFirstSample === true &&
    definition.sli.kind !== 'timeSlice';
  for (let start = options.start; start < options.end; start += chunkSeconds) {
    options.signal?.throwIfAborted();
    const end = Math.min(options.end, start + chunkSeconds);
    const describe = `Source "${source.name}" (${source.type}) for SLO ${
      definition.id
    }, ${isoRange(start, end)},`;
    const retry = {
      maxAttempts: options.maxAttempts,
      timeoutMs: options.timeoutMs,
      baseDelayMs: options.retryBaseDelayMs,
      sleep: options.sleep,
      describe,
      signal: options.signal,
    };
    let buckets: EventBucket[];
    try {
      const request: SloSourceRequest = {
        sloId: definition.id,
        sli: definition.sli,
        start,
        end,
        bucketSeconds: requestSeconds,
      };
      const value =
        (await options.batched?.(request)) ??
        (
          await fetchWithRetry(
            signal => source.fetchBuckets({ ...request, signal }),
            retry,
          )
        ).value;
      queries += value.queryCount;
      buckets = rebucket(value.buckets, bucketSeconds, start, end);
      if (firstBucketPending && buckets.length > 0) {
        firstBucketPending = false;
        const first = buckets[0];
        const recountRequest: SloSourceRequest = {
          sloId: definition.id,
          sli: definition.sli,
          start: first.start,
          end: first.start + first.durationSeconds,
          bucketSeconds: first.durationSeconds,
          countFromFirstSample: true,
        };
        // Planned with the backfill's batch when this chunk came from one.
        const recount =
          (await options.batched?.(recountRequest)) ??
          (
            await fetchWithRetry(
              signal => source.fetchBuckets({ ...recountRequest, signal }),
              retry,
            )
          ).value;
        queries += recount.queryCount;
        const counted = recount.buckets.find(b => b.start === first.start);
        if (counted) {
          buckets = [
            { ...counted, durationSeconds: first.durationSeconds },
            ...buckets.slice(1),
          ];
        }
      }
    } catch (error) {
      // A cancelled cycle is not the source's failure.
      if (options.signal?.aborted) throw error;
      const message = error instanceof Error ? error.message : String(error);
      throw new FetchRangeError(
        `${message} (while collecting ${isoRange(start, end)})`,
        { start, end },
        { cause: error },
      );
    }
    await options.onChunk({ start, end, buckets });
  }
  return queries;
}
