/**
 * Two backend replicas on one PostgreSQL, as in production: each a full test
 * backend with the real database service and the real scheduler (the
 * collector is a global-scope task), both collecting from one real
 * Prometheus through a counting proxy that sees which replica asks. Every
 * cycle is run by one replica, the backfill is fetched once, the stored
 * buckets equal the ground truth, and both replicas answer every API call
 * identically.
 */
import { databaseServiceFactory } from '@backstage/backend-defaults/database';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  mockServices,
  startTestBackend,
  type TestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  DEMO_END,
  exactnessScenarioSpec,
  generateScenario,
  startPrometheus,
  type RunningPrometheus,
} from '@internal/prometheus-fixture';
import prometheusModule from '@slo-kit/plugin-slo-backend-module-prometheus';
import knexFactory, { type Knex } from 'knex';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import YAML from 'yaml';
import { DatabaseSloStore } from '../database/DatabaseSloStore';
import { sloPlugin } from '../plugin';
import { bucketMismatches } from './__testUtils__/bucketMismatches';
import {
  startFaultyProxy,
  type FaultyProxy,
} from './__testUtils__/startFaultyProxy';

jest.setTimeout(180_000);

const DAY = 86400;
const scenario = generateScenario(exactnessScenarioSpec());
const truth = scenario.groundTruth;
const NOW = DEMO_END - 2 * DAY;

const SLOS: Record<string, string> = {
  'component:default/checkout/availability': 'checkout:availability',
  'component:default/checkout/latency': 'checkout:latency:0.25',
  'component:default/late-service/availability': 'late-service:availability',
};
/** Source queries of one cycle after the backfill: good and total of each SLO. */
const QUERIES_PER_CYCLE = 2 * Object.keys(SLOS).length;
/**
 * The backfill fetches an hour-bucket range and a fine range per SLO, and
 * asks each range's first bucket with data again, counted from each series'
 * first sample: four times a cycle's queries.
 */
const BACKFILL_QUERIES = 4 * QUERIES_PER_CYCLE;

const ratio = (service: string) => ({
  ratio: {
    good: `http_requests_total{service="${service}",code!~"5.."}`,
    total: `http_requests_total{service="${service}"}`,
  },
});
const entity = (name: string, slos: unknown[]): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    namespace: 'default',
    annotations: { 'slo-kit.dev/slos': YAML.stringify(slos) },
  },
  spec: {
    type: 'service',
    owner: 'group:default/payments',
    lifecycle: 'production',
  },
});
const entities: Entity[] = [
  entity('checkout', [
    {
      name: 'availability',
      objective: 99.9,
      window: '7d',
      sli: ratio('checkout'),
    },
    {
      name: 'latency',
      objective: 99,
      window: '7d',
      sli: {
        latency: {
          histogram: 'http_request_duration_seconds{service="checkout"}',
          threshold: 0.25,
        },
      },
    },
  ]),
  entity('late-service', [
    {
      name: 'availability',
      objective: 99,
      window: '7d',
      sli: ratio('late-service'),
    },
  ]),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'payments', namespace: 'default' },
    spec: { type: 'team', children: [] },
  },
];

const CONNECTION_ENV = 'BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING';

describe('two backend replicas on one PostgreSQL', () => {
  const connection = process.env[CONNECTION_ENV];
  // Replicas need a server both can reach; SQLite in memory cannot be shared.
  if (!connection) {
    // eslint-disable-next-line jest/expect-expect -- fails with how to fix it
    it('needs PostgreSQL', () => {
      throw new Error(
        `Set ${CONNECTION_ENV} (scripts/test.sh starts the local server and sets it), e.g. postgresql://postgres:postgres@127.0.0.1:5432`,
      );
    });
    return;
  }

  const prefix = `slo_replicas_${randomBytes(4).toString('hex')}_`;
  let prometheus: RunningPrometheus;
  let proxy: FaultyProxy;
  const replicas: Array<{ name: string; backend: TestBackend }> = [];
  let admin: Knex;

  const startReplica = async (name: string) => {
    const backend = await startTestBackend({
      features: [
        sloPlugin,
        prometheusModule,
        catalogServiceMock.factory({ entities }),
        databaseServiceFactory,
        schedulerServiceFactory,
        mockServices.rootConfig.factory({
          data: {
            backend: {
              database: { client: 'pg', connection, prefix },
            },
            slo: {
              now: new Date(NOW * 1000).toISOString(),
              defaultSource: 'prom',
              sources: {
                prometheus: {
                  // The header tells the proxy which replica asks. Batching
                  // is off: the test tells cycles apart by counting each
                  // SLO's own queries (batches: batching.prometheus.test.ts).
                  prom: {
                    baseUrl: proxy.url,
                    headers: { 'X-Replica': name },
                    batch: false,
                  },
                },
              },
              collector: {
                frequency: { seconds: 2 },
                initialDelay: { milliseconds: 100 },
                backfillDays: 9,
              },
            },
          },
        }),
      ],
    });
    replicas.push({ name, backend });
    return backend;
  };

  beforeAll(async () => {
    prometheus = await startPrometheus({ scenario });
    proxy = await startFaultyProxy(() => prometheus.url);
    admin = knexFactory({ client: 'pg', connection });
  }, 120_000);

  afterAll(async () => {
    for (const { backend } of replicas) await backend.stop();
    await admin
      ?.raw(`DROP DATABASE IF EXISTS ?? WITH (FORCE)`, [`${prefix}slo`])
      .catch(() => {});
    await admin?.destroy();
    await proxy?.close();
    await prometheus?.stop();
  });

  it('collects each cycle on one replica only, and both answer alike', async () => {
    // One after the other, as a rolling deployment starts them; replicas
    // migrating at the same moment are covered by DatabaseSloStore.test.ts.
    const a = await startReplica('a');
    const b = await startReplica('b');

    const completedCycles = () =>
      Math.floor(
        (proxy.requests.length - BACKFILL_QUERIES) / QUERIES_PER_CYCLE,
      );
    /** Waits until `cycles` cycles after the backfill are done and no request is in flight. */
    const waitForCycles = async (cycles: number) => {
      const deadline = Date.now() + 60_000;
      for (;;) {
        const last = proxy.requests[proxy.requests.length - 1];
        const quiet = last !== undefined && Date.now() - last.receivedAt > 300;
        const aligned =
          (proxy.requests.length - BACKFILL_QUERIES) % QUERIES_PER_CYCLE === 0;
        if (completedCycles() >= cycles && quiet && aligned) return;
        if (Date.now() > deadline) {
          throw new Error(
            `Only ${proxy.requests.length} source requests after a minute`,
          );
        }
        await new Promise(resolve => setTimeout(resolve, 50));
      }
    };
    await waitForCycles(2);

    // The replica that runs the cycles goes away; another one joins.
    const stoppedAfter = proxy.requests.length;
    const owner = String(proxy.requests[stoppedAfter - 1].headers['x-replica']);
    const leaving = owner === 'a' ? a : b;
    await leaving.stop();
    replicas.splice(
      replicas.findIndex(r => r.backend === leaving),
      1,
    );
    const staying = owner === 'a' ? b : a;
    const joining = await startReplica('c');
    await waitForCycles(completedCycles() + 3);

    const asked = [...proxy.requests].map(r => ({
      replica: String(r.headers['x-replica']),
      start: Number(r.form.get('start')),
      end: Number(r.form.get('end')),
      step: Number(r.form.get('step')),
    }));

    // The backfill went out once, from one replica.
    const backfill = asked.slice(0, BACKFILL_QUERIES);
    expect(new Set(backfill.map(q => q.replica)).size).toBe(1);
    // Hour buckets: the range, then its first bucket again.
    expect(backfill.filter(q => q.step === 3600)).toHaveLength(
      2 * QUERIES_PER_CYCLE,
    );
    // After it, only the newest buckets are asked for (the two re-fetched ones).
    expect(
      asked.slice(BACKFILL_QUERIES).filter(q => q.end - q.start > 600),
    ).toEqual([]);
    // Then whole cycles, each from one replica: never two at once.
    const cycles: string[][] = [];
    for (
      let i = BACKFILL_QUERIES;
      i + QUERIES_PER_CYCLE <= asked.length;
      i += QUERIES_PER_CYCLE
    ) {
      cycles.push(asked.slice(i, i + QUERIES_PER_CYCLE).map(q => q.replica));
    }
    for (const cycle of cycles) {
      expect(new Set(cycle).size).toBe(1);
    }
    // The stopped replica never asked again; the others took over.
    const after = asked.slice(stoppedAfter).map(q => q.replica);
    expect(after.length).toBeGreaterThanOrEqual(3 * QUERIES_PER_CYCLE);
    expect(after).not.toContain(owner);
    process.stderr.write(
      `replicas: backfill by ${backfill[0].replica}, cycles by ${cycles
        .map(c => c[0])
        .join('')} (${owner} stopped after ${
        (stoppedAfter - BACKFILL_QUERIES) / QUERIES_PER_CYCLE
      })\n`,
    );

    // What they stored equals the ground truth, bucket by bucket.
    const knex = knexFactory({
      client: 'pg',
      connection: `${connection.replace(/\/$/, '')}/${prefix}slo`,
    });
    try {
      const store = await DatabaseSloStore.create({
        database: { getClient: async () => knex, migrations: { skip: true } },
      });
      const states = await store.getStates(Object.keys(SLOS));
      for (const [sloId, name] of Object.entries(SLOS)) {
        const state = states.get(sloId)!;
        expect(state.collectedUntil).toBe(NOW);
        const buckets = await store.readBuckets(sloId, {
          from: state.collectedFrom!,
          to: NOW,
        });
        expect({
          sloId,
          problems: bucketMismatches(
            buckets,
            (start, end) => truth.events(name, start, end),
            { from: state.collectedFrom!, to: NOW },
          ),
        }).toEqual({ sloId, problems: [] });
      }
    } finally {
      await knex.destroy();
    }

    // Both serve the same answers, while they go on collecting.
    const paths = [
      '/api/slo/entities/component/default/checkout/slos',
      '/api/slo/entities/component/default/late-service/slos',
      '/api/slo/scorecard',
      '/api/slo/scorecard?group=group:default/payments',
      '/api/slo/slos/series?entityRef=component:default/checkout&name=latency',
      '/api/slo/slos/history?entityRef=component:default/checkout&name=availability&period=week&count=4',
      '/api/slo/rules',
    ];
    for (const path of paths) {
      const [one, two] = await Promise.all(
        [staying, joining].map(backend => request(backend.server).get(path)),
      );
      expect({ path, status: one.status }).toEqual({ path, status: 200 });
      expect({ path, body: two.text }).toEqual({ path, body: one.text });
    }
  });
});
