/**
 * A collector killed with SIGKILL in the middle of a collection cycle, on a
 * SQLite file and on PostgreSQL: the collector runs in a child process with
 * the real store and Prometheus source; a proxy in front of a real
 * Prometheus kills it while it is fetching or storing. After every kill what
 * is stored is consistent (each bucket equals the ground truth, nothing
 * overlaps, nothing recorded as collected is missing); a restarted process
 * resumes from there, and the history from before the kill is intact.
 */
import { TestDatabases } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import {
  DEMO_END,
  exactnessScenarioSpec,
  generateScenario,
  startPrometheus,
  type RunningPrometheus,
} from '@internal/prometheus-fixture';
import type { EventBucket } from '@slo-kit/plugin-slo-common';
import knexFactory, { type Knex } from 'knex';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { DatabaseSloStore } from '../database/DatabaseSloStore';
import { testDatabaseIds } from '../database/testDatabaseIds';
import { bucketMismatches } from './__testUtils__/bucketMismatches';
import type { CollectorJob } from './__testUtils__/collectorProcess';
import {
  startCollectorProcess,
  type CollectorProcess,
} from './__testUtils__/startCollectorProcess';
import {
  startFaultyProxy,
  type FaultyProxy,
} from './__testUtils__/startFaultyProxy';

jest.setTimeout(180_000);

const HOUR = 3600;
const DAY = 86400;
const scenario = generateScenario(exactnessScenarioSpec());
const truth = scenario.groundTruth;

const SLOS: Record<string, string> = {
  'component:default/checkout/availability': 'checkout:availability',
  'component:default/checkout/latency': 'checkout:latency:0.25',
  'component:default/late-service/availability': 'late-service:availability',
};

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
  spec: { type: 'service', owner: 'payments', lifecycle: 'production' },
});
const entities = [
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
];

// The first cycle backfills nine days; the counter reset at END - 5d falls
// between the killed cycle and the one that completes it.
const T1 = DEMO_END - 5 * DAY - HOUR;
const T2 = T1 + 2 * HOUR;
const T3 = T2 + HOUR;

/** A database both the test and the child processes open. */
interface SharedDatabase {
  label: string;
  /** For the child's knex. */
  childConfig: Knex.Config;
  knex: Knex;
  dispose(): Promise<void>;
}

async function sqliteFile(): Promise<SharedDatabase> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'slo-restart-'));
  const config: Knex.Config = {
    client: 'better-sqlite3',
    connection: { filename: path.join(dir, 'slo.sqlite') },
    useNullAsDefault: true,
  };
  const knex = knexFactory(config);
  return {
    label: 'a SQLite file',
    childConfig: config,
    knex,
    async dispose() {
      await knex.destroy();
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}

const postgresIds = testDatabaseIds().filter(id => id.startsWith('POSTGRES'));
const databases = TestDatabases.create({ ids: postgresIds });

async function postgres(
  id: (typeof postgresIds)[number],
): Promise<SharedDatabase> {
  const knex = await databases.init(id);
  const { database } = knex.client.config.connection as { database: string };
  // TestDatabases connects with this server; the child opens the same database on it.
  const url = new URL(
    process.env[
      `BACKSTAGE_TEST_DATABASE_${id.replace('_', '')}_CONNECTION_STRING`
    ]!,
  );
  url.pathname = `/${database}`;
  return {
    label: `PostgreSQL (${id})`,
    childConfig: { client: 'pg', connection: url.toString() },
    knex,
    dispose: async () => {},
  };
}

const targets: Array<[string, () => Promise<SharedDatabase>]> = [
  ['a SQLite file', sqliteFile],
  ...postgresIds.map(
    id =>
      [`PostgreSQL ${id}`, () => postgres(id)] as [
        string,
        () => Promise<SharedDatabase>,
      ],
  ),
];

/** Which cycle a request belongs to: its evaluation range ends at that cycle's time. */
const endOf = (form: URLSearchParams) => Number(form.get('end'));

describe('a collector killed mid-cycle', () => {
  let prometheus: RunningPrometheus;
  let proxy: FaultyProxy;

  beforeAll(async () => {
    prometheus = await startPrometheus({ scenario });
    proxy = await startFaultyProxy(() => prometheus.url);
  }, 120_000);

  afterAll(async () => {
    await proxy?.close();
    await prometheus?.stop();
  });

  it.each(targets)(
    'on %s: resumes without losing or doubling a bucket',
    async (_label, open) => {
      const db = await open();
      try {
        const job = (cycles: number[]): CollectorJob => ({
          database: db.childConfig,
          prometheusUrl: proxy.url,
          entities,
          slo: {
            defaultSource: 'prom',
            collector: { backfillDays: 9, maxAttempts: 1 },
          },
          cycles,
        });
        const store = await DatabaseSloStore.create({
          database: { getClient: async () => db.knex },
        });

        /** What is recorded as collected is exactly the ground truth, whatever the moment of death. */
        const expectConsistent = async (when: string) => {
          const states = await store.getStates(Object.keys(SLOS));
          for (const [sloId, name] of Object.entries(SLOS)) {
            const state = states.get(sloId);
            if (
              state?.collectedUntil === null ||
              state?.collectedUntil === undefined
            )
              continue;
            const buckets = await store.readBuckets(sloId, {
              from: state.collectedFrom!,
              to: state.collectedUntil,
            });
            const problems = bucketMismatches(
              buckets,
              (start, end) => truth.events(name, start, end),
              { from: state.collectedFrom!, to: state.collectedUntil },
            );
            expect({ when, sloId, problems }).toEqual({
              when,
              sloId,
              problems: [],
            });
          }
          return states;
        };

        // 1. Killed during the first backfill, while waiting for Prometheus. Before
        //    an SLO stores anything it makes at most four requests (good and total
        //    for its hour buckets, then again for the first bucket with data,
        //    counted from each series' first sample): with three SLOs, the
        //    thirteenth request only goes out once an SLO has stored its hour buckets.
        let backfillRequests = 0;
        // The process the proxy kills; each restart replaces it.
        let running: CollectorProcess | undefined;
        proxy.fault = () => {
          backfillRequests += 1;
          if (backfillRequests === 13) {
            running!.kill();
            return { kind: 'hangup' };
          }
          return { kind: 'forward' };
        };
        const first = (running = startCollectorProcess(job([T1])));
        expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });
        expect(first.cyclesDone).toEqual([]);
        const afterFirstKill = await expectConsistent(
          'after the kill during backfill',
        );
        const started = [...afterFirstKill.values()].filter(
          s => s.collectedUntil !== null,
        );
        expect(started.length).toBeGreaterThan(0);

        // History stored before the next kill: the hour buckets must survive it untouched.
        const history = new Map<string, EventBucket[]>();
        for (const sloId of Object.keys(SLOS)) {
          history.set(
            sloId,
            (
              await store.readBuckets(sloId, { from: T1 - 10 * DAY, to: T1 })
            ).filter(b => b.durationSeconds === HOUR),
          );
        }

        // 2. Restarted: finishes the backfill, then is killed in the next cycle
        //    just after Prometheus answered, i.e. while it stores.
        const requestsBefore = proxy.requests.length;
        let nextCycleRequests = 0;
        proxy.fault = request => {
          if (endOf(request.form) > T1) {
            nextCycleRequests += 1;
            if (nextCycleRequests === 3) {
              setTimeout(() => running!.kill(), Math.random() * 30);
            }
          }
          return { kind: 'forward' };
        };
        const second = (running = startCollectorProcess(job([T1, T2])));
        expect(await second.exited).toMatchObject({ signal: 'SIGKILL' });
        expect(second.cyclesDone).toEqual([T1]);
        // It resumed: the SLOs that had their hour buckets did not fetch them again
        // (an SLO that had not started asks for its hours twice over: good and
        // total, then the first bucket with data counted from its first sample).
        const hourRequests = proxy.requests
          .slice(requestsBefore)
          .filter(r => r.form.get('step') === String(HOUR));
        expect(hourRequests.length).toBeLessThanOrEqual(
          4 * (3 - started.length),
        );
        await expectConsistent('after the kill while storing');

        // 3. Restarted: finishes that cycle, then is killed at the end of the
        //    next one, after its last answer: while storing, compacting the
        //    buckets that aged past fineRetentionDays, or recording the run.
        //    The kill is timed from the moment the last answer goes out, not
        //    from its request: what follows the answer takes only milliseconds,
        //    while Prometheus may take longer than that to answer.
        let lastCycleRequests = 0;
        proxy.fault = request => {
          if (endOf(request.form) > T2) {
            lastCycleRequests += 1;
            if (lastCycleRequests === 6) {
              return {
                kind: 'transform',
                transform: json => {
                  setTimeout(() => running!.kill(), 1 + Math.random() * 3);
                  return json;
                },
              };
            }
          }
          return { kind: 'forward' };
        };
        const third = (running = startCollectorProcess(job([T2, T3])));
        expect(await third.exited).toMatchObject({ signal: 'SIGKILL' });
        expect(third.cyclesDone).toEqual([T2]);
        await expectConsistent('after the kill at the end of a cycle');

        // 4. Restarted again, undisturbed.
        proxy.fault = () => ({ kind: 'forward' });
        const fourth = startCollectorProcess(job([T3]));
        const exit = await fourth.exited;
        expect({
          exit,
          stderr: exit.code === 0 ? '' : fourth.stderr(),
        }).toEqual({
          exit: { code: 0, signal: null },
          stderr: '',
        });
        expect(fourth.cyclesDone).toEqual([T3]);

        const states = await expectConsistent('after the restart');
        for (const [sloId, name] of Object.entries(SLOS)) {
          const state = states.get(sloId)!;
          // Collected up to now, from the first backfill's start: nothing dropped or re-collected.
          expect({
            sloId,
            until: state.collectedUntil,
            from: state.collectedFrom,
          }).toEqual({
            sloId,
            until: T3,
            from: Math.ceil((T1 - 9 * DAY) / HOUR) * HOUR,
          });
          expect(state.lastError).toBeNull();
          const hours = (
            await store.readBuckets(sloId, { from: T1 - 10 * DAY, to: T1 })
          ).filter(b => b.durationSeconds === HOUR);
          for (const bucket of history.get(sloId)!) {
            expect(hours).toContainEqual(bucket);
          }
          expect(truth.events(name, T1 - 7 * DAY, T3).total).toBeGreaterThan(0);
        }
        // One registry row per SLO, whatever the kills.
        const registered = await db.knex('slo_registry').count({ n: '*' });
        expect(Number(registered[0].n)).toBe(3);
      } finally {
        await db.dispose();
      }
    },
  );
});
