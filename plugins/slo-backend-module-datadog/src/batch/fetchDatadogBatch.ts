import type { EventBucket } from '@slo-kit/plugin-slo-common';
import { countBuckets, Point, sumByTime } from '../datadogBuckets';
import {
  fetchDatadogSeries,
  FetchDatadogSeriesContext,
  TaggedPoints,
} from '../fetchDatadogSeries';
import { DatadogBatch, groupedCountQuery } from './planDatadogBatches';

/** The points of each group `tagKey:value`, by value. */
function pointsByValue(
  series: TaggedPoints[],
  tagKey: string,
): Map<string, Point[]> {
  const prefix = `${tagKey}:`;
  const byValue = new Map<string, Point[]>();
  for (const { tags, points } of series) {
    for (const tag of tags) {
      if (!tag.startsWith(prefix)) continue;
      const value = tag.slice(prefix.length);
      const list = byValue.get(value) ?? [];
      list.push(...points);
      byValue.set(value, list);
    }
  }
  return byValue;
}

/**
 * Answers a {@link DatadogBatch} with one grouped query per side (split
 * over time like a single SLO's queries), and splits the groups back: each
 * member's buckets are built from its group's points exactly as its own
 * queries' points would be. A member whose group is absent had no data,
 * as its own query would have answered. Throws the first query's error.
 *
 * @internal
 */
export async function fetchDatadogBatch(
  batch: DatadogBatch,
  context: FetchDatadogSeriesContext,
): Promise<{ queries: { total: string; side: string }; results: Array<{ buckets: EventBucket[] }> }> {
  const { start, end, bucketSeconds, tagKey } = batch;
  const queries = {
    total: groupedCountQuery(batch.total, tagKey, bucketSeconds),
    side: groupedCountQuery(batch.side, tagKey, bucketSeconds),
  };
  const [total, side] = await Promise.all([
    fetchDatadogSeries(queries.total, start, end, bucketSeconds, context),
    fetchDatadogSeries(queries.side, start, end, bucketSeconds, context),
  ]);
  const totalByValue = pointsByValue(total, tagKey);
  const sideByValue = pointsByValue(side, tagKey);
  const results = batch.values.map(value => ({
    buckets: countBuckets(
      sumByTime(totalByValue.get(value) ?? []),
      sumByTime(sideByValue.get(value) ?? []),
      batch.sideIsGood,
      bucketSeconds,
    ),
  }));
  return { queries, results };
}
