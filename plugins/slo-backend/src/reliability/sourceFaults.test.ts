/**
 * Source faults against the real thing: two real Prometheus servers (Debian's
 * 2.42) serving synthetic data whose event counts are known exactly, one of
 * them behind a misbehaving HTTP proxy on 127.0.0.1. For every fault:
 *
 * - the affected SLO keeps its last good figures, marked `stale`, with the
 *   error, in the API;
 * - the other SLOs (same source and other source) go on as if nothing happened;
 * - after recovery the next cycle fills the gap so that every stored bucket
 *   equals the ground truth: nothing lost, nothing counted twice.
 */
/* eslint-disable jest/expect-expect -- the assertions live in faultStory() */
import { TestDatabases } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import {
  DEMO_END,
  exactnessScenarioSpec,
  generateScenario,
} from '@internal/prometheus-fixture';
import { PrometheusSloSource } from '@slo-kit/plugin-slo-backend-module-prometheus';
import type { SloStatus } from '@slo-kit/plugin-slo-common';
import YAML from 'yaml';
import { bucketMismatches } from './__testUtils__/bucketMismatches';
import {
  createSloHarness,
  type SloHarness,
} from './__testUtils__/createSloHarness';
import {
  startRestartablePrometheus,
  type RestartablePrometheus,
} from './__testUtils__/restartablePrometheus';
import {
  startFaultyProxy,
  type FaultAction,
  type FaultyProxy,
  type PrometheusJson,
} from './__testUtils__/startFaultyProxy';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const MINUTE = 60;
const HOUR = 3600;
const DAY = 86400;
const WINDOW = 7 * DAY;

const scenario = generateScenario(exactnessScenarioSpec());
const truth = scenario.groundTruth;

/** SLO id → where it is collected from and its ground-truth name. */
const SLOS = {
  // Direct to the first Prometheus: affected when that server is down.
  availability: {
    id: 'component:default/checkout/availability',
    truth: 'checkout:availability',
  },
  // Through the misbehaving proxy: affected by its faults (checkout queries only).
  latency: {
    id: 'component:default/checkout/latency',
    truth: 'checkout:latency:0.25',
  },
  // Same proxy, other service: never faulted.
  late: {
    id: 'component:default/late-service/availability',
    truth: 'late-service:availability',
  },
} as const;
type SloKey = keyof typeof SLOS;

const ratio = (service: string) => ({
  ratio: {
    good: `http_requests_total{service="${service}",code!~"5.."}`,
    total: `http_requests_total{service="${service}"}`,
  },
});
const component = (name: string, slos: unknown[]): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    namespace: 'default',
    annotations: { 'slo-kit.dev/slos': YAML.stringify(slos) },
  },
  spec: { type: 'service', owner: 'payments', lifecycle: 'production' },
});
const entities: Entity[] = [
  component('checkout', [
    {
      name: 'availability',
      objective: 99.9,
      window: '7d',
      source: 'east',
      sli: ratio('checkout'),
    },
    {
      name: 'latency',
      objective: 99,
      window: '7d',
      source: 'west',
      sli: {
        latency: {
          histogram: 'http_request_duration_seconds{service="checkout"}',
          threshold: 0.25,
        },
      },
    },
  ]),
  component('late-service', [
    {
      name: 'availability',
      objective: 99,
      window: '7d',
      source: 'west',
      sli: ratio('late-service'),
    },
  ]),
];

const iso = (seconds: number) => new Date(seconds * 1000).toISOString();

/** Events of an SLO's ground truth over the window ending at `at`. */
function windowTruth(key: SloKey, at: number) {
  return truth.events(SLOS[key].truth, at - WINDOW, at);
}

function statusOf(
  all: Record<string, Record<string, SloStatus>>,
  key: SloKey,
): SloStatus {
  const [, rest] = SLOS[key].id.split(':');
  const [, entity, name] = rest.split('/');
  return all[entity][name];
}

describe('source faults against a real Prometheus', () => {
  let prometheus: Awaited<ReturnType<typeof startRestartablePrometheus>>;
  let east: RestartablePrometheus;
  let proxy: FaultyProxy;

  beforeAll(async () => {
    prometheus = await startRestartablePrometheus(scenario, 2);
    [east] = prometheus.servers;
    const west = prometheus.servers[1];
    proxy = await startFaultyProxy(() => west.url);
  }, 120_000);

  afterAll(async () => {
    await proxy?.close();
    await prometheus?.dispose();
  });

  afterEach(async () => {
    // Each test leaves everything up and well-behaved for the next.
    proxy.fault = () => ({ kind: 'forward' });
    await east.start();
  });

  async function harness(): Promise<SloHarness> {
    const source = (name: string, baseUrl: string, timeoutMs: number) =>
      new PrometheusSloSource({
        name,
        baseUrl,
        headers: {},
        timeoutMs,
        maxConcurrentQueries: 4,
        maxPointsPerRequest: 10000,
      });
    return createSloHarness({
      databases,
      entities,
      sources: [
        source('east', east.url, 10_000),
        source('west', proxy.url, 1_000),
      ],
      defaultSource: 'east',
      slo: {
        collector: {
          // Eight days of 5-minute buckets and one of hour buckets.
          backfillDays: 9,
          requestTimeout: { seconds: 5 },
          maxAttempts: 2,
        },
      },
      now: 0,
    });
  }

  /** The API's view of every SLO. */
  async function api(h: SloHarness) {
    return {
      checkout: await h.slos('component:default/checkout'),
      'late-service': await h.slos('component:default/late-service'),
    };
  }

  /** Figures served for an SLO equal the ground truth over the window ending at `at`. */
  function expectFiguresAt(status: SloStatus, key: SloKey, at: number) {
    const [evaluation] = status.evaluations;
    const expected = windowTruth(key, at);
    expect({ key, at: iso(evaluation.at) }).toEqual({ key, at: iso(at) });
    expect(expected.total).toBeGreaterThan(0);
    expect(evaluation.total).toBeCloseTo(expected.total, 6);
    expect(evaluation.good).toBeCloseTo(expected.good, 6);
    expect(evaluation.sli).toBeCloseTo(expected.good / expected.total, 12);
  }

  /** Every stored bucket of every SLO equals the ground truth; no gap, no overlap. */
  async function expectStoredEqualsTruth(h: SloHarness, until: number) {
    for (const key of Object.keys(SLOS) as SloKey[]) {
      const { id } = SLOS[key];
      const state = (await h.store.getStates([id])).get(id)!;
      expect({ key, until: state.collectedUntil }).toEqual({ key, until });
      const buckets = await h.store.readBuckets(id, {
        from: state.collectedFrom!,
        to: until,
      });
      expect({
        key,
        problems: bucketMismatches(
          buckets,
          (start, end) => truth.events(SLOS[key].truth, start, end),
          { from: state.collectedFrom!, to: until },
        ),
      }).toEqual({ key, problems: [] });
    }
  }

  /**
   * The common story: collect at `before`, break something, run cycles at
   * `during` (each fails for `affected` only, with `error`), repair, collect
   * at `after`, then check that nothing was lost or counted twice.
   */
  async function faultStory(story: {
    affected: SloKey;
    before: number;
    during: number[];
    after: number;
    breakIt: () => Promise<void> | void;
    repair: () => Promise<void> | void;
    error: RegExp;
  }) {
    const h = await harness();
    const first = await h.cycle(story.before);
    expect(first).toMatchObject({ slos: 3, failed: 0 });

    await story.breakIt();
    for (const [index, at] of story.during.entries()) {
      const summary = await h.cycle(at);
      expect(summary).toMatchObject({ slos: 3, succeeded: 2, failed: 1 });
      expect(summary.errors[SLOS[story.affected].id]).toMatch(story.error);

      const served = await api(h);
      const affected = statusOf(served, story.affected);
      // Last good figures, at the end of what was collected, marked stale with the error.
      expectFiguresAt(affected, story.affected, story.before);
      expect(affected.evaluations[0].dataState).toBe('stale');
      expect(affected.collection.lastError).toMatch(story.error);
      expect(affected.collection.lastSuccessAt).toBe(iso(story.before));
      const state = (await h.store.getStates([SLOS[story.affected].id])).get(
        SLOS[story.affected].id,
      )!;
      expect(state.consecutiveFailures).toBe(index + 1);
      // The API serves the same count.
      expect(affected.collection.consecutiveFailures).toBe(index + 1);
      // Everyone else is current and exact.
      for (const key of Object.keys(SLOS) as SloKey[]) {
        if (key === story.affected) continue;
        const status = statusOf(served, key);
        expectFiguresAt(status, key, at);
        expect(status.evaluations[0].dataState).toBe('ok');
        expect(status.collection.lastError).toBeNull();
      }
    }

    await story.repair();
    const recovered = await h.cycle(story.after);
    expect(recovered).toMatchObject({ slos: 3, failed: 0 });
    const served = await api(h);
    for (const key of Object.keys(SLOS) as SloKey[]) {
      const status = statusOf(served, key);
      expectFiguresAt(status, key, story.after);
      expect(status.evaluations[0].dataState).toBe('ok');
    }
    await expectStoredEqualsTruth(h, story.after);
    return h;
  }

  /** Applies `action` to the proxy's checkout queries only. */
  const onCheckout = (action: FaultAction) => () => {
    proxy.fault = request =>
      // `service="checkout"` alone, `service=~"checkout"` in a batch of one.
      /service=~?"checkout"/.test(request.form.get('query') ?? '')
        ? action
        : { kind: 'forward' };
  };
  const repairProxy = () => {
    proxy.fault = () => ({ kind: 'forward' });
  };

  it('Prometheus down (stopped), with a counter reset inside the outage', async () => {
    // checkout's counters restart at END - 5d, while the server is down.
    await faultStory({
      affected: 'availability',
      before: DEMO_END - 5 * DAY - 2 * HOUR,
      during: [DEMO_END - 5 * DAY - HOUR, DEMO_END - 5 * DAY + HOUR],
      after: DEMO_END - 5 * DAY + 2 * HOUR,
      breakIt: () => east.stop(),
      repair: () => east.start(),
      error:
        /^SLO component:default\/checkout\/availability from Prometheus source 'east': cannot reach http:\/\/127\.0\.0\.1:\d+\/api\/v1\/query_range \(ECONNREFUSED\); check baseUrl and that the server is up/,
    });
  });

  it('HTTP 5xx, with an incident and a series appearing late inside the outage', async () => {
    // The incident starts at END - 3d; a new 503 series appears 2 minutes in.
    await faultStory({
      affected: 'latency',
      before: DEMO_END - 3 * DAY - HOUR,
      during: [
        DEMO_END - 3 * DAY + 30 * MINUTE,
        DEMO_END - 3 * DAY + 90 * MINUTE,
      ],
      after: DEMO_END - 3 * DAY + 3 * HOUR,
      breakIt: onCheckout({
        kind: 'reply',
        status: 503,
        body: JSON.stringify({
          status: 'error',
          errorType: 'unavailable',
          error: 'too many queries in flight',
        }),
      }),
      repair: repairProxy,
      error:
        /failed \(HTTP 503: unavailable: too many queries in flight\); will retry/,
    });
  });

  it('a load balancer answering 502 with an HTML page', async () => {
    await faultStory({
      affected: 'latency',
      before: DEMO_END - 2 * DAY,
      during: [DEMO_END - 2 * DAY + HOUR],
      after: DEMO_END - 2 * DAY + 2 * HOUR,
      breakIt: onCheckout({
        kind: 'reply',
        status: 502,
        contentType: 'text/html',
        body: '<html><body><h1>502 Bad Gateway</h1></body></html>',
      }),
      repair: repairProxy,
      error: /failed \(HTTP 502: <html><body><h1>502 Bad Gateway<\/h1>/,
    });
  });

  it('slow past the timeout', async () => {
    await faultStory({
      affected: 'latency',
      before: DEMO_END - 2 * DAY,
      during: [DEMO_END - 2 * DAY + HOUR],
      after: DEMO_END - 2 * DAY + 2 * HOUR,
      breakIt: onCheckout({ kind: 'delay', ms: 2_500 }),
      repair: repairProxy,
      error:
        /no answer from http:\/\/127\.0\.0\.1:\d+\/api\/v1\/query_range within 1 s; raise slo\.sources\.prometheus\.west\.timeout/,
    });
  });

  it('the connection dropped without an answer', async () => {
    await faultStory({
      affected: 'latency',
      before: DEMO_END - 2 * DAY,
      during: [DEMO_END - 2 * DAY + HOUR],
      after: DEMO_END - 2 * DAY + 2 * HOUR,
      breakIt: onCheckout({ kind: 'hangup' }),
      repair: repairProxy,
      error: /cannot reach http:\/\/127\.0\.0\.1:\d+\/api\/v1\/query_range/,
    });
  });

  it('malformed JSON (the answer cut off)', async () => {
    await faultStory({
      affected: 'latency',
      before: DEMO_END - DAY,
      during: [DEMO_END - DAY + HOUR],
      after: DEMO_END - DAY + 2 * HOUR,
      breakIt: onCheckout({
        kind: 'reply',
        status: 200,
        body: '{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[[1,"2"],',
      }),
      repair: repairProxy,
      error: /did not answer with Prometheus JSON/,
    });
  });

  it('JSON of the wrong shape (values that are not samples)', async () => {
    await faultStory({
      affected: 'latency',
      before: DEMO_END - DAY,
      during: [DEMO_END - DAY + HOUR, DEMO_END - DAY + 2 * HOUR],
      after: DEMO_END - DAY + 3 * HOUR,
      breakIt: onCheckout({
        kind: 'transform',
        transform: json => ({
          ...json,
          data: {
            resultType: 'matrix',
            result: json.data!.result.map(series => ({
              ...series,
              values: series.values.map(([time]) => [time, 'lots']),
            })),
          },
        }),
      }),
      repair: repairProxy,
      error: /answered with a sample value "lots", which is not a number/,
    });
  });

  it('partial results (a Thanos-style partial response with warnings)', async () => {
    const dropSecondHalf = (json: PrometheusJson): PrometheusJson => ({
      ...json,
      data: {
        ...json.data!,
        result: json.data!.result.map(series => ({
          ...series,
          values: series.values.slice(0, Math.ceil(series.values.length / 2)),
        })),
      },
      warnings: ['No StoreAPIs matched for this query: store 10.0.0.7 down'],
    });
    await faultStory({
      affected: 'latency',
      before: DEMO_END - DAY,
      during: [DEMO_END - DAY + HOUR],
      after: DEMO_END - DAY + 2 * HOUR,
      breakIt: onCheckout({ kind: 'transform', transform: dropSecondHalf }),
      repair: repairProxy,
      error:
        /answered with only part of the data \(No StoreAPIs matched for this query: store 10\.0\.0\.7 down\)/,
    });
  });

  it('a counter reset seen as a drop (a negative increase)', async () => {
    // A server that reads a restarted counter as a fall instead of a reset.
    const negativeMiddle = (json: PrometheusJson): PrometheusJson => ({
      ...json,
      data: {
        ...json.data!,
        result: json.data!.result.map(series => ({
          ...series,
          values: series.values.map(([time, value], i) =>
            i === Math.floor(series.values.length / 2)
              ? [time, String(-5000 - Number(value))]
              : [time, value],
          ),
        })),
      },
    });
    await faultStory({
      affected: 'latency',
      before: DEMO_END - DAY,
      during: [DEMO_END - DAY + HOUR],
      after: DEMO_END - DAY + 2 * HOUR,
      breakIt: onCheckout({ kind: 'transform', transform: negativeMiddle }),
      repair: repairProxy,
      error: /answered with a negative event count \(-\d+/,
    });
  });

  it('samples that arrive late are counted once the bucket is collected again', async () => {
    // Remote-write lag: the newest bucket holds only part of its samples the
    // first time it is collected. No error can be seen; the re-fetch of the
    // newest buckets on the next cycle must replace the figure, not add to it.
    const h = await harness();
    const start = DEMO_END - DAY;
    expect(await h.cycle(start)).toMatchObject({ failed: 0 });
    const halveNewest = (json: PrometheusJson): PrometheusJson => ({
      ...json,
      data: {
        ...json.data!,
        result: json.data!.result.map(series => ({
          ...series,
          values: series.values.map(([time, value], i) =>
            i === series.values.length - 1
              ? [time, String(Number(value) / 2)]
              : [time, value],
          ),
        })),
      },
    });
    proxy.fault = () => ({ kind: 'transform', transform: halveNewest });
    for (const at of [start + 5 * MINUTE, start + 10 * MINUTE]) {
      expect(await h.cycle(at)).toMatchObject({ failed: 0 });
    }
    const latency = SLOS.latency;
    const newest = await h.store.readBuckets(latency.id, {
      from: start + 5 * MINUTE,
      to: start + 10 * MINUTE,
    });
    // Under-counted for now, as the source answered.
    expect(newest[0].total).toBeCloseTo(
      truth.events(latency.truth, start + 5 * MINUTE, start + 10 * MINUTE)
        .total / 2,
      6,
    );
    proxy.fault = () => ({ kind: 'forward' });
    expect(await h.cycle(start + 15 * MINUTE)).toMatchObject({ failed: 0 });
    await expectStoredEqualsTruth(h, start + 15 * MINUTE);
  });

  it('a long outage spanning the change from hour buckets to 5-minute buckets', async () => {
    // Down for two days: the gap is filled partly in hour buckets (past the
    // fine-retention boundary) and partly in 5-minute buckets, never both for
    // the same hour.
    await faultStory({
      affected: 'availability',
      before: DEMO_END - 12 * DAY,
      during: [DEMO_END - 11 * DAY],
      after: DEMO_END - 3 * DAY + 30 * MINUTE,
      breakIt: () => east.stop(),
      repair: () => east.start(),
      error: /cannot reach/,
    });
  });
});
