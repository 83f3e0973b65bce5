import type { EventBucket, SliSpec } from '@slo-kit/plugin-slo-common';
import type {
  SloSource,
  SloSourceCapabilities,
  SloSourceRequest,
  SloSourceResult,
} from '@slo-kit/plugin-slo-node';

/**
 * A source for tests with exactly known figures: every second is one event,
 * and one event in every 300 seconds (the first of each 5-minute slot) fails.
 * So over any range aligned to 5 minutes, total = seconds and bad = seconds / 300.
 */
export class FakeSloSource implements SloSource {
  readonly type = 'fake';
  readonly requests: SloSourceRequest[] = [];
  /** Called before answering; throw from it to fail a request. */
  beforeAnswer: (request: SloSourceRequest) => void | Promise<void> = () => {};

  constructor(
    readonly name = 'fake',
    private readonly caps: Partial<SloSourceCapabilities> = {},
    readonly isDemo = false,
  ) {}

  capabilities(): SloSourceCapabilities {
    return {
      sliKinds: ['ratio', 'latency', 'timeSlice'],
      minBucketSeconds: 60,
      maxBucketsPerRequest: 11000,
      ...this.caps,
    };
  }

  static expected(start: number, end: number): { good: number; total: number } {
    const total = end - start;
    return { good: total - total / 300, total };
  }

  async fetchBuckets(request: SloSourceRequest): Promise<SloSourceResult> {
    this.requests.push(request);
    await this.beforeAnswer(request);
    const buckets: EventBucket[] = [];
    for (let s = request.start; s < request.end; s += request.bucketSeconds) {
      const counts = FakeSloSource.expected(s, s + request.bucketSeconds);
      buckets.push({
        start: s,
        durationSeconds: request.bucketSeconds,
        ...counts,
      });
    }
    return { buckets, queryCount: 1 };
  }

  exploreUrl(sli: SliSpec): string {
    return `https://fake.invalid/explore?kind=${sli.kind}`;
  }
}
