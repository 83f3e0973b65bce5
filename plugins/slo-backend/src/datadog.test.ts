// Datadog SLOs through the real SLO backend: collector, store, evaluator and
// API, against a local stand-in of Datadog's metrics query API.
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import datadogModule from '@slo-kit/plugin-slo-backend-module-datadog';
import {
  FakeDatadogServer,
  metricsApi,
} from '@slo-kit/plugin-slo-backend-module-datadog/testUtils';
import type { EntitySlosResponse } from '@slo-kit/plugin-slo-common';
import request from 'supertest';
import { sloPlugin } from './plugin';

jest.setTimeout(60_000);

/** 2025-03-01T00:00:00Z */
const T0 = 1_740_787_200;
const SCOPE = 'service:checkout,env:prod';

const checkout: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'checkout',
    annotations: {
      'slo-kit.dev/slos': `
- name: checkout-availability
  source: datadog-eu
  objective: 99.5
  window: 1d
  sli:
    ratio:
      badQuery: sum:trace.http.request.errors{${SCOPE}}.as_count().rollup(sum, {{window}})
      totalQuery: sum:trace.http.request.hits{${SCOPE}}.as_count().rollup(sum, {{window}})
- name: checkout-p99
  source: datadog-eu
  objective: 95
  window: 1d
  sli:
    timeSlice:
      slice: 1m
      query: p99:trace.http.request{${SCOPE}}.rollup({{window}})
      operator: <
      threshold: 1
`,
    },
  },
  spec: { type: 'service', owner: 'payments', lifecycle: 'production' },
};

describe('Datadog SLOs in the SLO backend', () => {
  let datadog: FakeDatadogServer;

  beforeAll(async () => {
    datadog = await FakeDatadogServer.start(
      metricsApi({
        // 1 error in 1000 requests per 5 minutes; p99 over 1 s in the first minute of each hour.
        [`sum:trace.http.request.errors{${SCOPE}}.as_count()`]: () => 1,
        [`sum:trace.http.request.hits{${SCOPE}}.as_count()`]: () => 1000,
        [`p99:trace.http.request{${SCOPE}}`]: t =>
          t % 3600 === 0 ? 1.5 : 0.4,
      }),
    );
  });

  afterAll(() => datadog.close());

  it('are collected, evaluated and served like any other SLO', async () => {
    const { server } = await startTestBackend({
      features: [
        sloPlugin,
        datadogModule,
        catalogServiceMock.factory({ entities: [checkout] }),
        mockServices.scheduler.factory({
          includeInitialDelayedTasksOnStartup: true,
        }),
        mockServices.rootConfig.factory({
          data: {
            slo: {
              now: new Date(T0 * 1000).toISOString(),
              collector: { backfillDays: 2 },
              sources: {
                datadog: {
                  'datadog-eu': {
                    site: 'datadoghq.eu',
                    apiKey: 'test-api-key',
                    applicationKey: 'test-app-key',
                    baseUrl: datadog.baseUrl,
                  },
                },
              },
            },
          },
        }),
      ],
    });
    let lastRun: { sloCount: number; failedCount: number } | undefined;
    for (let i = 0; i < 300 && !lastRun; i++) {
      lastRun = (await request(server).get('/api/slo/collector')).body.lastRun;
      if (!lastRun) await new Promise(resolve => setTimeout(resolve, 100));
    }
    expect(lastRun).toMatchObject({ sloCount: 2, failedCount: 0 });

    const res = await request(server).get(
      '/api/slo/entities/component/default/checkout/slos',
    );
    expect(res.status).toBe(200);
    const [availability, latency] = (res.body as EntitySlosResponse).slos;

    expect(availability.collection).toMatchObject({
      source: 'datadog-eu',
      sourceType: 'datadog',
      demo: false,
      lastError: null,
    });
    // One day of 5-minute buckets: 288 × 1000 requests, 288 errors.
    expect(availability.evaluations[0]).toMatchObject({
      total: 288_000,
      good: 287_712,
      sli: 0.999,
      dataState: 'ok',
      coverage: 1,
    });
    expect(availability.exploreUrl).toMatch(
      /^https:\/\/app\.datadoghq\.eu\/metric\/explorer\?.*exp_metric=trace\.http\.request\.hits/,
    );
    // 1440 one-minute slices, one bad per hour.
    expect(latency.evaluations[0]).toMatchObject({ total: 1440, good: 1416 });

    // The keys went to Datadog as headers, and nowhere else.
    expect(datadog.requests[0].headers['dd-api-key']).toBe('test-api-key');
    expect(JSON.stringify(res.body)).not.toContain('test-api-key');
  });
});
