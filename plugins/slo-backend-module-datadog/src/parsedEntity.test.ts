import type { Entity } from '@backstage/catalog-model';
import { parseEntitySlos, SLO_ANNOTATION } from '@slo-kit/plugin-slo-common';
import { DatadogSloSource } from './DatadogSloSource';
import { FakeDatadogServer, metricsApi } from './testUtils/FakeDatadogServer';

/** 2025-03-01T00:00:00Z */
const T0 = 1_740_787_200;

/** A demo service whose SLOs are written the way docs/sources.md shows for Datadog. */
const checkout: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'checkout',
    annotations: {
      [SLO_ANNOTATION]: `
- name: availability
  source: datadog-eu
  objective: 99.9%
  window: 30d
  sli:
    ratio:
      badQuery: sum:trace.http.request.errors{service:checkout,env:prod}.as_count().rollup(sum, {{window}})
      totalQuery: sum:trace.http.request.hits{service:checkout,env:prod}.as_count().rollup(sum, {{window}})
- name: queue-depth
  source: datadog-eu
  objective: 99%
  window: 7d
  sli:
    timeSlice:
      slice: 1m
      query: max:checkout.queue.depth{env:prod}.rollup(max, {{window}})
      operator: <
      threshold: 100
`,
    },
  },
  spec: { type: 'service', owner: 'team-payments', lifecycle: 'production' },
};

describe('Datadog SLIs declared on an entity', () => {
  let server: FakeDatadogServer;

  beforeEach(async () => {
    server = await FakeDatadogServer.start(
      metricsApi({
        'sum:trace.http.request.errors{service:checkout,env:prod}.as_count()':
          () => 2,
        'sum:trace.http.request.hits{service:checkout,env:prod}.as_count()':
          () => 1000,
        'max:checkout.queue.depth{env:prod}': t => (t === T0 + 120 ? 250 : 12),
      }),
    );
  });

  afterEach(() => server.close());

  it('parse without problems and are collected through the Datadog source', async () => {
    const { slos, problems } = parseEntitySlos(checkout, {
      knownSources: ['datadog-eu'],
    });
    expect(problems).toEqual([]);
    expect(slos.map(slo => slo.name)).toEqual(['availability', 'queue-depth']);

    const source = new DatadogSloSource({
      name: 'datadog-eu',
      site: 'datadoghq.eu',
      baseUrl: server.baseUrl,
      apiKey: 'k'.repeat(32),
      applicationKey: 'a'.repeat(40),
    });
    const [availability, queue] = slos;
    const counts = await source.fetchBuckets({
      sloId: availability.id,
      sli: availability.sli,
      start: T0,
      end: T0 + 900,
      bucketSeconds: 300,
    });
    expect(counts.buckets.map(b => [b.good, b.total])).toEqual([
      [998, 1000],
      [998, 1000],
      [998, 1000],
    ]);
    const slices = await source.fetchBuckets({
      sloId: queue.id,
      sli: queue.sli,
      start: T0,
      end: T0 + 300,
      bucketSeconds: 300,
    });
    expect(slices.buckets).toEqual([
      { start: T0, durationSeconds: 300, good: 4, total: 5 },
    ]);
    expect(server.requests.map(r => r.query.query)).toContain(
      'max:checkout.queue.depth{env:prod}.rollup(max, 60)',
    );
  });
});
