/**
 * Batched source queries against the real thing: Debian's Prometheus loaded
 * with known counters for services whose names need escaping in a regular
 * expression (dots, a pipe, a quote) beside the names a careless regex would
 * also match, a service that starts late, one with a counter reset and an
 * incident, and an SLO whose service has no data at all. Two collectors run
 * the same cycles at an evaluation time off the hour and off the 5-minute
 * grid, one asking each SLO alone and one in batches: every stored bucket
 * must be the same, bit for bit (the backfill's first buckets too, counted
 * from the first sample in batches), and the batched one must ask far fewer
 * queries and nothing alone.
 */
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  generateScenario,
  type ScenarioSpec,
} from '@internal/prometheus-fixture';
import { PrometheusSloSource } from '@slo-kit/plugin-slo-backend-module-prometheus';
import { sumBuckets } from '@slo-kit/plugin-slo-common';
import YAML from 'yaml';
import { SloCollector } from './collector/SloCollector';
import { readSloBackendConfig } from './config/readSloBackendConfig';
import { DatabaseSloStore } from './database/DatabaseSloStore';
import { CatalogSloDefinitionLoader } from './definitions/CatalogSloDefinitionLoader';
import { OpenSloReader } from './definitions/OpenSloReader';
import { SloSourceRegistry } from './sources/SloSourceRegistry';
import { useRealPrometheus } from './__testUtils__/realPrometheus';

jest.setTimeout(300_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

const DAY = 86400;
const END = 1_767_225_600; // 2026-01-01T00:00Z, on the sample grid
/** Off the hour and off the 5-minute grid: 37.5 minutes before the data ends. */
const NOW = END - 37 * 60 - 30;

const SERVICES = [
  'checkout',
  'api.v2',
  'apixv2',
  'a|b',
  'a',
  'say "hi"',
  'late',
];

function scenarioSpec(): ScenarioSpec {
  return {
    end: END,
    days: 10,
    seed: 16,
    services: SERVICES.map((name, index) => ({
      name,
      requestsPerMinute: 40 + 97 * index,
      errorRate: 0.002 * (index + 1),
      medianLatencySeconds: 0.05 + 0.04 * index,
      ...(name === 'late' ? { startsAt: END - 3 * DAY + 7 * 60 } : {}),
    })),
    incidents: [
      {
        service: 'a|b',
        start: END - 2 * DAY,
        durationSeconds: 3 * 3600,
        errorRate: 0.3,
        latencyFactor: 4,
      },
    ],
    counterResets: [{ service: 'api.v2', at: END - 4 * DAY + 3 * 60 }],
    latencyBuckets: [0.25],
  };
}

/** The bench's three SLOs of a service (bench/lib/scaleCatalog.mjs). */
function threeSlos(service: string) {
  const label = JSON.stringify(service);
  const good = `http_requests_total{service=${label},code!~"5.."}`;
  const total = `http_requests_total{service=${label}}`;
  return [
    {
      name: 'availability',
      objective: 99.9,
      window: '7d',
      sli: { ratio: { good, total } },
    },
    {
      name: 'latency',
      objective: 99,
      window: '7d',
      sli: {
        latency: {
          histogram: `http_request_duration_seconds{service=${label}}`,
          threshold: 0.25,
        },
      },
    },
    {
      name: 'good-five-minutes',
      objective: 95,
      window: '7d',
      sli: {
        timeSlice: { slice: '5m', ratio: { good, total }, threshold: 0.99 },
      },
    },
  ];
}

const entities: Entity[] = [...SERVICES, 'ghost'].map((service, index) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: `service-${index}`,
    namespace: 'default',
    annotations: { 'slo-kit.dev/slos': YAML.stringify(threeSlos(service)) },
  },
  spec: { type: 'service', owner: 'team', lifecycle: 'production' },
}));

describe('batched queries against a real Prometheus', () => {
  const scenario = generateScenario(scenarioSpec());
  const prometheus = useRealPrometheus(scenario);

  async function collectorWith(batch: boolean, clock: { now: number }) {
    const knex = await databases.init('SQLITE_3');
    const store = await DatabaseSloStore.create({
      database: { getClient: async () => knex },
    });
    const settings = readSloBackendConfig(
      new ConfigReader({
        slo: {
          defaultSource: 'fixture',
          sources: { prometheus: { fixture: { baseUrl: prometheus.url } } },
          collector: { backfillDays: 8 },
        },
      }),
    );
    const source = new PrometheusSloSource({
      name: 'fixture',
      baseUrl: prometheus.url,
      headers: {},
      timeoutMs: 30_000,
      maxConcurrentQueries: 4,
      maxPointsPerRequest: 10000,
      // Small enough that the backfill is asked in several batch queries.
      batch: { enabled: batch, maxValues: 100, maxPoints: 20_000 },
    });
    const collector = new SloCollector({
      catalog: catalogServiceMock({ entities }),
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
      store,
      sources: new SloSourceRegistry([source], 'fixture'),
      loader: new CatalogSloDefinitionLoader({
        knownSources: () => ['fixture'],
        openSlo: new OpenSloReader(mockServices.urlReader.mock()),
      }),
      clock: { now: () => clock.now },
      settings: settings.collector,
    });
    return { collector, store, source };
  }

  it('stores exactly the buckets single queries store, with far fewer queries', async () => {
    const clock = { now: NOW };
    const single = await collectorWith(false, clock);
    const batched = await collectorWith(true, clock);
    const sloIds = entities.flatMap(entity =>
      ['availability', 'latency', 'good-five-minutes'].map(
        name => `component:default/${entity.metadata.name}/${name}`,
      ),
    );

    const queries: Array<{ single: number; batched: number }> = [];
    // Requests the batched collector asks alone, per cycle.
    const alone: string[][] = [];
    const fetchBuckets = jest.spyOn(batched.source, 'fetchBuckets');
    // A backfill, then an incremental cycle ten minutes later.
    for (const at of [NOW, NOW + 10 * 60]) {
      clock.now = at;
      const one = await single.collector.collectOnce();
      fetchBuckets.mockClear();
      const many = await batched.collector.collectOnce();
      alone.push(
        fetchBuckets.mock.calls.map(
          ([request]) =>
            `${request.sloId}${
              request.countFromFirstSample ? ' (first sample)' : ''
            }`,
        ),
      );
      expect(one).toMatchObject({ slos: sloIds.length, failed: 0 });
      expect(many).toMatchObject({ slos: sloIds.length, failed: 0 });
      expect(one.batches.answered).toBe(0);
      expect(many.batches).toEqual({
        answered: expect.any(Number),
        fallbacks: [],
      });
      expect(many.batches.answered).toBeGreaterThanOrEqual(3);
      queries.push({ single: one.queries, batched: many.queries });
    }
    process.stderr.write(
      `Batched collection of ${
        sloIds.length
      } SLOs against real Prometheus: ${JSON.stringify(
        queries,
      )} queries (backfill, next cycle)\n`,
    );
    // The incremental cycle: one query per kind of SLI, against two per SLO.
    expect(queries[1]).toEqual({ single: 2 * sloIds.length, batched: 3 });
    // Nothing asked alone, not even the backfill's first-sample recounts of
    // the 14 event SLIs with data ('late' starts inside the backfill, so its
    // first bucket is counted from its first sample in a batch of its own).
    expect(alone).toEqual([[], []]);

    let compared = 0;
    for (const sloId of sloIds) {
      const range = { from: END - 9 * DAY, to: END };
      const expected = await single.store.readBuckets(sloId, range);
      const actual = await batched.store.readBuckets(sloId, range);
      expect({ sloId, buckets: actual }).toEqual({ sloId, buckets: expected });
      compared += expected.length;
      // 'ghost' has no series: no buckets, as its single query gives.
      const ghost = sloId.startsWith('component:default/service-7/');
      expect({ sloId, empty: expected.length === 0 }).toEqual({
        sloId,
        empty: ghost,
      });
    }
    expect(compared).toBeGreaterThan(10_000);

    // And both are the ground truth, regex-special names included.
    const at = NOW + 10 * 60;
    const collectedEnd = Math.floor(at / 300) * 300;
    for (const [index, service] of SERVICES.entries()) {
      const buckets = await batched.store.readBuckets(
        `component:default/service-${index}/availability`,
        { from: collectedEnd - 8 * DAY, to: collectedEnd },
      );
      const start = collectedEnd - 7 * DAY;
      const truth = scenario.groundTruth.events(
        `${service}:availability`,
        start,
        collectedEnd,
      );
      const stored = sumBuckets(buckets, start, collectedEnd);
      expect({ service, good: stored.good, total: stored.total }).toEqual({
        service,
        good: truth.good,
        total: truth.total,
      });
    }
  });
});
