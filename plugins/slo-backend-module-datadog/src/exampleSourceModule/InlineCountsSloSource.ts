// The example source module that docs/sources.md walks through. It is built
// and registered by this folder's test; it is not part of the package's API.
import type { EventBucket } from '@slo-kit/plugin-slo-common';
import {
  SloSource,
  SloSourceCapabilities,
  SloSourceError,
  SloSourceRequest,
  SloSourceResult,
} from '@slo-kit/plugin-slo-node';

/** Event counts of one series: `[epoch seconds, events]`, one entry per minute at most. */
export type InlineSeries = Array<[number, number]>;

/**
 * A source that answers ratio SLIs from event counts held in memory (read
 * from app-config by the module). Small on purpose: it shows every rule of
 * the `SloSource` contract without a monitoring system.
 */
export class InlineCountsSloSource implements SloSource {
  readonly type = 'inline';

  constructor(
    readonly name: string,
    private readonly series: Record<string, InlineSeries>,
  ) {}

  capabilities(): SloSourceCapabilities {
    // Only ratio SLIs; the collector refuses other kinds with a clear message.
    return {
      sliKinds: ['ratio'],
      minBucketSeconds: 60,
      maxBucketsPerRequest: 10_000,
    };
  }

  async fetchBuckets(request: SloSourceRequest): Promise<SloSourceResult> {
    const { sloId, sli, start, end, bucketSeconds, signal } = request;
    if (signal?.aborted) {
      throw new SloSourceError(`Reading SLO ${sloId} was cancelled.`, {
        retryable: true,
      });
    }
    if (sli.kind !== 'ratio') {
      throw new SloSourceError(
        `Source "${this.name}" answers ratio SLIs only; SLO ${sloId} is a ${sli.kind} SLI.`,
        { retryable: false },
      );
    }
    const total = this.countsPerBucket(
      sloId,
      sli.total,
      start,
      end,
      bucketSeconds,
    );
    const side = sli.good ?? sli.bad!;
    const sideCounts = this.countsPerBucket(
      sloId,
      side,
      start,
      end,
      bucketSeconds,
    );

    const buckets: EventBucket[] = [];
    for (const [bucketStart, totalEvents] of [...total].sort(
      (a, b) => a[0] - b[0],
    )) {
      // A bucket exists only where total has data: a missing bucket is a gap
      // in coverage, never zero traffic.
      const sideEvents = sideCounts.get(bucketStart) ?? 0;
      const good = sli.good ? sideEvents : totalEvents - sideEvents;
      buckets.push({
        start: bucketStart,
        durationSeconds: bucketSeconds,
        good: Math.min(totalEvents, Math.max(0, good)),
        total: totalEvents,
      });
    }
    return { buckets, queryCount: 2 };
  }

  /** Sums a series' counts into buckets aligned to `bucketSeconds` within `[start, end)`. */
  private countsPerBucket(
    sloId: string,
    events: { selector: string } | { query: string },
    start: number,
    end: number,
    bucketSeconds: number,
  ): Map<number, number> {
    if (!('selector' in events)) {
      throw new SloSourceError(
        `Source "${this.name}" reads series by name; SLO ${sloId} gives a full query. Use "good"/"bad"/"total" with a series name.`,
        { retryable: false },
      );
    }
    const series = this.series[events.selector];
    if (!series) {
      throw new SloSourceError(
        `Source "${this.name}" has no series "${
          events.selector
        }" (used by SLO ${sloId}). Known series: ${Object.keys(
          this.series,
        ).join(', ')}.`,
        { retryable: false },
      );
    }
    const counts = new Map<number, number>();
    for (const [time, value] of series) {
      if (time < start || time >= end) continue;
      const bucketStart = Math.floor(time / bucketSeconds) * bucketSeconds;
      counts.set(bucketStart, (counts.get(bucketStart) ?? 0) + value);
    }
    return counts;
  }
}
