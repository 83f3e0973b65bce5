import type { SliSpec } from '@slo-kit/plugin-slo-common';
import { seededRandom } from './random';
import type { ScenarioSeries } from './ScenarioSeries';
import type { ScenarioSpec } from './ScenarioSpec';
import { createGroundTruth, type GroundTruth } from './groundTruth';
import { openMetricsChunks } from './openMetrics';

/**
 * Synthetic metrics with exactly known event counts.
 *
 * @public
 */
export interface Scenario {
  spec: ScenarioSpec;
  /** First and last sample times, epoch seconds. */
  start: number;
  end: number;
  sampleIntervalSeconds: number;
  series: ScenarioSeries[];
  groundTruth: GroundTruth;
  /**
   * The whole scenario as OpenMetrics text (`# EOF` at the end, timestamps
   * in seconds, each series in ascending time). Built on first access; for
   * large scenarios prefer {@link Scenario.openMetricsChunks}.
   */
  readonly openMetricsText: string;
  /** The same text in chunks of about a megabyte, for writing to a file. */
  openMetricsChunks(): Iterable<string>;
}

/** `le` as OpenMetrics (and Prometheus 3) spell it: `1.0`, `0.25`, `+Inf`. */
export function openMetricsFloat(value: number): string {
  if (value === Infinity) return '+Inf';
  const text = String(value);
  return /[.e]/.test(text) ? text : `${text}.0`;
}

const DEFAULT_LATENCY_BUCKETS = [0.1, 0.25, 0.5, 1, 2.5];
/** Steepness of the log-logistic latency distribution. */
const LATENCY_SHAPE = 5;

function latencyShare(le: number, median: number): number {
  return 1 / (1 + Math.pow(le / median, -LATENCY_SHAPE));
}

/**
 * Builds a scenario: for each service, `http_requests_total{service,code}`
 * (codes `200` and `500`, plus late codes) and the histogram
 * `http_request_duration_seconds_{bucket,count,sum}{service}`, one sample
 * every interval, with a daily and weekly traffic rhythm, incidents, counter
 * resets and late series as the spec says. Deterministic for a given spec.
 *
 * @public
 */
export function generateScenario(spec: ScenarioSpec): Scenario {
  const interval = spec.sampleIntervalSeconds ?? 60;
  if (spec.end % interval !== 0) {
    throw new Error(
      `Scenario end ${spec.end} is not on the ${interval} s sample grid`,
    );
  }
  const start = spec.end - Math.round(spec.days * 86400);
  if (start % interval !== 0) {
    throw new Error(
      `Scenario of ${spec.days} days does not start on the ${interval} s sample grid`,
    );
  }
  const sampleCount = (spec.end - start) / interval + 1;
  const indexOf = (time: number, what: string) => {
    const index = (time - start) / interval;
    if (!Number.isInteger(index) || index < 0 || index >= sampleCount) {
      throw new Error(
        `${what} at ${time} is not a sample time of the scenario (${start}..${spec.end}, every ${interval} s)`,
      );
    }
    return index;
  };
  const random = seededRandom(spec.seed ?? 1);
  const buckets = [...(spec.latencyBuckets ?? DEFAULT_LATENCY_BUCKETS)].sort(
    (a, b) => a - b,
  );
  const series: ScenarioSeries[] = [];
  const slis = new Map<
    string,
    { sli: SliSpec; good: ScenarioSeries[]; total: ScenarioSeries[] }
  >();

  for (const service of spec.services) {
    const firstIndex =
      service.startsAt === undefined
        ? 0
        : indexOf(service.startsAt, `${service.name} start`);
    const length = sampleCount - firstIndex;
    const requests = new Float64Array(length);
    const errors = new Float64Array(length);
    const bucketCounts = buckets.map(() => new Float64Array(length));
    const latencySum = new Float64Array(length);
    const incidents = (spec.incidents ?? []).filter(
      i => i.service === service.name,
    );

    // j = 0 is the first sample: nothing is known before it.
    for (let j = 1; j < length; j++) {
      const time = start + (firstIndex + j) * interval;
      const incident = incidents.find(
        i => time > i.start && time <= i.start + i.durationSeconds,
      );
      const rate = trafficFactor(time) * (0.9 + 0.2 * random());
      const count = Math.floor(
        (service.requestsPerMinute * interval * rate) / 60 + random(),
      );
      const errorRate = incident?.errorRate ?? service.errorRate;
      const median =
        service.medianLatencySeconds * (incident?.latencyFactor ?? 1);
      requests[j] = count;
      errors[j] = Math.min(count, Math.floor(count * errorRate + random()));
      // One draw for all boundaries keeps the cumulative counts monotone in le.
      const draw = random();
      buckets.forEach((le, b) => {
        bucketCounts[b][j] = Math.min(
          count,
          Math.floor(count * latencyShare(le, median) + draw),
        );
      });
      latencySum[j] = Math.round(count * median * 1.1 * 1000) / 1000;
    }

    const late = (spec.lateSeries ?? []).filter(
      l => l.service === service.name,
    );
    const lateCounts = late.map(l => {
      const lateFirst = indexOf(l.at, `late series ${service.name}/${l.code}`);
      const counts = new Float64Array(sampleCount - lateFirst);
      for (let k = 1; k < counts.length; k++) {
        const j = lateFirst + k - firstIndex;
        counts[k] = Math.min(
          errors[j],
          Math.floor(errors[j] * l.share + random()),
        );
        errors[j] -= counts[k];
      }
      return { spec: l, firstIndex: lateFirst, counts };
    });

    const resets = new Set(
      (spec.counterResets ?? [])
        .filter(r => r.service === service.name)
        .map(r => indexOf(r.at, `counter reset of ${service.name}`)),
    );
    const initial = (scale: number) =>
      firstIndex === 0 ? Math.floor(scale * (1000 + 1000 * random())) : 0;
    const make = (
      name: string,
      labels: Record<string, string>,
      increments: Float64Array,
      first = firstIndex,
      initialValue = initial(service.requestsPerMinute),
    ): ScenarioSeries => {
      const created: ScenarioSeries = {
        name,
        labels,
        firstIndex: first,
        initialValue,
        increments,
        resets: new Set([...resets].filter(r => r > first)),
      };
      keepResetsVisible(created);
      series.push(created);
      return created;
    };

    const good = new Float64Array(length);
    for (let j = 0; j < length; j++) good[j] = requests[j] - errors[j];
    const okSeries = make(
      'http_requests_total',
      { service: service.name, code: '200' },
      good,
    );
    const errorSeries = make(
      'http_requests_total',
      { service: service.name, code: '500' },
      errors,
    );
    const lateSeries = lateCounts.map(l =>
      make(
        'http_requests_total',
        { service: service.name, code: l.spec.code },
        l.counts,
        l.firstIndex,
        0,
      ),
    );
    slis.set(`${service.name}:availability`, {
      sli: {
        kind: 'ratio',
        good: {
          selector: `http_requests_total{service="${service.name}",code!~"5.."}`,
        },
        total: { selector: `http_requests_total{service="${service.name}"}` },
      },
      good: [okSeries],
      total: [okSeries, errorSeries, ...lateSeries],
    });

    const histogram = 'http_request_duration_seconds';
    const bucketSeries = buckets.map((le, b) =>
      make(
        `${histogram}_bucket`,
        { service: service.name, le: openMetricsFloat(le) },
        bucketCounts[b],
      ),
    );
    const countInitial = initial(service.requestsPerMinute);
    make(
      `${histogram}_bucket`,
      { service: service.name, le: '+Inf' },
      requests,
      firstIndex,
      countInitial,
    );
    const countSeries = make(
      `${histogram}_count`,
      { service: service.name },
      requests,
      firstIndex,
      countInitial,
    );
    make(`${histogram}_sum`, { service: service.name }, latencySum);
    buckets.forEach((le, b) => {
      slis.set(`${service.name}:latency:${le}`, {
        sli: {
          kind: 'latency',
          mode: 'histogram',
          metric: `${histogram}{service="${service.name}"}`,
          threshold: le,
        },
        good: [bucketSeries[b]],
        total: [countSeries],
      });
    });
  }

  const groundTruth = createGroundTruth({ start, interval, slis });
  let text: string | undefined;
  const scenario: Scenario = {
    spec,
    start,
    end: spec.end,
    sampleIntervalSeconds: interval,
    series,
    groundTruth,
    get openMetricsText() {
      text ??= [...openMetricsChunks(scenario)].join('');
      return text;
    },
    openMetricsChunks: () => openMetricsChunks(scenario),
  };
  return scenario;
}

/**
 * Traffic over the day (busiest at 14:00 UTC, quietest at 02:00) and the
 * week (weekends at 60%), so that time-weighted and event-weighted
 * attainment differ the way they do in production.
 */
function trafficFactor(time: number): number {
  const hour = (time % 86400) / 3600;
  const weekday = new Date(time * 1000).getUTCDay();
  const weekend = weekday === 0 || weekday === 6 ? 0.6 : 1;
  return (1 + 0.6 * Math.sin((2 * Math.PI * (hour - 8)) / 24)) * weekend;
}

/**
 * Prometheus only sees a reset when the value drops. A restarted counter
 * whose first increment is at least its old value looks like plain growth
 * and loses the old value, so the scenario keeps such increments below the
 * old value: the ground truth then stays what Prometheus can know.
 */
function keepResetsVisible(series: ScenarioSeries): void {
  let value = series.initialValue;
  for (let j = 1; j < series.increments.length; j++) {
    if (series.resets.has(series.firstIndex + j)) {
      if (value > 0 && series.increments[j] >= value) {
        series.increments[j] = Math.max(0, Math.ceil(value) - 1);
      }
      value = series.increments[j];
    } else {
      value += series.increments[j];
    }
  }
}
