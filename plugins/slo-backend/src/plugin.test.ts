import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import demoModule from '@slo-kit/plugin-slo-backend-module-demo';
import type {
  EntitySlosResponse,
  ScorecardResponse,
  SloHistoryResponse,
  SloSeriesResponse,
} from '@slo-kit/plugin-slo-common';
import request from 'supertest';
import { sloPlugin } from './plugin';

jest.setTimeout(60_000);

const NOW = '2025-03-01T00:00:00Z';

const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'checkout',
      title: 'Checkout',
      annotations: {
        'slo-kit.dev/slos': [
          '- name: checkout-availability',
          '  objective: 99.9',
          '  window: 30d',
          '  sli:',
          '    ratio:',
          '      good: http_requests_total{service="checkout",code!~"5.."}',
          '      total: http_requests_total{service="checkout"}',
          '- name: checkout-latency',
          '  objective: 99',
          '  window: 30d',
          '  sli:',
          '    latency:',
          '      histogram: http_request_duration_seconds{service="checkout"}',
          '      threshold: 0.25',
        ].join('\n'),
      },
    },
    spec: { type: 'service', owner: 'payments', lifecycle: 'production' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'broken',
      annotations: { 'slo-kit.dev/slos': '- name: x\n  objectve: 99\n' },
    },
    spec: { type: 'service', owner: 'payments', lifecycle: 'production' },
  },
  {
    apiVersion: 'backstage.io/v1',
    kind: 'Group',
    metadata: { name: 'payments' },
    spec: { type: 'team', children: [] },
  },
];

async function startBackend() {
  const { server } = await startTestBackend({
    features: [
      sloPlugin,
      demoModule,
      catalogServiceMock.factory({ entities }),
      // Runs the collection task once at startup, like the real scheduler after its initial delay.
      mockServices.scheduler.factory({
        includeInitialDelayedTasksOnStartup: true,
      }),
      mockServices.rootConfig.factory({
        data: {
          slo: {
            now: NOW,
            defaultSource: 'demo',
            collector: { backfillDays: 35 },
          },
        },
      }),
    ],
  });
  // Wait for the scheduled collection cycle to finish.
  for (let i = 0; i < 200; i++) {
    const res = await request(server).get('/api/slo/collector');
    if (res.body.lastRun) {
      return { server, lastRun: res.body.lastRun };
    }
    await new Promise(resolve => setTimeout(resolve, 100));
  }
  throw new Error('The collector did not run');
}

/** GET that must answer 200; a failure shows the API's error message. */
async function getOk(server: Parameters<typeof request>[0], path: string) {
  const res = await request(server).get(path);
  if (res.status !== 200) {
    throw new Error(`GET ${path} answered ${res.status}: ${res.text}`);
  }
  return res;
}

describe('sloPlugin', () => {
  let server: Awaited<ReturnType<typeof startBackend>>['server'];
  let lastRun: { sloCount: number; failedCount: number; durationMs: number };

  beforeAll(async () => {
    ({ server, lastRun } = await startBackend());
  });

  it('collects on schedule from the source a module added', () => {
    expect(lastRun).toMatchObject({ sloCount: 2, failedCount: 0 });
  });

  it('serves an entity’s SLOs with figures, labelled as demo data', async () => {
    const res = await request(server).get(
      '/api/slo/entities/component/default/checkout/slos',
    );
    expect(res.status).toBe(200);
    const body = res.body as EntitySlosResponse;
    expect(body.now).toBe('2025-03-01T00:00:00.000Z');
    expect(body.slos.map(s => s.definition.name)).toEqual([
      'checkout-availability',
      'checkout-latency',
    ]);
    const [availability] = body.slos;
    expect(availability.collection).toMatchObject({
      source: 'demo',
      sourceType: 'demo',
      demo: true,
      lastError: null,
    });
    const [evaluation] = availability.evaluations;
    expect(evaluation.sli).toBeGreaterThan(0.99);
    expect(evaluation.dataState).toBe('ok');
    // The demo's checkout availability burns fast at "now": a page alert fires.
    expect(
      evaluation.alerts.find(a => a.severity === 'page' && a.factor === 14.4)
        ?.firing,
    ).toBe(true);
  });

  it('serves series, history, scorecard and rules', async () => {
    const ref =
      'entityRef=component:default/checkout&name=checkout-availability';
    const series = (await getOk(server, `/api/slo/slos/series?${ref}`))
      .body as SloSeriesResponse;
    expect(series.points.length).toBeGreaterThan(100);
    expect(series.points.length).toBeLessThanOrEqual(500);

    const history = (
      await getOk(server, `/api/slo/slos/history?${ref}&period=week&count=4`)
    ).body as SloHistoryResponse;
    expect(history.periods).toHaveLength(4);

    const scorecard = (
      await getOk(server, '/api/slo/scorecard?group=group:default/payments')
    ).body as ScorecardResponse;
    expect(scorecard.groups[0]).toMatchObject({
      groupRef: 'group:default/payments',
      services: 1,
      slos: 2,
    });

    const rules = await getOk(
      server,
      '/api/slo/rules?entityRef=component:default/checkout',
    );
    expect(rules.headers['content-type']).toMatch(/^text\/yaml/);
    expect(rules.text).toContain('groups:');
  });

  it('reports validation problems', async () => {
    const res = await request(server)
      .get('/api/slo/entities/component/default/broken/problems')
      .expect(200);
    expect(res.body.problems[0].message).toMatch(/objectve/);
  });

  it('requires credentials', async () => {
    const slos = await request(server)
      .get('/api/slo/entities/component/default/checkout/slos')
      .set('Authorization', mockCredentials.none.header());
    expect(slos.status).toBe(401);
    const health = await request(server)
      .get('/api/slo/health')
      .set('Authorization', mockCredentials.none.header());
    expect(health.status).toBe(200);
    expect(health.body).toEqual({ status: 'ok' });
  });
});
