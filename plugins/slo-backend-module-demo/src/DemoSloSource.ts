import type { EventBucket } from '@slo-kit/plugin-slo-common';
import {
  SloSource,
  SloSourceCapabilities,
  SloSourceError,
  SloSourceRequest,
  SloSourceResult,
} from '@slo-kit/plugin-slo-node';
import { DemoScenario, DemoTrafficModel } from './DemoTrafficModel';

const MINUTE = 60;

/**
 * Scenarios of the demo portal's own SLOs (examples/ in this repository), so the
 * demo shows every state the UI has. Any other SLO is `healthy` unless
 * `slo.demo.scenarios` says otherwise.
 */
const DEFAULT_SCENARIOS: Record<string, DemoScenario> = {
  'component:default/checkout/checkout-availability': 'burning',
  'component:default/fraud-detection/scoring-availability': 'overspent',
  'component:default/recommendations/recommendations-availability': 'partial',
  'component:default/notification-service/delivery-availability': 'low-traffic',
};

/**
 * Options of {@link DemoSloSource}.
 *
 * @public
 */
/**
 * The series a demo source pretends to hold: metric names (a histogram by its
 * base name) and the label names its series carry.
 *
 * @public
 */
export interface DemoSeries {
  metrics: string[];
  labels: string[];
}

/** `name{labels}` in a selector or query. */
const SELECTOR = /([a-zA-Z_:][a-zA-Z0-9_:]*)\{([^}]*)\}/g;
const LABEL_MATCHER = /([a-zA-Z_][a-zA-Z0-9_]*)\s*(?:=~|!~|!=|=)/g;
const HISTOGRAM_SUFFIX = /_(bucket|count|sum)$/;

/**
 * Whether an SLI asks only for series the demo holds: every `metric{labels}`
 * it names is a known metric, matched on known labels. An SLI whose text
 * names no selector is answered, as before.
 */
function textsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value && typeof value === 'object') return Object.values(value).flatMap(textsOf);
  return [];
}

function asksForHeldSeries(sli: unknown, series: DemoSeries): boolean {
  const selectors = textsOf(sli).flatMap(text => [...text.matchAll(SELECTOR)]);
  for (const [, metric, matchers] of selectors) {
    const name = series.metrics.includes(metric) ? metric : metric.replace(HISTOGRAM_SUFFIX, '');
    if (!series.metrics.includes(name)) return false;
    for (const [, label] of matchers.matchAll(LABEL_MATCHER)) {
      if (!series.labels.includes(label)) return false;
    }
  }
  return true;
}

/**
 * Options of {@link DemoSloSource}.
 *
 * @public
 */
export interface DemoSloSourceOptions {
  /** Source instance name; default `demo`. */
  name?: string;
  /** Epoch seconds the scenarios are placed against: the demo's "now". */
  anchor: number;
  /** Scenario by SLO id; overrides the built-in choice. */
  scenarios?: Record<string, DemoScenario>;
  /**
   * The series the demo holds. Without it every SLI gets synthetic counts;
   * with it, an SLI that asks for other metrics or labels gets none, as a
   * real metric store would answer, so suggested SLOs only come from
   * templates that match the demo's metrics.
   */
  series?: DemoSeries;
}

/**
 * A source of deterministic synthetic event counts, for demos and tests
 * without a monitoring system. Figures depend only on the SLO id, the
 * scenario and the anchor; the API and UI label them as demo data.
 *
 * @public
 */
export class DemoSloSource implements SloSource {
  readonly name: string;
  readonly type = 'demo';
  readonly isDemo = true;
  private readonly anchor: number;
  private readonly scenarios: Record<string, DemoScenario>;
  private readonly models = new Map<string, DemoTrafficModel>();
  private readonly series?: DemoSeries;

  constructor(options: DemoSloSourceOptions) {
    this.name = options.name ?? 'demo';
    this.anchor = options.anchor;
    this.scenarios = { ...DEFAULT_SCENARIOS, ...options.scenarios };
    this.series = options.series;
  }

  capabilities(): SloSourceCapabilities {
    return {
      sliKinds: ['ratio', 'latency', 'timeSlice'],
      minBucketSeconds: MINUTE,
      maxBucketsPerRequest: 100_000,
    };
  }

  /** The scenario an SLO gets. */
  scenarioOf(sloId: string): DemoScenario {
    return this.scenarios[sloId] ?? 'healthy';
  }

  private model(sloId: string): DemoTrafficModel {
    let model = this.models.get(sloId);
    if (!model) {
      model = new DemoTrafficModel(sloId, this.scenarioOf(sloId), this.anchor);
      this.models.set(sloId, model);
    }
    return model;
  }

  async fetchBuckets(request: SloSourceRequest): Promise<SloSourceResult> {
    const { start, end, bucketSeconds, sli, sloId } = request;
    if (bucketSeconds < MINUTE || bucketSeconds % MINUTE !== 0) {
      throw new SloSourceError(
        `The demo source counts whole minutes; SLO ${sloId} asked for ${bucketSeconds}-second buckets. Use a multiple of 60 seconds.`,
        { retryable: false },
      );
    }
    if (request.signal?.aborted) {
      throw new SloSourceError(`Request for SLO ${sloId} was cancelled.`, {
        retryable: true,
      });
    }
    if (this.series && !asksForHeldSeries(sli, this.series)) {
      return { buckets: [], queryCount: 1 };
    }
    const model = this.model(sloId);
    const sliceSeconds =
      sli.kind === 'timeSlice' ? Math.max(MINUTE, sli.sliceSeconds) : undefined;
    const buckets: EventBucket[] = [];
    for (
      let bucketStart = start;
      bucketStart < end;
      bucketStart += bucketSeconds
    ) {
      const bucket = sliceSeconds
        ? this.sliceBucket(model, bucketStart, bucketSeconds, sliceSeconds)
        : this.eventBucket(model, bucketStart, bucketSeconds);
      if (bucket) {
        buckets.push(bucket);
      }
    }
    return { buckets, queryCount: 1 };
  }

  /** Good and total events of one bucket; undefined when no minute has data. */
  private eventBucket(
    model: DemoTrafficModel,
    start: number,
    seconds: number,
  ): EventBucket | undefined {
    let total = 0;
    let bad = 0;
    let seen = false;
    for (let t = start; t < start + seconds; t += MINUTE) {
      const counts = model.minute(t);
      if (counts) {
        seen = true;
        total += counts.total;
        bad += counts.bad;
      }
    }
    return seen
      ? { start, durationSeconds: seconds, good: total - bad, total }
      : undefined;
  }

  /**
   * Good and total slices of one bucket: a slice is good when at most 1% of
   * its events failed; slices without events are not counted.
   */
  private sliceBucket(
    model: DemoTrafficModel,
    start: number,
    seconds: number,
    sliceSeconds: number,
  ): EventBucket | undefined {
    let good = 0;
    let total = 0;
    const firstSlice = Math.ceil(start / sliceSeconds) * sliceSeconds;
    for (
      let slice = firstSlice;
      slice < start + seconds;
      slice += sliceSeconds
    ) {
      const counts = this.eventBucket(model, slice, sliceSeconds);
      if (counts && counts.total > 0) {
        total += 1;
        good += counts.total - counts.good <= counts.total * 0.01 ? 1 : 0;
      }
    }
    return total > 0
      ? { start, durationSeconds: seconds, good, total }
      : undefined;
  }
}
