import { DatadogApiError, DatadogClient } from './DatadogClient';
import type { Point } from './datadogBuckets';

/**
 * The non-null points of one series of an answer, with the tags that name
 * its group (`service:checkout` for `... by {service}`; none otherwise).
 *
 * @internal
 */
export interface TaggedPoints {
  tags: string[];
  points: Point[];
}

/**
 * What {@link fetchDatadogSeries} needs: the client, the points limit per
 * series, the signal that stops it and a counter of queries sent.
 *
 * @internal
 */
export interface FetchDatadogSeriesContext {
  client: DatadogClient;
  maxPointsPerQuery: number;
  signal: AbortSignal;
  counter: { queries: number };
}

function iso(epochSeconds: number): string {
  return new Date(epochSeconds * 1000).toISOString();
}

/** The tags of a v1 series: its `tag_set`, else its `scope` split at commas. */
function tagsOf(series: { tag_set?: string[]; scope?: string }): string[] {
  if (Array.isArray(series.tag_set) && series.tag_set.length > 0) {
    return series.tag_set;
  }
  if (!series.scope || series.scope === '*') return [];
  return series.scope.split(',').map(tag => tag.trim());
}

/**
 * Every non-null point of every series of `query` in `[from, to)`, split
 * into queries Datadog answers at full resolution (at most
 * `maxPointsPerQuery` points per series; when Datadog still rolls up coarser
 * than asked, the range is halved until it does not).
 *
 * @internal
 */
export async function fetchDatadogSeries(
  query: string,
  from: number,
  to: number,
  stepSeconds: number,
  context: FetchDatadogSeriesContext,
): Promise<TaggedPoints[]> {
  const chunkSeconds = (context.maxPointsPerQuery - 1) * stepSeconds;
  const chunks: Array<Promise<TaggedPoints[]>> = [];
  for (let chunkStart = from; chunkStart < to; chunkStart += chunkSeconds) {
    const chunkEnd = Math.min(to, chunkStart + chunkSeconds);
    chunks.push(
      fetchChunk(
        { query, from: chunkStart, to: chunkEnd, stepSeconds },
        context,
      ),
    );
  }
  return (await Promise.all(chunks)).flat();
}

/** One query over `[from, to)`, rolled up to `stepSeconds`. */
interface ChunkQuery {
  query: string;
  from: number;
  to: number;
  stepSeconds: number;
}

async function fetchChunk(
  chunk: ChunkQuery,
  context: FetchDatadogSeriesContext,
): Promise<TaggedPoints[]> {
  const { query, from, to, stepSeconds } = chunk;
  context.counter.queries++;
  const series = await context.client.queryTimeseries(
    { from, to, query },
    context.signal,
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
      fetchChunk({ ...chunk, to: middle }, context),
      fetchChunk({ ...chunk, from: middle }, context),
    ]);
    return halves.flat();
  }
  return series.map(one => {
    const points: Point[] = [];
    for (const point of one.pointlist) {
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
    return { tags: tagsOf(one), points };
  });
}
