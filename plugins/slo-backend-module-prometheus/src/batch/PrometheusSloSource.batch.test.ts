import type { SliSpec } from '@slo-kit/plugin-slo-common';
import { SloSourceError } from '@slo-kit/plugin-slo-node';
import { PrometheusSloSource } from '../PrometheusSloSource';
import type { PrometheusSourceConfig } from '../readPrometheusSources';
import { sendJson, startFakePrometheus } from '../testServer';
import { BATCH_SIDE_LABEL } from './batchQuery';

const T0 = 1_795_132_800 - 86400;

const ratio = (service: string): SliSpec => ({
  kind: 'ratio',
  good: {
    selector: `http_requests_total{service=${JSON.stringify(
      service,
    )},code!~"5.."}`,
  },
  total: {
    selector: `http_requests_total{service=${JSON.stringify(service)}}`,
  },
});

const request = (service: string, overrides = {}) => ({
  sloId: `component:default/${service}/availability`,
  sli: ratio(service),
  start: T0,
  end: T0 + 900,
  bucketSeconds: 300,
  ...overrides,
});

function config(
  baseUrl: string,
  overrides: Partial<PrometheusSourceConfig> = {},
): PrometheusSourceConfig {
  return {
    name: 'prod',
    baseUrl,
    headers: {},
    timeoutMs: 5000,
    maxConcurrentQueries: 4,
    maxPointsPerRequest: 10000,
    ...overrides,
  };
}

/** A matrix series of `side` for `service`: `value` at every evaluation time. */
function series(
  form: URLSearchParams,
  service: string,
  side: string,
  value: number,
) {
  const values: Array<[number, string]> = [];
  for (
    let time = Number(form.get('start'));
    time <= Number(form.get('end'));
    time += Number(form.get('step'))
  ) {
    values.push([time, String(value)]);
  }
  return { metric: { service, [BATCH_SIDE_LABEL]: side }, values };
}

describe('PrometheusSloSource batches', () => {
  const servers: Array<{ close(): Promise<void> }> = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map(server => server.close()));
  });

  it('plans SLOs that differ in one label value, within maxValues, and leaves full queries alone', () => {
    const source = new PrometheusSloSource(
      config('http://127.0.0.1:1', {
        batch: { enabled: true, maxValues: 2, maxPoints: 250_000 },
      }),
    );
    const requests = [
      request('a'),
      request('b'),
      request('c'),
      // The same service twice (two SLOs over the same counters): one value.
      { ...request('c'), sloId: 'component:default/c/availability-7d' },
      request('d', { start: T0 - 300 }), // another range: alone
      { ...request('e'), sli: { ...ratio('e'), total: { query: 'x' } } },
    ];
    const batches = source.planBatches(requests);
    expect(batches.map(batch => batch.map(r => r.sloId))).toEqual([
      ['component:default/a/availability', 'component:default/b/availability'],
      [
        'component:default/c/availability',
        'component:default/c/availability-7d',
      ],
      // Alone in its range, still one query for good and total.
      ['component:default/d/availability'],
    ]);
    const off = new PrometheusSloSource(
      config('http://127.0.0.1:1', {
        batch: { enabled: false, maxValues: 2, maxPoints: 250_000 },
      }),
    );
    expect(off.planBatches(requests)).toEqual([]);
  });

  it('splits the answer per SLO; a value without series gets what its single query gets', async () => {
    const server = await startFakePrometheus((req, res) => {
      const { form } = req;
      const query = form.get('query')!;
      if (query.startsWith('label_replace')) {
        sendJson(res, 200, {
          status: 'success',
          data: {
            resultType: 'matrix',
            result: [
              series(form, 'a.b', 'good', 99),
              series(form, 'a.b', 'total', 100),
              // 'x|y' has total but no good series; 'ghost' has nothing.
              series(form, 'x|y', 'total', 7),
            ],
          },
        });
        return;
      }
      sendJson(res, 400, { status: 'error', error: 'unexpected' });
    });
    servers.push(server);
    const source = new PrometheusSloSource(config(server.url));
    const requests = [request('a.b'), request('x|y'), request('ghost')];
    expect(source.planBatches(requests)).toHaveLength(1);
    const answer = await source.fetchBatch(requests);
    expect(answer.queryCount).toBe(1);
    expect(server.requests[0].form.get('query')).toBe(
      'label_replace(sum by (service) (increase(http_requests_total{service=~"a\\\\.b|x\\\\|y|ghost", code!~"5.."}[5m])), "slo_kit_side", "good", "", "")' +
        ' or label_replace(sum by (service) (increase(http_requests_total{service=~"a\\\\.b|x\\\\|y|ghost"}[5m])), "slo_kit_side", "total", "", "")',
    );
    const bucket = (start: number, good: number, total: number) => ({
      start,
      durationSeconds: 300,
      good,
      total,
    });
    expect(answer.results).toEqual([
      {
        buckets: [
          bucket(T0, 99, 100),
          bucket(T0 + 300, 99, 100),
          bucket(T0 + 600, 99, 100),
        ],
      },
      {
        buckets: [
          bucket(T0, 0, 7),
          bucket(T0 + 300, 0, 7),
          bucket(T0 + 600, 0, 7),
        ],
      },
      { buckets: [] },
    ]);
  });

  it('keeps every query within the points budget and the points per series limit', async () => {
    const server = await startFakePrometheus((_req, res) =>
      sendJson(res, 200, {
        status: 'success',
        data: { resultType: 'matrix', result: [] },
      }),
    );
    servers.push(server);
    const source = new PrometheusSloSource(
      config(server.url, {
        maxPointsPerRequest: 50,
        batch: { enabled: true, maxValues: 100, maxPoints: 400 },
      }),
    );
    // 4 values × 2 sides = 8 series: 50 points each per query; 288 points in all.
    const requests = ['a', 'b', 'c', 'd'].map(service =>
      request(service, { end: T0 + 86400 }),
    );
    const answer = await source.fetchBatch(requests);
    const points = server.requests.map(
      r =>
        (Number(r.form.get('end')) - Number(r.form.get('start'))) /
          Number(r.form.get('step')) +
        1,
    );
    expect(answer.queryCount).toBe(server.requests.length);
    expect(Math.max(...points)).toBe(50);
    expect(points.reduce((sum, n) => sum + n, 0)).toBe(288);
  });

  it('fails as a whole with a message naming the batch, for the collector to ask each alone', async () => {
    const server = await startFakePrometheus((_req, res) =>
      sendJson(res, 422, {
        status: 'error',
        errorType: 'execution',
        error: 'query processing would load too many samples into memory',
      }),
    );
    servers.push(server);
    const source = new PrometheusSloSource(config(server.url));
    const error = await source
      .fetchBatch([request('a'), request('b')])
      .catch(e => e);
    expect(error).toBeInstanceOf(SloSourceError);
    expect(error.message).toMatch(
      /^Batch of 2 SLOs \(component:default\/a\/availability, component:default\/b\/availability\) from Prometheus source 'prod': PromQL error .*too many samples/,
    );
    expect(error.retryable).toBe(false);
    // SLOs that cannot share a query are refused before any query.
    const apart = await source
      .fetchBatch([request('a'), request('b', { start: T0 - 300 })])
      .catch(e => e);
    expect(apart.message).toMatch(/cannot be asked with one query/);
  });
});
