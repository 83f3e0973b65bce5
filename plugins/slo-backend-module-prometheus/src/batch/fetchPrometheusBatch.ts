import {
  batchedSli,
  bucketEventQueries,
  type PromqlOptions,
} from '@slo-kit/plugin-slo-common';
import { SloSourceError, type SloBatchResult } from '@slo-kit/plugin-slo-node';
import {
  emptySideSums,
  evaluationRanges,
  eventBuckets,
  sumByTime,
  type SideSums,
} from '../eventBuckets';
import type { PrometheusClient } from '../PrometheusClient';
import type { limitConcurrency } from '../limitConcurrency';
import { BATCH_SIDE_LABEL, batchQuery, querySides } from './batchQuery';
import type { PrometheusBatch } from './planPrometheusBatches';

/** What {@link fetchPrometheusBatch} asks with. */
export interface PrometheusBatchContext {
  client: PrometheusClient;
  limit: ReturnType<typeof limitConcurrency>;
  promql: PromqlOptions;
  /** Points per series of one `query_range` (the server's resolution limit). */
  maxPointsPerRequest: number;
  /** Points of all series of one batch query together. */
  maxPointsPerBatchQuery: number;
  signal?: AbortSignal;
}

/**
 * Asks a batch with one `query_range` per stretch of time: every side
 * (good or bad, and total) of every member, `sum by (label)`, marked by
 * side. Each member's buckets are built from its value's series exactly as
 * its single query's would be; a value without series gets what its single
 * query gets for no series (no buckets, or zero good events beside a
 * total). Throws an `Error` when the batch fails as a whole.
 */
export async function fetchPrometheusBatch(
  batch: PrometheusBatch,
  context: PrometheusBatchContext,
): Promise<SloBatchResult> {
  const [first] = batch.requests;
  const values = [...new Set(batch.values)];
  const sli = batchedSli(first.sli, batch.label, values);
  if (!sli) {
    throw new Error(`the SLIs cannot be asked together on ${batch.label}`);
  }
  const queries = bucketEventQueries(sli, first.bucketSeconds, {
    ...context.promql,
    countFromFirstSample: first.countFromFirstSample,
    sumBy: batch.label,
  });
  const step = queries.stepSeconds;
  const firstTime = (Math.floor(first.start / step) + 1) * step;
  const lastTime = Math.floor(first.end / step) * step;
  const empty = () => ({
    results: batch.requests.map(() => ({ buckets: [] })),
    queryCount: 0,
  });
  if (lastTime < firstTime) return empty();

  const sides = querySides(queries);
  const seriesPerQuery = values.length * sides.length;
  const pointsPerRequest = Math.max(
    1,
    Math.min(
      context.maxPointsPerRequest,
      Math.floor(context.maxPointsPerBatchQuery / seriesPerQuery),
    ),
  );
  const ranges = evaluationRanges(firstTime, lastTime, step, pointsPerRequest);
  const query = batchQuery(queries);
  const sums = new Map<string, SideSums>(
    values.map(value => [value, emptySideSums()]),
  );

  // The first failure cancels the rest of this batch's queries.
  const cancel = new AbortController();
  const signal = context.signal
    ? AbortSignal.any([context.signal, cancel.signal])
    : cancel.signal;
  let queryCount = 0;
  try {
    await Promise.all(
      ranges.map(range =>
        context.limit(async () => {
          signal.throwIfAborted();
          queryCount++;
          const series = await context.client.queryRange({
            query,
            ...range,
            step,
            signal,
          });
          for (const one of series) {
            const side = one.metric[BATCH_SIDE_LABEL];
            const into = sums.get(one.metric[batch.label] ?? '');
            if (side !== 'good' && side !== 'bad' && side !== 'total') continue;
            if (into) sumByTime([one], into[side], query);
          }
        }),
      ),
    );
  } catch (error) {
    cancel.abort();
    throw error instanceof SloSourceError
      ? error
      : new SloSourceError(`unexpected failure: ${String(error)}`, {
          retryable: !context.signal?.aborted,
          cause: error,
        });
  }

  return {
    results: batch.requests.map((request, index) => ({
      buckets: eventBuckets(
        sums.get(batch.values[index])!,
        request.sli,
        request.bucketSeconds,
        queries.bad !== undefined,
      ),
    })),
    queryCount,
  };
}
