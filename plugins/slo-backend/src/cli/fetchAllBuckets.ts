import type { EventBucket, SloDefinition } from '@slo-kit/plugin-slo-common';
import type { SloSource } from '@slo-kit/plugin-slo-node';
import { fetchRange } from '../collector/fetchRange';
import type { SloBackendConfig } from '../config/readSloBackendConfig';

/**
 * Every bucket of `[start, end)` straight from the source, with the
 * collector's chunking, timeouts and retries, for the CLI's commands that
 * compute without a database. The range may reach back past the start of the
 * source's data, so its first bucket with data is counted from each series'
 * first sample, as a backfill does.
 *
 * @internal
 */
export async function fetchAllBuckets(options: {
  source: SloSource;
  definition: SloDefinition;
  start: number;
  end: number;
  sizes: { storage: number; request: number };
  config: SloBackendConfig;
}): Promise<EventBucket[]> {
  const { config, sizes } = options;
  const buckets: EventBucket[] = [];
  await fetchRange({
    source: options.source,
    definition: options.definition,
    start: options.start,
    end: options.end,
    bucketSeconds: sizes.storage,
    requestSeconds: sizes.request,
    maxAttempts: config.collector.maxAttempts,
    timeoutMs: config.collector.requestTimeoutMs,
    retryBaseDelayMs: 1000,
    countFromFirstSample: true,
    sleep: ms => new Promise(resolve => setTimeout(resolve, ms)),
    onChunk: async chunk => {
      buckets.push(...chunk.buckets);
    },
  });
  return buckets;
}
