/**
 * Period history from a backfill that reaches past the start of the data,
 * against Debian's Prometheus loaded with the demo data (counts known
 * exactly): every week and month equals the ground truth, in whole numbers.
 */
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  DEMO_END,
  demoScenarioSpec,
  exactnessScenarioSpec,
  generateScenario,
  startPrometheus,
  type RunningPrometheus,
} from '@internal/prometheus-fixture';
import prometheusModule from '@slo-kit/plugin-slo-backend-module-prometheus';
import type {
  EntitySlosResponse,
  SloHistoryResponse,
} from '@slo-kit/plugin-slo-common';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import YAML from 'yaml';
import type { CliEvaluation } from './cli/evaluateFromSources';
import { main } from './cli/main';
import { sloPlugin } from './plugin';

jest.setTimeout(180_000);

/** 10:40 on the last day: not on the hour. */
const AT = DEMO_END - 13 * 3600 - 20 * 60;

describe('period history from a backfill past the start of the data, against a real Prometheus', () => {
  const scenario = generateScenario(demoScenarioSpec());
  const truth = scenario.groundTruth;
  // Every availability SLI and one latency threshold per service.
  const names = truth
    .names()
    .filter(
      name => name.endsWith(':availability') || name.endsWith(':latency:0.25'),
    );
  const sloName = (name: string) => name.replace(/[:.]/g, '-');
  /** The fixture's SLI, written as the annotation declares it. */
  const annotationSli = (name: string) => {
    const sli = truth.sli(name);
    if (sli.kind === 'latency' && sli.mode === 'histogram') {
      return { latency: { histogram: sli.metric, threshold: sli.threshold } };
    }
    if (
      sli.kind === 'ratio' &&
      'good' in sli &&
      sli.good &&
      'selector' in sli.good &&
      'selector' in sli.total
    ) {
      return { ratio: { good: sli.good.selector, total: sli.total.selector } };
    }
    throw new Error(`no annotation form for ${name}`);
  };
  let prometheus: RunningPrometheus;

  beforeAll(async () => {
    prometheus = await startPrometheus({ scenario });
  }, 180_000);

  afterAll(async () => {
    await prometheus?.stop();
  });

  it('gives every week and month exactly the events that happened', async () => {
    const entity: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: 'fleet',
        namespace: 'default',
        annotations: {
          'slo-kit.dev/slos': YAML.stringify(
            names.map(name => {
              return {
                name: sloName(name),
                objective: 99,
                window: '30d',
                sli: annotationSli(name),
              };
            }),
          ),
        },
      },
      spec: { type: 'service', owner: 'payments', lifecycle: 'production' },
    };
    const { server } = await startTestBackend({
      features: [
        sloPlugin,
        prometheusModule,
        catalogServiceMock.factory({ entities: [entity] }),
        mockServices.scheduler.factory({
          includeInitialDelayedTasksOnStartup: true,
        }),
        mockServices.rootConfig.factory({
          data: {
            slo: {
              now: new Date(AT * 1000).toISOString(),
              defaultSource: 'fixture',
              sources: { prometheus: { fixture: { baseUrl: prometheus.url } } },
              collector: { backfillDays: 90 },
            },
          },
        }),
      ],
    });
    await request(server)
      .get('/api/slo/entities/component/default/fleet/slos')
      .expect(200);
    const mismatches: string[] = [];
    for (const name of names) {
      for (const period of ['week', 'month'] as const) {
        const res = await request(server).get(
          `/api/slo/slos/history?entityRef=component:default/fleet&name=${sloName(
            name,
          )}&period=${period}&count=8`,
        );
        expect(res.status).toBe(200);
        for (const p of (res.body as SloHistoryResponse).periods) {
          const expected = truth.events(name, p.start, Math.min(p.end, AT));
          if (p.good !== expected.good || p.total !== expected.total) {
            mismatches.push(
              `${name} ${p.label}: ${p.good}/${p.total}, truth ${expected.good}/${expected.total}`,
            );
          }
        }
      }
    }
    expect(mismatches).toEqual([]);
  });
});

describe('a backfill whose first bucket holds the start of the data, against a real Prometheus', () => {
  // The data starts at 23:40, inside an hour bucket, with counters well above zero:
  // increase() over that bucket would extrapolate back to 23:00 and invent events.
  const end = DEMO_END - 20 * 60;
  const scenario = generateScenario({ ...exactnessScenarioSpec(), end });
  const truth = scenario.groundTruth;
  let prometheus: RunningPrometheus;

  beforeAll(async () => {
    prometheus = await startPrometheus({ scenario });
  }, 180_000);

  afterAll(async () => {
    await prometheus?.stop();
  });

  const config = () => ({
    slo: {
      now: new Date(end * 1000).toISOString(),
      defaultSource: 'fixture',
      sources: { prometheus: { fixture: { baseUrl: prometheus.url } } },
      collector: { backfillDays: 90 },
    },
  });
  const entity: Entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'checkout',
      namespace: 'default',
      annotations: {
        'slo-kit.dev/slos': YAML.stringify([
          {
            name: 'availability',
            objective: 99.9,
            window: '90d',
            sli: {
              ratio: {
                good: 'http_requests_total{service="checkout",code!~"5.."}',
                total: 'http_requests_total{service="checkout"}',
              },
            },
          },
          {
            name: 'latency',
            objective: 99,
            window: '90d',
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
  };
  const expected = (name: string, from: number, to: number) =>
    truth.events(
      name === 'availability'
        ? 'checkout:availability'
        : 'checkout:latency:0.25',
      from,
      to,
    );

  it('counts the first period from the first sample, in whole numbers, in the API and the CLI', async () => {
    const { server } = await startTestBackend({
      features: [
        sloPlugin,
        prometheusModule,
        catalogServiceMock.factory({ entities: [entity] }),
        mockServices.scheduler.factory({
          includeInitialDelayedTasksOnStartup: true,
        }),
        mockServices.rootConfig.factory({ data: config() }),
      ],
    });
    const res = await request(server)
      .get('/api/slo/entities/component/default/checkout/slos')
      .expect(200);
    const dataStart = scenario.start;
    for (const status of (res.body as EntitySlosResponse).slos) {
      const [evaluation] = status.evaluations;
      const truthAll = expected(status.definition.name, dataStart - 86400, end);
      expect({
        name: status.definition.name,
        good: evaluation.good,
        total: evaluation.total,
      }).toEqual({
        name: status.definition.name,
        ...truthAll,
      });
      const history = await request(server).get(
        `/api/slo/slos/history?entityRef=component:default/checkout&name=${status.definition.name}&period=week&count=8`,
      );
      for (const p of (history.body as SloHistoryResponse).periods) {
        expect({ label: p.label, good: p.good, total: p.total }).toEqual({
          label: p.label,
          ...expected(status.definition.name, p.start, Math.min(p.end, end)),
        });
      }
    }

    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'slo-cli-'));
    const catalogFile = path.join(dir, 'catalog-info.yaml');
    const configFile = path.join(dir, 'app-config.yaml');
    await fs.writeFile(catalogFile, YAML.stringify(entity));
    await fs.writeFile(configFile, YAML.stringify(config()));
    let out = '';
    expect(
      await main(
        [
          'evaluate',
          catalogFile,
          '--config',
          configFile,
          '--at',
          String(end),
          '--format',
          'json',
        ],
        {
          out: text => (out += text),
          err: () => {},
        },
      ),
    ).toBe(0);
    for (const row of JSON.parse(out) as CliEvaluation[]) {
      expect({ name: row.name, good: row.good, total: row.total }).toEqual({
        name: row.name,
        ...expected(row.name, dataStart - 86400, end),
      });
    }
    await fs.rm(dir, { recursive: true, force: true });
  });
});
