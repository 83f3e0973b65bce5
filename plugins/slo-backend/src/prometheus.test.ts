/**
 * The whole path against the real thing: Debian's Prometheus loaded with 35
 * days of synthetic counters and histograms whose event counts are known
 * exactly (an incident, counter resets, a series appearing mid-bucket, a
 * service starting late). The collector's stored buckets, the API's figures
 * and `yarn slo evaluate` must all equal the ground truth over 30d, 7d and 1h,
 * for a ratio and a latency SLI.
 */
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  DEMO_END,
  exactnessScenarioSpec,
  generateScenario,
} from '@internal/prometheus-fixture';
import { PrometheusSloSource } from '@slo-kit/plugin-slo-backend-module-prometheus';
import {
  sumBuckets,
  type EntitySlosResponse,
} from '@slo-kit/plugin-slo-common';
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import YAML from 'yaml';
import { main } from './cli/main';
import type { CliEvaluation } from './cli/evaluateFromSources';
import { SloCollector } from './collector/SloCollector';
import { readSloBackendConfig } from './config/readSloBackendConfig';
import { DatabaseSloStore } from './database/DatabaseSloStore';
import { CatalogSloDefinitionLoader } from './definitions/CatalogSloDefinitionLoader';
import { OpenSloReader } from './definitions/OpenSloReader';
import { SloSourceRegistry } from './sources/SloSourceRegistry';
import {
  prometheusAppConfig,
  startSloBackend,
  useRealPrometheus,
} from './__testUtils__/realPrometheus';

jest.setTimeout(180_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

const HOUR = 3600;
const DAY = 86400;
const OBJECTIVE = 0.999;
const LATENCY_OBJECTIVE = 0.99;

/** SLO name in the catalog → SLI name in the fixture's ground truth. */
const SLIS: Record<string, string> = {
  'component:default/checkout/availability': 'checkout:availability',
  'component:default/checkout/latency': 'checkout:latency:0.25',
  'component:default/late-service/availability': 'late-service:availability',
};
const WINDOWS: Array<[string, number]> = [
  ['30d', 30 * DAY],
  ['7d', 7 * DAY],
  ['1h', HOUR],
];

const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'checkout',
      namespace: 'default',
      annotations: {
        'slo-kit.dev/slos': YAML.stringify([
          {
            name: 'availability',
            objective: OBJECTIVE * 100,
            window: '30d',
            sli: {
              ratio: {
                good: 'http_requests_total{service="checkout",code!~"5.."}',
                total: 'http_requests_total{service="checkout"}',
              },
            },
          },
          {
            name: 'latency',
            objective: LATENCY_OBJECTIVE * 100,
            window: '30d',
            sli: {
              latency: {
                histogram: 'http_request_duration_seconds{service="checkout"}',
                threshold: 0.25,
              },
            },
          },
        ]),
      },
    },
    spec: { type: 'service', owner: 'payments', lifecycle: 'production' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'late-service',
      namespace: 'default',
      annotations: {
        'slo-kit.dev/slos': YAML.stringify([
          {
            name: 'availability',
            objective: OBJECTIVE * 100,
            window: '7d',
            sli: {
              ratio: {
                good: 'http_requests_total{service="late-service",code!~"5.."}',
                total: 'http_requests_total{service="late-service"}',
              },
            },
          },
        ]),
      },
    },
    spec: { type: 'service', owner: 'payments', lifecycle: 'production' },
  },
];

function expectExact(
  label: string,
  actual: { good: number; total: number },
  expected: { good: number; total: number },
) {
  const relative = (a: number, b: number) =>
    b === 0 ? Math.abs(a) : Math.abs(a - b) / Math.abs(b);
  expect({
    label,
    total: expected.total > 0,
    good: relative(actual.good, expected.good) <= 1e-9,
    totalExact: relative(actual.total, expected.total) <= 1e-9,
  }).toEqual({ label, total: true, good: true, totalExact: true });
}

function expectClose(label: string, actual: number | null, expected: number) {
  expect({
    label,
    ok:
      actual !== null &&
      Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected)),
    actual,
    expected,
  }).toMatchObject({
    label,
    ok: true,
  });
}

describe('against a real Prometheus', () => {
  const scenario = generateScenario(exactnessScenarioSpec());
  const truth = scenario.groundTruth;
  const bad = (name: string, start: number, end: number) => {
    const events = truth.events(name, start, end);
    return { ...events, bad: events.total - events.good };
  };
  const prometheus = useRealPrometheus(scenario);
  const appConfig = () =>
    prometheusAppConfig(prometheus.url, { now: DEMO_END, backfillDays: 35 });

  it('stores buckets whose sums equal the ground truth (30d, 7d, 1h; ratio and latency)', async () => {
    const knex = await databases.init('SQLITE_3');
    const store = await DatabaseSloStore.create({
      database: { getClient: async () => knex },
    });
    const settings = readSloBackendConfig(new ConfigReader(appConfig()));
    const sources = new SloSourceRegistry(
      [
        new PrometheusSloSource({
          name: 'fixture',
          baseUrl: prometheus.url,
          headers: {},
          timeoutMs: 30_000,
          maxConcurrentQueries: 4,
          maxPointsPerRequest: 10000,
        }),
      ],
      'fixture',
    );
    const collector = new SloCollector({
      catalog: catalogServiceMock({ entities }),
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
      store,
      sources,
      loader: new CatalogSloDefinitionLoader({
        knownSources: () => ['fixture'],
        openSlo: new OpenSloReader(mockServices.urlReader.mock()),
      }),
      clock: { now: () => DEMO_END },
      settings: settings.collector,
    });
    const summary = await collector.collectOnce();
    expect(summary).toMatchObject({ slos: 3, failed: 0 });
    process.stderr.write(
      `SLO collection against real Prometheus: 3 SLOs, 35 days backfill, ${summary.queries} queries, ${summary.bucketsWritten} buckets in ${summary.durationMs} ms\n`,
    );

    for (const [sloId, sli] of Object.entries(SLIS)) {
      const buckets = await store.readBuckets(sloId, {
        from: DEMO_END - 31 * DAY,
        to: DEMO_END,
      });
      for (const [label, seconds] of WINDOWS) {
        const start = DEMO_END - seconds;
        expectExact(
          `${sloId} ${label}`,
          sumBuckets(buckets, start, DEMO_END),
          truth.events(sli, start, DEMO_END),
        );
      }
    }

    // Another cycle re-fetches the newest buckets and counts nothing twice.
    await collector.collectOnce();
    const buckets = await store.readBuckets(
      'component:default/checkout/availability',
      {
        from: DEMO_END - 8 * DAY,
        to: DEMO_END,
      },
    );
    expectExact(
      'after a second cycle',
      sumBuckets(buckets, DEMO_END - 7 * DAY, DEMO_END),
      truth.events('checkout:availability', DEMO_END - 7 * DAY, DEMO_END),
    );
  });

  it('serves API figures equal to the ground truth', async () => {
    const server = await startSloBackend(entities, appConfig());
    const res = await request(server).get(
      '/api/slo/entities/component/default/checkout/slos',
    );
    expect(res.status).toBe(200);
    const body = res.body as EntitySlosResponse;
    const checks: Array<[string, string, number]> = [
      ['availability', 'checkout:availability', OBJECTIVE],
      ['latency', 'checkout:latency:0.25', LATENCY_OBJECTIVE],
    ];
    for (const [name, sli, objective] of checks) {
      const status = body.slos.find(s => s.definition.name === name)!;
      const [evaluation] = status.evaluations;
      const month = bad(sli, DEMO_END - 30 * DAY, DEMO_END);
      const hour = bad(sli, DEMO_END - HOUR, DEMO_END);
      expect(evaluation.at).toBe(DEMO_END);
      expectExact(`${name} 30d`, evaluation, month);
      expectClose(`${name} sli`, evaluation.sli, month.good / month.total);
      expectClose(
        `${name} budget`,
        evaluation.errorBudget.remainingFraction,
        1 - month.bad / (month.total * (1 - objective)),
      );
      expectClose(
        `${name} burn 1h`,
        evaluation.burnRates['1h'],
        hour.bad / hour.total / (1 - objective),
      );
      expect(evaluation.dataState).toBe('ok');
    }
  });

  it('yarn slo evaluate prints figures equal to the ground truth', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'slo-cli-'));
    const catalogFile = path.join(dir, 'catalog-info.yaml');
    const configFile = path.join(dir, 'app-config.yaml');
    await fs.writeFile(
      catalogFile,
      entities.map(e => YAML.stringify(e)).join('---\n'),
    );
    await fs.writeFile(configFile, YAML.stringify(appConfig()));
    const args = [
      'evaluate',
      catalogFile,
      '--config',
      configFile,
      '--at',
      String(DEMO_END),
      '--format',
      'json',
    ];

    let out = '';
    const code = await main(args, {
      out: text => (out += text),
      err: () => {},
    });
    expect(code).toBe(0);
    const rows = JSON.parse(out) as CliEvaluation[];
    expect(rows.map(r => `${r.entityRef}/${r.name}`)).toEqual(
      Object.keys(SLIS),
    );
    for (const row of rows) {
      const sli = SLIS[`${row.entityRef}/${row.name}`];
      const windowSeconds = row.window === '7d' ? 7 * DAY : 30 * DAY;
      const window = bad(sli, DEMO_END - windowSeconds, DEMO_END);
      const hour = bad(sli, DEMO_END - HOUR, DEMO_END);
      expectExact(`${row.name} window`, row, window);
      expectClose(`${row.name} sli`, row.sli, window.good / window.total);
      expectClose(
        `${row.name} budget`,
        row.errorBudgetRemaining,
        1 - window.bad / (window.total * (1 - row.objective)),
      );
      expectClose(
        `${row.name} burn 1h`,
        row.burnRates['1h'],
        hour.bad / hour.total / (1 - row.objective),
      );
    }

    // The launcher runs the same code with plain node, no build step.
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [path.resolve(__dirname, '../bin/slo'), ...args],
      { cwd: path.resolve(__dirname, '../../..') },
    );
    expect(JSON.parse(stdout)).toEqual(rows);
    await fs.rm(dir, { recursive: true, force: true });
  });
});
