import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { PrometheusSloSource } from '@slo-kit/plugin-slo-backend-module-prometheus';
import type { SloDefinition } from '@slo-kit/plugin-slo-common';
import {
  SloSourceError,
  type SloBatchResult,
  type SloSourceRequest,
} from '@slo-kit/plugin-slo-node';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readSloBackendConfig } from '../../config/readSloBackendConfig';
import { DatabaseSloStore } from '../../database/DatabaseSloStore';
import { SloSourceRegistry } from '../../sources/SloSourceRegistry';
import { FakeSloSource } from '../../testing/FakeSloSource';
import { component, MapLoader, ratioSlo } from '../../testing/testDefinitions';
import { SloCollector } from '../SloCollector';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const T0 = 1_740_787_200; // 2025-03-01T00:00:00Z

/** A fake source that batches every request of the same range, like Prometheus would. */
class BatchingFakeSource extends FakeSloSource {
  readonly batches: string[][] = [];
  /** Fails a batch holding this SLO, and the SLO's own requests. */
  badSloId?: string;

  planBatches(requests: readonly SloSourceRequest[]): SloSourceRequest[][] {
    const byRange = new Map<string, SloSourceRequest[]>();
    for (const request of requests) {
      const key = `${request.start}/${request.end}/${request.bucketSeconds}`;
      byRange.set(key, [...(byRange.get(key) ?? []), request]);
    }
    return [...byRange.values()].filter(group => group.length > 1);
  }

  async fetchBatch(
    requests: readonly SloSourceRequest[],
  ): Promise<SloBatchResult> {
    this.batches.push(requests.map(request => request.sloId));
    if (requests.some(request => request.sloId === this.badSloId)) {
      throw new SloSourceError(
        `parse error: unexpected character in the selector of ${this.badSloId}`,
        { retryable: false },
      );
    }
    const results = [];
    for (const request of requests) {
      results.push({
        buckets: (await super.fetchBuckets(request)).buckets,
      });
    }
    // super.fetchBuckets recorded them as single requests; they were not.
    this.requests.splice(-requests.length);
    return { results, queryCount: 1 };
  }
}

async function setup(
  definitions: SloDefinition[],
  source: FakeSloSource | PrometheusSloSource,
) {
  const knex = await databases.init('SQLITE_3');
  const store = await DatabaseSloStore.create({
    database: { getClient: async () => knex },
  });
  const clock = { now: T0 };
  const byEntity: Record<string, SloDefinition[]> = {};
  for (const definition of definitions) {
    (byEntity[definition.entityRef] ??= []).push(definition);
  }
  const collector = new SloCollector({
    catalog: catalogServiceMock({
      entities: Object.keys(byEntity).map(ref => component(ref.split('/')[1])),
    }),
    auth: mockServices.auth(),
    logger: mockServices.logger.mock(),
    store,
    sources: new SloSourceRegistry([source], source.name),
    loader: new MapLoader(byEntity),
    clock: { now: () => clock.now },
    settings: readSloBackendConfig(
      new ConfigReader({ slo: { collector: { backfillDays: 3 } } }),
    ).collector,
    sleep: async () => {},
    retryBaseDelayMs: 1,
  });
  return { collector, store, clock };
}

const slos = ['a', 'b', 'c', 'd'].map(name =>
  ratioSlo(`component:default/${name}`, 'availability'),
);

describe('batched collection', () => {
  it('stores what single requests store, with one request per batch', async () => {
    const single = await setup(slos, new FakeSloSource());
    const source = new BatchingFakeSource();
    const batched = await setup(slos, source);
    const one = await single.collector.collectOnce();
    const many = await batched.collector.collectOnce();
    expect(many).toMatchObject({ failed: 0, succeeded: 4 });
    expect(many.batches.fallbacks).toEqual([]);
    expect(many.batches.answered).toBe(source.batches.length);
    expect(many.queries).toBeLessThan(one.queries);
    for (const slo of slos) {
      const range = { from: T0 - 4 * 86400, to: T0 };
      expect(await batched.store.readBuckets(slo.id, range)).toEqual(
        await single.store.readBuckets(slo.id, range),
      );
    }
  });

  it('asks each SLO alone when its batch fails: only the bad one fails, with its own error', async () => {
    const source = new BatchingFakeSource();
    source.badSloId = slos[1].id;
    source.beforeAnswer = request => {
      if (request.sloId === slos[1].id) {
        throw new SloSourceError(
          `SLO ${slos[1].id}: PromQL error: unexpected character`,
          { retryable: false },
        );
      }
    };
    const { collector, store } = await setup(slos, source);
    const summary = await collector.collectOnce();
    expect(summary).toMatchObject({ failed: 1, succeeded: 3 });
    expect(summary.errors).toEqual({
      [slos[1].id]: expect.stringContaining(
        'PromQL error: unexpected character',
      ),
    });
    expect(summary.batches.fallbacks).toEqual([
      expect.objectContaining({
        source: 'fake',
        sloIds: slos.map(slo => slo.id),
        reason: expect.stringContaining(`selector of ${slos[1].id}`),
      }),
      ...summary.batches.fallbacks.slice(1),
    ]);
    const states = await store.getStates(slos.map(slo => slo.id));
    expect(states.get(slos[1].id)?.lastError).toContain('unexpected character');
    for (const slo of [slos[0], slos[2], slos[3]]) {
      expect(states.get(slo.id)?.lastError ?? null).toBeNull();
      expect(
        (await store.readBuckets(slo.id, { from: T0 - 86400, to: T0 })).length,
      ).toBeGreaterThan(0);
    }
  });
});

/** The bench's three SLOs of a service (bench/lib/scaleCatalog.mjs), as definitions. */
function benchSlos(service: string): SloDefinition[] {
  const entityRef = `component:default/${service}`;
  const good = `http_requests_total{service="${service}",code!~"5.."}`;
  const total = `http_requests_total{service="${service}"}`;
  return [
    ratioSlo(entityRef, 'availability', {
      sli: {
        kind: 'ratio',
        good: { selector: good },
        total: { selector: total },
      },
    }),
    ratioSlo(entityRef, 'latency', {
      sli: {
        kind: 'latency',
        mode: 'histogram',
        metric: `http_request_duration_seconds{service="${service}"}`,
        threshold: 0.25,
      },
    }),
    ratioSlo(entityRef, 'good-five-minutes', {
      sli: {
        kind: 'timeSlice',
        sliceSeconds: 300,
        operator: '>=',
        threshold: 0.99,
        value: { good: { selector: good }, total: { selector: total } },
      },
    }),
  ];
}

describe('queries per cycle for the bench catalog', () => {
  it('falls to at most SLOs / 20 for 102 SLOs against a Prometheus API', async () => {
    let queries = 0;
    const server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        queries++;
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(
          JSON.stringify({
            status: 'success',
            data: { resultType: 'matrix', result: [] },
          }),
        );
      });
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const services = Array.from(
        { length: 34 },
        (_, i) => `svc-${String(i).padStart(4, '0')}`,
      );
      const definitions = services.flatMap(benchSlos);
      expect(definitions).toHaveLength(102);
      const source = new PrometheusSloSource({
        name: 'prometheus',
        baseUrl: `http://127.0.0.1:${port}`,
        headers: {},
        timeoutMs: 5000,
        maxConcurrentQueries: 4,
        maxPointsPerRequest: 10000,
      });
      const { collector, clock } = await setup(definitions, source);
      await collector.collectOnce(); // the backfill
      clock.now += 300;
      queries = 0;
      const summary = await collector.collectOnce();
      expect(summary).toMatchObject({ slos: 102, failed: 0 });
      // One query per SLI shape: ratio, histogram, time slice.
      expect(queries).toBe(3);
      expect(summary.queries).toBe(queries);
      expect(queries).toBeLessThanOrEqual(102 / 20);
    } finally {
      server.closeAllConnections();
      await new Promise(resolve => server.close(resolve));
    }
  });
});
