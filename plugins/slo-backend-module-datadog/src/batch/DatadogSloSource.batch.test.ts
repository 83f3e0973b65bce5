import type { SliSpec } from '@slo-kit/plugin-slo-common';
import { SloSourceError, SloSourceRequest } from '@slo-kit/plugin-slo-node';
import { DatadogSloSource, DatadogSloSourceOptions } from '../DatadogSloSource';
import {
  FakeDatadogServer,
  metricsApi,
  SeriesValues,
} from '../testUtils/FakeDatadogServer';

/** 2025-03-01T00:00:00Z: aligned to days, hours and 5-minute buckets. */
const T0 = 1_740_787_200;

function ratio(service: string, extra = ''): SliSpec {
  return {
    kind: 'ratio',
    bad: { selector: `trace.http.request.errors{env:prod,service:${service}${extra}}` },
    total: { selector: `trace.http.request.hits{service:${service},env:prod${extra}}` },
  };
}

function request(
  index: number,
  sli: SliSpec,
  range: { start: number; end: number; bucketSeconds: number } = {
    start: T0,
    end: T0 + 3600,
    bucketSeconds: 300,
  },
): SloSourceRequest {
  return { sloId: `component:default/svc/slo-${index}`, sli, ...range };
}

/**
 * Known counts per service: integers and fractions (Datadog's as_count()
 * can answer interpolated counts), a null total now and then, and a missing
 * error point now and then.
 */
function knownData(
  services: string[],
  extra = '',
): Record<string, SeriesValues> {
  const data: Record<string, SeriesValues> = {};
  services.forEach((service, s) => {
    data[`sum:trace.http.request.hits{service:${service},env:prod${extra}}.as_count()`] =
      t => (((t - T0) / 300 + s) % 7 === 3 ? null : 1000 + s * 37 + ((t - T0) % 9000) / 300 + (s % 3) / 8);
    data[`sum:trace.http.request.errors{env:prod,service:${service}${extra}}.as_count()`] =
      t => (((t - T0) / 300 + s) % 5 === 1 ? null : (s % 4) + ((t - T0) % 1200) / 600);
  });
  return data;
}

describe('DatadogSloSource batches', () => {
  let server: FakeDatadogServer;

  beforeEach(async () => {
    server = await FakeDatadogServer.start();
  });

  afterEach(async () => {
    await server.close();
  });

  function source(options: Partial<DatadogSloSourceOptions> = {}) {
    return new DatadogSloSource({
      name: 'dd-test',
      baseUrl: server.baseUrl,
      apiKey: 'test-api-key-0123456789abcdef',
      applicationKey: 'test-app-key-fedcba9876543210',
      sleep: async () => {},
      ...options,
    });
  }

  it('groups selectors that differ in one tag, and leaves the rest to single queries', () => {
    const requests = [
      ...['a', 'b', 'c'].map((service, i) => request(i, ratio(service))),
      // Another env: its own group.
      request(3, {
        kind: 'ratio',
        bad: { selector: 'trace.http.request.errors{env:dev,service:a}' },
        total: { selector: 'trace.http.request.hits{env:dev,service:a}' },
      }),
      // A full query cannot be grouped exactly.
      request(4, {
        kind: 'ratio',
        bad: { query: 'sum:trace.http.request.errors{service:d}.as_count()' },
        total: { selector: 'trace.http.request.hits{env:prod,service:d}' },
      }),
      // Capital letters: Datadog's group name could differ from the value written.
      request(5, ratio('Checkout')),
      // Another range: another batch.
      request(6, ratio('e'), { start: T0, end: T0 + 7200, bucketSeconds: 300 }),
    ];
    const batches = source().planBatches(requests);
    expect(batches.map(batch => batch.map(r => r.sloId))).toEqual([
      [0, 1, 2].map(i => `component:default/svc/slo-${i}`),
    ]);
    expect(source({ batch: { enabled: false, maxValues: 100 } }).planBatches(requests)).toEqual([]);
  });

  it('groups by the tag that puts the most SLOs in one query, within maxValues', () => {
    const requests: SloSourceRequest[] = [];
    for (let s = 0; s < 3; s++) {
      for (let e = 0; e < 5; e++) {
        requests.push(request(requests.length, ratio(`s${s}`, `,endpoint:e${e}`)));
      }
    }
    // By endpoint: 3 groups of 5; by service: 5 groups of 3.
    expect(source().planBatches(requests).map(batch => batch.length)).toEqual([5, 5, 5]);
    expect(
      source({ batch: { enabled: true, maxValues: 2 } })
        .planBatches(requests)
        .map(batch => batch.length),
    ).toEqual([2, 2, 2, 2, 2, 2]); // a last group of one is asked alone
  });

  it('answers every SLO of a batch bit-equal to its single queries, with 8 requests (2 grouped queries × 4 stretches) instead of 8 per SLO', async () => {
    const services = Array.from({ length: 12 }, (_, i) => `svc-${i}`);
    server.handler = metricsApi(knownData(services));
    // 30 hours at 5 minutes: 360 points, split into 4 chunks of 100 per series.
    const range = { start: T0, end: T0 + 30 * 3600, bucketSeconds: 300 };
    const requests = services.map((service, i) => request(i, ratio(service), range));
    // One service without any data answers no buckets, like its own query.
    requests.push(request(99, ratio('silent'), range));
    const dd = source({ maxPointsPerQuery: 101 });

    const [batch] = dd.planBatches(requests);
    expect(batch).toHaveLength(requests.length);
    const batched = await dd.fetchBatch(batch);
    const batchRequests = server.requests.length;
    expect(batched.queryCount).toBe(8);
    expect(batchRequests).toBe(8);

    const singles: Array<{ buckets: unknown[] }> = [];
    for (const one of requests) singles.push(await dd.fetchBuckets(one));
    batched.results.forEach((result, i) =>
      expect(result.buckets).toEqual(singles[i].buckets),
    );
    // The comparison is not vacuous: every known service has its buckets.
    expect(
      singles.slice(0, services.length).map(s => s.buckets.length > 300),
    ).toEqual(services.map(() => true));
    expect(batched.results.at(-1)!.buckets).toEqual([]);
    expect(server.requests.length - batchRequests).toBe(8 * requests.length);
    expect(
      server.requests
        .slice(0, batchRequests)
        .map(r => r.query.query)
        .filter((q, i, all) => all.indexOf(q) === i)
        .sort(),
    ).toEqual([
      'sum:trace.http.request.errors{env:prod} by {service}.as_count().rollup(sum, 300)',
      'sum:trace.http.request.hits{env:prod} by {service}.as_count().rollup(sum, 300)',
    ]);
  });

  it('fails the whole batch when one of its queries fails part-way, so the collector asks each SLO alone', async () => {
    const services = ['a', 'b', 'c'];
    const answer = metricsApi(knownData(services));
    server.handler = r =>
      // The second stretch of the grouped error query fails.
      r.query.query.includes('errors{env:prod} by') && Number(r.query.from) > T0
        ? { status: 503, body: { errors: ['Service unavailable'] } }
        : answer(r);
    const range = { start: T0, end: T0 + 30 * 3600, bucketSeconds: 300 };
    const requests = services.map((service, i) => request(i, ratio(service), range));
    const dd = source({ maxPointsPerQuery: 101 });
    const error = await dd.fetchBatch(dd.planBatches(requests)[0]).then(
      () => undefined,
      e => e,
    );
    expect(error).toBeInstanceOf(SloSourceError);
    expect(error.retryable).toBe(true);
    expect(error.message).toContain('could not answer a batch of 3 SLOs');
    expect(error.message).toContain('HTTP 503');
  });

  it("keeps one SLO's bad metric from failing the others: the batch fails, each single query stands alone", async () => {
    const services = ['a', 'b', 'bad'];
    const answer = metricsApi(knownData(services));
    server.handler = r =>
      // Datadog rejects a query that names the bad SLO's metric, grouped or alone.
      r.query.query.includes('service:bad') || r.query.query.includes(' by {')
        ? { status: 400, body: { errors: ['Error parsing query: unknown metric'] } }
        : answer(r);
    const requests = services.map((service, i) => request(i, ratio(service)));
    const dd = source();
    const [batch] = dd.planBatches(requests);
    await expect(dd.fetchBatch(batch)).rejects.toMatchObject({ retryable: false });
    const singles = await Promise.allSettled(requests.map(r => dd.fetchBuckets(r)));
    expect(singles.map(s => s.status)).toEqual(['fulfilled', 'fulfilled', 'rejected']);
  });

  it('refuses a group it cannot answer with one grouped query', async () => {
    const dd = source();
    await expect(
      dd.fetchBatch([request(0, ratio('a')), request(1, ratio('b', ',team:x'))]),
    ).rejects.toThrow(/cannot be asked with one grouped query/);
    expect(server.requests).toHaveLength(0);
  });

  // 2,020 requests to the local fake: not timed, only slow on a loaded machine.
  it('counts the requests of an incremental cycle of 1,000 SLOs over 10 services (docs/performance.md)', async () => {
    // 10 services × 100 endpoints, one availability SLO each.
    const services = Array.from({ length: 10 }, (_, i) => `svc-${i}`);
    const endpoints = Array.from({ length: 100 }, (_, i) => `e${i}`);
    server.handler = () => ({ body: { status: 'ok', series: [] } });
    const requests: SloSourceRequest[] = [];
    for (const service of services) {
      for (const endpoint of endpoints) {
        requests.push(request(requests.length, ratio(service, `,endpoint:${endpoint}`)));
      }
    }
    const dd = source({ maxConcurrentRequests: 8 });
    const batches = dd.planBatches(requests);
    await Promise.all(batches.map(batch => dd.fetchBatch(batch)));
    const batched = server.requests.length;
    await Promise.all(requests.map(r => dd.fetchBuckets(r)));
    const single = server.requests.length - batched;
    expect({ batches: batches.length, batched, single }).toEqual({
      batches: 10,
      batched: 20,
      single: 2000,
    });

    // 100 metrics (one per SLO kind) × the 10 services: grouped by service.
    const byMetric: SloSourceRequest[] = [];
    for (let m = 0; m < 100; m++) {
      for (const service of services) {
        byMetric.push(
          request(byMetric.length, {
            kind: 'ratio',
            bad: { selector: `app.m${m}.errors{env:prod,service:${service}}` },
            total: { selector: `app.m${m}.requests{env:prod,service:${service}}` },
          }),
        );
      }
    }
    const metricBatches = dd.planBatches(byMetric);
    const before = server.requests.length;
    await Promise.all(metricBatches.map(batch => dd.fetchBatch(batch)));
    expect({
      batches: metricBatches.length,
      requests: server.requests.length - before,
    }).toEqual({ batches: 100, requests: 200 });
  }, 60_000);
});
