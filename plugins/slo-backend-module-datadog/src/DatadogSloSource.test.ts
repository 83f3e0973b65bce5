import {
  API_KEY,
  APP_KEY,
  ERRORS,
  HITS,
  SLO,
  T0,
  availability,
  availabilityApi,
  bucketsRequest,
  datadogSourceHarness,
} from './__testUtils__/datadogSourceHarness';
import { metricsApi, queryResponse } from './testUtils/FakeDatadogServer';

describe('DatadogSloSource', () => {
  const dd = datadogSourceHarness();
  const { source, failure } = dd;

  it('sends the documented request: path, from/to, query and both key headers', async () => {
    dd.server.handler = metricsApi({
      [HITS]: t => 1000 + (t - T0) / 300,
      [ERRORS]: () => 3,
    });
    await source().fetchBuckets(bucketsRequest({ end: T0 + 3600 }));
    expect(dd.server.requests).toHaveLength(2);
    for (const request of dd.server.requests) {
      expect(request.method).toBe('GET');
      expect(request.path).toBe('/api/v1/query');
      expect(request.query.from).toBe(String(T0));
      expect(request.query.to).toBe(String(T0 + 3600));
      expect(request.headers['dd-api-key']).toBe(API_KEY);
      expect(request.headers['dd-application-key']).toBe(APP_KEY);
    }
    expect(dd.server.requests.map(r => r.query.query).sort()).toEqual([
      `${ERRORS}.rollup(sum, 300)`,
      `${HITS}.rollup(sum, 300)`,
    ]);
  });

  it('turns bad and total counts into one exact bucket per rollup point', async () => {
    dd.server.handler = metricsApi({
      [HITS]: t => 1000 + (t - T0) / 300,
      [ERRORS]: () => 3,
    });
    const result = await source().fetchBuckets(
      bucketsRequest({ end: T0 + 3600 }),
    );
    expect(result.queryCount).toBe(2);
    expect(result.buckets).toHaveLength(12);
    expect(result.buckets[0]).toEqual({
      start: T0,
      durationSeconds: 300,
      good: 997,
      total: 1000,
    });
    expect(result.buckets[11]).toEqual({
      start: T0 + 3300,
      durationSeconds: 300,
      good: 1008,
      total: 1011,
    });
  });

  it('sums the series of a grouped query and reads good events from a full query', async () => {
    const good =
      'sum:trace.http.request.hits{service:checkout,!http.status_class:5xx} by {env}.as_count()';
    dd.server.handler = metricsApi({
      [good]: [() => 60, () => 30],
      [HITS]: () => 100,
    });
    const { buckets } = await source().fetchBuckets(
      bucketsRequest({
        sli: {
          kind: 'ratio',
          good: { query: `${good}.rollup(sum, {{window}})` },
          total: { selector: 'trace.http.request.hits{service:checkout}' },
        },
      }),
    );
    expect(dd.server.requests.map(r => r.query.query)).toContain(
      `${good}.rollup(sum, 300)`,
    );
    expect(buckets.map(b => [b.good, b.total])).toEqual([
      [90, 100],
      [90, 100],
    ]);
  });

  it('leaves out buckets whose total is null, and counts a missing good point as zero good', async () => {
    const goodQuery = 'sum:checkout.ok{*}.as_count()';
    dd.server.handler = metricsApi({
      [HITS]: t => (t === T0 + 300 ? null : 50),
      [goodQuery]: t => (t === T0 + 600 ? null : 50),
    });
    const { buckets } = await source().fetchBuckets(
      bucketsRequest({
        sli: {
          kind: 'ratio',
          good: { selector: 'checkout.ok' },
          total: { selector: 'trace.http.request.hits{service:checkout}' },
        },
        end: T0 + 900,
      }),
    );
    expect(buckets).toEqual([
      { start: T0, durationSeconds: 300, good: 50, total: 50 },
      { start: T0 + 600, durationSeconds: 300, good: 0, total: 50 },
    ]);
  });

  it('answers an empty series list with no buckets (coverage shows the gap)', async () => {
    dd.server.handler = metricsApi({});
    const result = await source().fetchBuckets(
      bucketsRequest({ end: T0 + 3600 }),
    );
    expect(result.buckets).toEqual([]);
  });

  it('splits a long range into queries within the points limit, with no gap or overlap', async () => {
    dd.server.handler = availabilityApi(10, 1);
    const result = await source({ maxPointsPerQuery: 100 }).fetchBuckets(
      bucketsRequest({ end: T0 + 86_400 }),
    );
    expect(result.buckets).toHaveLength(288);
    expect(result.buckets.every(b => b.total === 10 && b.good === 9)).toBe(
      true,
    );
    const hitRequests = dd.server.requests
      .filter(r => r.query.query.startsWith(HITS))
      .map(r => [Number(r.query.from), Number(r.query.to)])
      .sort((a, b) => a[0] - b[0]);
    // 288 buckets, 99 per query: three queries, each ending where the next starts.
    expect(hitRequests).toEqual([
      [T0, T0 + 99 * 300],
      [T0 + 99 * 300, T0 + 198 * 300],
      [T0 + 198 * 300, T0 + 86_400],
    ]);
    expect(result.queryCount).toBe(6);
  });

  it('splits again when Datadog rolls up coarser than asked', async () => {
    // The fake allows 50 points per series while the source assumes 1500.
    dd.server.handler = metricsApi(
      { [HITS]: () => 10, [ERRORS]: () => 1 },
      { maxPoints: 50 },
    );
    const { buckets } = await source().fetchBuckets(
      bucketsRequest({ end: T0 + 86_400 }),
    );
    expect(buckets).toHaveLength(288);
    expect(new Set(buckets.map(b => b.start)).size).toBe(288);
    expect(buckets.every(b => b.total === 10)).toBe(true);
  });

  it('refuses points off the bucket grid instead of guessing their bucket', async () => {
    dd.server.handler = request => ({
      body: queryResponse(request.query.query, T0, T0 + 600, [
        {
          interval: 300,
          pointlist: [
            [(T0 + 30) * 1000, 5],
            [(T0 + 330) * 1000, 5],
          ],
        },
      ]),
    });
    const error = await failure(source().fetchBuckets(bucketsRequest()));
    expect(error.message).toMatch(/not on the 300-second grid/);
    expect(error.retryable).toBe(false);
  });

  it('counts latency events below a threshold with a distribution threshold query', async () => {
    const good = 'count(v: v<=0.5):trace.http.request{service:checkout}';
    const total = 'count:trace.http.request{service:checkout}';
    dd.server.handler = metricsApi({ [good]: () => 95, [total]: () => 100 });
    const { buckets } = await source().fetchBuckets(
      bucketsRequest({
        sli: {
          kind: 'latency',
          mode: 'histogram',
          metric: 'trace.http.request{service:checkout}',
          threshold: 0.5,
        },
      }),
    );
    expect(dd.server.requests.map(r => r.query.query).sort()).toEqual([
      `${good}.rollup(sum, 300)`,
      `${total}.rollup(sum, 300)`,
    ]);
    expect(buckets.map(b => [b.good, b.total])).toEqual([
      [95, 100],
      [95, 100],
    ]);
  });

  it('samples a gauge every minute: each point is an event, good when it meets the threshold', async () => {
    const gauge = 'avg:synthetics.http.response.time{check:checkout}';
    // Minute m of the hour takes m / 10 seconds: minutes 0..5 meet a 0.5 s threshold.
    dd.server.handler = metricsApi({
      [gauge]: t => (t === T0 + 240 ? null : (t - T0) / 60 / 10),
    });
    const { buckets } = await source().fetchBuckets(
      bucketsRequest({
        sli: {
          kind: 'latency',
          mode: 'gauge',
          query: gauge,
          operator: '<=',
          threshold: 0.5,
        },
        end: T0 + 900,
      }),
    );
    expect(dd.server.requests[0].query.query).toBe(`${gauge}.rollup(avg, 60)`);
    expect(buckets).toEqual([
      // minutes 0-4, minute 4 null: 4 samples, all good
      { start: T0, durationSeconds: 300, good: 4, total: 4 },
      // minutes 5-9: only minute 5 is good
      { start: T0 + 300, durationSeconds: 300, good: 1, total: 5 },
      { start: T0 + 600, durationSeconds: 300, good: 0, total: 5 },
    ]);
  });

  it('judges one-minute time slices inside five-minute buckets', async () => {
    const value = 'avg:checkout.queue.depth{*}';
    dd.server.handler = metricsApi({
      [value]: t => (t >= T0 + 300 && t < T0 + 420 ? 80 : 10),
    });
    const { buckets } = await source().fetchBuckets(
      bucketsRequest({
        sli: {
          kind: 'timeSlice',
          sliceSeconds: 60,
          operator: '<',
          threshold: 50,
          value: { query: value },
        },
      }),
    );
    expect(dd.server.requests[0].query.query).toBe(`${value}.rollup(avg, 60)`);
    expect(buckets.map(b => [b.start, b.good, b.total])).toEqual([
      [T0, 5, 5],
      [T0 + 300, 3, 5],
    ]);
  });

  it('answers slices shorter than a minute, one bucket per slice as the collector asks', async () => {
    const value = 'avg:checkout.queue.depth{*}';
    dd.server.handler = metricsApi({ [value]: t => (t === T0 + 30 ? 80 : 10) });
    const { buckets } = await source().fetchBuckets(
      bucketsRequest({
        sli: {
          kind: 'timeSlice',
          sliceSeconds: 30,
          operator: '<',
          threshold: 50,
          value: { query: value },
        },
        end: T0 + 90,
        bucketSeconds: 30,
      }),
    );
    expect(dd.server.requests[0].query.query).toBe(`${value}.rollup(avg, 30)`);
    expect(buckets.map(b => [b.start, b.good, b.total])).toEqual([
      [T0, 1, 1],
      [T0 + 30, 0, 1],
      [T0 + 60, 1, 1],
    ]);
  });

  it('reports an hour-long slice in the bucket that ends with it', async () => {
    const good = 'sum:checkout.ok{*}.as_count()';
    const total = 'sum:checkout.all{*}.as_count()';
    dd.server.handler = metricsApi({
      [good]: t => (t === T0 ? 990 : 900),
      [total]: () => 1000,
    });
    const { buckets } = await source().fetchBuckets(
      bucketsRequest({
        sli: {
          kind: 'timeSlice',
          sliceSeconds: 3600,
          operator: '>=',
          threshold: 0.95,
          value: {
            good: { selector: 'checkout.ok' },
            total: { selector: 'checkout.all' },
          },
        },
        end: T0 + 7200,
      }),
    );
    expect(dd.server.requests.map(r => r.query.query).sort()).toEqual(
      [`${total}.rollup(sum, 3600)`, `${good}.rollup(sum, 3600)`].sort(),
    );
    // Slice [T0, T0+1h) ends in the bucket at T0+55m; slice [T0+1h, T0+2h) at T0+1h55m.
    expect(buckets).toEqual([
      { start: T0 + 3300, durationSeconds: 300, good: 1, total: 1 },
      { start: T0 + 6900, durationSeconds: 300, good: 0, total: 1 },
    ]);
  });

  it('refuses an SLI it cannot query, before sending anything', async () => {
    const error = await failure(
      source().fetchBuckets(
        bucketsRequest({
          sli: {
            kind: 'ratio',
            good: { query: 'sum:a{*}.as_count().rollup(sum, 60)' },
            total: { selector: 'b' },
          },
        }),
      ),
    );
    expect(error.retryable).toBe(false);
    expect(error.message).toContain(SLO);
    expect(error.message).toMatch(/sets its own \.rollup\(\) interval/);
    expect(dd.server.requests).toHaveLength(0);
  });

  it('links to the metrics explorer of the configured site', () => {
    const url = new URL(
      source({ site: 'datadoghq.eu' }).exploreUrl(availability, {
        start: T0,
        end: T0 + 3600,
      })!,
    );
    expect(url.origin).toBe('https://app.datadoghq.eu');
    expect(url.pathname).toBe('/metric/explorer');
    expect(url.searchParams.get('exp_metric')).toBe('trace.http.request.hits');
    expect(url.searchParams.get('exp_scope')).toBe('service:checkout');
    expect(url.searchParams.get('from_ts')).toBe(String(T0 * 1000));
  });

  it('declares what it can answer', () => {
    expect(source().capabilities()).toEqual({
      sliKinds: ['ratio', 'latency', 'timeSlice'],
      minBucketSeconds: 60,
      maxBucketsPerRequest: 1499,
      retentionSeconds: 450 * 86_400,
    });
  });
});
