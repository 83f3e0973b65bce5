import type { SliSpec } from '@slo-kit/plugin-slo-common';
import { SloSourceError } from '@slo-kit/plugin-slo-node';
import { PrometheusSloSource } from './PrometheusSloSource';
import type { PrometheusSourceConfig } from './readPrometheusSources';
import { matrixFor, sendJson, startFakePrometheus } from './testServer';

const ratio: SliSpec = {
  kind: 'ratio',
  good: { selector: 'http_requests_total{code!~"5.."}' },
  total: { selector: 'http_requests_total' },
};
const badRatio: SliSpec = {
  kind: 'ratio',
  bad: { selector: 'http_requests_total{code=~"5.."}' },
  total: { selector: 'http_requests_total' },
};
const T0 = 1_795_132_800 - 86400;
const SECRET = 's3cr3t-token-value';

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

function request(
  overrides: Partial<Parameters<PrometheusSloSource['fetchBuckets']>[0]> = {},
) {
  return {
    sloId: 'component:default/checkout/availability',
    sli: ratio,
    start: T0,
    end: T0 + 3600,
    bucketSeconds: 300,
    ...overrides,
  };
}

async function failure(promise: Promise<unknown>): Promise<SloSourceError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SloSourceError) return error;
    throw error;
  }
  throw new Error('expected the request to fail');
}

describe('PrometheusSloSource', () => {
  const servers: Array<{ close(): Promise<void> }> = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map(s => s.close()));
  });
  async function fake(handle: Parameters<typeof startFakePrometheus>[0]) {
    const server = await startFakePrometheus(handle);
    servers.push(server);
    return server;
  }

  it('asks query_range for bucket ends with step = bucket, with auth, tenant and partial-response', async () => {
    const server = await fake((req, res) =>
      sendJson(
        res,
        200,
        matrixFor(req.form, time =>
          req.form.get('query')!.includes('!~') ? time % 7 : 10,
        ),
      ),
    );
    const source = new PrometheusSloSource(
      config(server.url, {
        bearerToken: SECRET,
        tenantId: 'team-a',
        partialResponse: false,
        headers: { 'X-Api-Key': 'k' },
      }),
    );
    const result = await source.fetchBuckets(request());
    expect(server.requests).toHaveLength(2);
    for (const received of server.requests) {
      expect(received.method).toBe('POST');
      expect(received.path).toBe('/api/v1/query_range');
      expect(received.headers.authorization).toBe(`Bearer ${SECRET}`);
      expect(received.headers['x-scope-orgid']).toBe('team-a');
      expect(received.headers['x-api-key']).toBe('k');
      expect(received.form.get('partial_response')).toBe('false');
      expect(received.form.get('start')).toBe(String(T0 + 300));
      expect(received.form.get('end')).toBe(String(T0 + 3600));
      expect(received.form.get('step')).toBe('300');
    }
    expect(server.requests.map(r => r.form.get('query')).sort()).toEqual([
      'sum(increase(http_requests_total[5m]))',
      'sum(increase(http_requests_total{code!~"5.."}[5m]))',
    ]);
    expect(result.queryCount).toBe(2);
    expect(result.buckets).toHaveLength(12);
    // The point at T is the bucket [T - 300, T).
    expect(result.buckets[0]).toEqual({
      start: T0,
      durationSeconds: 300,
      good: (T0 + 300) % 7,
      total: 10,
    });
  });

  it('sends credentials written in baseUrl as basic auth, not in the URL', async () => {
    const server = await fake((req, res) =>
      sendJson(
        res,
        200,
        matrixFor(req.form, () => 1),
      ),
    );
    const base = server.url.replace('http://', 'http://reader:pa%40ss@');
    await new PrometheusSloSource(config(base)).fetchBuckets(request());
    expect(server.requests[0].headers.authorization).toBe(
      `Basic ${Buffer.from('reader:pa@ss').toString('base64')}`,
    );
  });

  it('leaves out buckets without data, and reads a missing good or bad side as zero', async () => {
    const server = await fake((req, res) => {
      const query = req.form.get('query')!;
      if (query.includes('=~')) {
        // Bad events only in the second bucket; a second series adds to it.
        const body = matrixFor(req.form, time =>
          time === T0 + 600 ? 2 : undefined,
        );
        (body.data.result as unknown[]).push(
          ...matrixFor(req.form, time => (time === T0 + 600 ? 1 : 'NaN'), {
            code: '503',
          }).data.result,
        );
        sendJson(res, 200, body);
      } else {
        // No data at all for the third bucket.
        sendJson(
          res,
          200,
          matrixFor(req.form, time => (time === T0 + 900 ? undefined : 100)),
        );
      }
    });
    const source = new PrometheusSloSource(config(server.url));
    const { buckets } = await source.fetchBuckets(
      request({ sli: badRatio, end: T0 + 1200 }),
    );
    expect(buckets).toEqual([
      { start: T0, durationSeconds: 300, good: 100, total: 100 },
      { start: T0 + 300, durationSeconds: 300, good: 97, total: 100 },
      { start: T0 + 900, durationSeconds: 300, good: 100, total: 100 },
    ]);
  });

  it('splits long ranges under maxPointsPerRequest, without gaps or overlaps', async () => {
    const server = await fake((req, res) =>
      sendJson(
        res,
        200,
        matrixFor(req.form, () => 1),
      ),
    );
    const source = new PrometheusSloSource(
      config(server.url, { maxPointsPerRequest: 100 }),
    );
    const result = await source.fetchBuckets(request({ end: T0 + 250 * 300 }));
    expect(result.queryCount).toBe(6);
    const totals = server.requests
      .filter(r => !r.form.get('query')!.includes('!~'))
      .map(r => [Number(r.form.get('start')), Number(r.form.get('end'))])
      .sort((a, b) => a[0] - b[0]);
    expect(totals).toEqual([
      [T0 + 300, T0 + 100 * 300],
      [T0 + 101 * 300, T0 + 200 * 300],
      [T0 + 201 * 300, T0 + 250 * 300],
    ]);
    expect(result.buckets.map(b => b.start)).toEqual(
      Array.from({ length: 250 }, (_, i) => T0 + i * 300),
    );
  });

  it('keeps at most maxConcurrentQueries requests in flight per instance', async () => {
    let inFlight = 0;
    let most = 0;
    const server = await fake(async (req, res) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise(resolve => setTimeout(resolve, 20));
      inFlight--;
      sendJson(
        res,
        200,
        matrixFor(req.form, () => 1),
      );
    });
    const source = new PrometheusSloSource(
      config(server.url, { maxPointsPerRequest: 10, maxConcurrentQueries: 2 }),
    );
    // Two SLOs at once share the instance's limit.
    await Promise.all([
      source.fetchBuckets(request({ end: T0 + 60 * 300 })),
      source.fetchBuckets(
        request({ end: T0 + 60 * 300, sloId: 'component:default/other/x' }),
      ),
    ]);
    expect(server.requests).toHaveLength(24);
    expect(most).toBe(2);
  });

  it('answers a range without bucket ends with no buckets and no queries', async () => {
    const source = new PrometheusSloSource(config('http://127.0.0.1:9'));
    expect(await source.fetchBuckets(request({ end: T0 }))).toEqual({
      buckets: [],
      queryCount: 0,
    });
  });

  describe('errors name the SLO and the instance, say what to do, and never leak secrets', () => {
    const prefix =
      "SLO component:default/checkout/availability from Prometheus source 'prod': ";

    it.each([
      [
        400,
        {
          status: 'error',
          errorType: 'bad_data',
          error: '1:14: parse error: unexpected "}"',
        },
        false,
        /PromQL error from .*\/api\/v1\/query_range \(HTTP 400: bad_data: 1:14: parse error: unexpected "}"\) for query sum\(increase/,
      ],
      [
        422,
        {
          status: 'error',
          errorType: 'execution',
          error: 'query processing would load too many samples',
        },
        false,
        /HTTP 422: execution: query processing would load too many samples/,
      ],
      [
        503,
        {
          status: 'error',
          errorType: 'timeout',
          error: 'query timed out in expression evaluation',
        },
        true,
        /failed \(HTTP 503: timeout: query timed out in expression evaluation\); will retry/,
      ],
      [
        429,
        'Too Many Requests',
        true,
        /failed \(HTTP 429: Too Many Requests\)/,
      ],
      [
        401,
        'Unauthorized',
        false,
        /refused the request \(HTTP 401\); check bearerToken, headers and tenantId of slo.sources.prometheus.prod/,
      ],
      [
        404,
        '404 page not found',
        false,
        /does not exist \(HTTP 404\); baseUrl must point at the Prometheus API root, without \/api\/v1/,
      ],
      [
        200,
        '<html><body>Sign in</body></html>',
        false,
        /did not answer with Prometheus JSON \(got "<html><body>Sign in<\/body><\/html>"\)/,
      ],
    ])('HTTP %p', async (status, body, retryable, message) => {
      const server = await fake((_req, res) => {
        if (typeof body === 'string') {
          res.writeHead(status, { 'Content-Type': 'text/plain' });
          res.end(body);
        } else {
          sendJson(res, status, body);
        }
      });
      const base = server.url.replace('http://', `http://admin:${SECRET}@`);
      const source = new PrometheusSloSource(
        config(base, { bearerToken: SECRET }),
      );
      const error = await failure(source.fetchBuckets(request()));
      expect(error.message.startsWith(prefix)).toBe(true);
      expect(error.message).toMatch(message);
      expect(error.message).not.toContain(SECRET);
      expect(error.message).not.toContain('admin');
      expect(error.retryable).toBe(retryable);
    });

    it.each([
      [500, 'text/plain'],
      [400, 'application/json'],
      [200, 'text/html'],
    ])(
      'a server that echoes the credentials it was sent (HTTP %p, %s)',
      async (status, contentType) => {
        const server = await fake((req, res) => {
          const echo = `got ${JSON.stringify(req.headers)}`;
          res.writeHead(status, { 'Content-Type': contentType });
          res.end(
            contentType === 'application/json'
              ? JSON.stringify({ status: 'error', errorType: 'bad_data', error: echo })
              : echo,
          );
        });
        const headerValue = 'h3ader-s3cret-value';
        for (const source of [
          new PrometheusSloSource(
            config(server.url, {
              bearerToken: SECRET,
              headers: { 'X-Api-Key': headerValue },
            }),
          ),
          new PrometheusSloSource(
            config(server.url.replace('http://', `http://admin:${SECRET}@`)),
          ),
        ]) {
          const error = await failure(source.fetchBuckets(request()));
          // The server's words are shown (cut short), credentials removed.
          expect(error.message).toMatch(/got/);
          expect(error.message).not.toContain(SECRET);
          expect(error.message).not.toContain(headerValue);
          expect(error.message).not.toContain(
            Buffer.from(`admin:${SECRET}`).toString('base64'),
          );
        }
      },
    );

    it('a server that cannot be reached', async () => {
      const server = await fake(() => undefined);
      const url = server.url;
      await server.close();
      const error = await failure(
        new PrometheusSloSource(config(url)).fetchBuckets(request()),
      );
      expect(error.message).toMatch(
        new RegExp(
          `^${prefix}cannot reach ${url}/api/v1/query_range \\(ECONNREFUSED\\); check baseUrl`,
        ),
      );
      expect(error.retryable).toBe(true);
    });

    it('a server that does not answer in time', async () => {
      const server = await fake(() => undefined); // never answers
      const error = await failure(
        new PrometheusSloSource(
          config(server.url, { timeoutMs: 200 }),
        ).fetchBuckets(request()),
      );
      expect(error.message).toMatch(
        /no answer from .* within 0.2 s; raise slo.sources.prometheus.prod.timeout/,
      );
      expect(error.retryable).toBe(true);
    });

    it('a caller that gives up', async () => {
      const server = await fake(() => undefined);
      const controller = new AbortController();
      const pending = new PrometheusSloSource(config(server.url)).fetchBuckets(
        request({ signal: controller.signal }),
      );
      setTimeout(() => controller.abort(), 50);
      const error = await failure(pending);
      expect(error.message).toBe(`${prefix}the query was cancelled`);
    });

    it('a range that is not made of aligned buckets', async () => {
      const error = await failure(
        new PrometheusSloSource(config('http://127.0.0.1:9')).fetchBuckets(
          request({ start: T0 + 60 }),
        ),
      );
      expect(error.message).toBe(
        `${prefix}the range ${T0 + 60}..${
          T0 + 3600
        } is not made of whole 300 s buckets aligned to 300 s`,
      );
      expect(error.retryable).toBe(false);
    });

    it('an SLI Prometheus cannot answer exactly', async () => {
      const error = await failure(
        new PrometheusSloSource(config('http://127.0.0.1:9')).fetchBuckets(
          request({
            sli: {
              kind: 'timeSlice',
              sliceSeconds: 420,
              operator: '<=',
              threshold: 1,
              value: { query: 'x' },
            },
          }),
        ),
      );
      expect(error.message).toMatch(
        new RegExp(`^${prefix}sli.slice: slices of 420 s do not line up`),
      );
      expect(error.retryable).toBe(false);
    });
  });

  describe('answers that would lose or distort events are refused, not stored', () => {
    it('a partial answer (warnings from a store that did not answer) is a retryable error', async () => {
      const server = await fake((req, res) =>
        sendJson(res, 200, {
          ...matrixFor(req.form, () => 10),
          warnings: ['receive 10.0.0.3:10901: rpc error: unavailable'],
        }),
      );
      const error = await failure(
        new PrometheusSloSource(config(server.url)).fetchBuckets(request()),
      );
      expect(error.message).toMatch(
        /answered with only part of the data \(receive 10\.0\.0\.3:10901: rpc error: unavailable\) for query .*; nothing of it is stored and the range is collected again$/,
      );
      expect(error.retryable).toBe(true);
    });

    it('PromQL annotations are not partial answers', async () => {
      const server = await fake((req, res) =>
        sendJson(res, 200, {
          ...matrixFor(req.form, () => 10),
          warnings: [
            'PromQL info: metric might not be a counter, name does not end in _total/_sum/_count/_bucket: "requests"',
          ],
        }),
      );
      const result = await new PrometheusSloSource(
        config(server.url),
      ).fetchBuckets(request());
      expect(result.buckets).toHaveLength(12);
    });

    it.each([
      [[[1, 'lots']], /a sample value "lots", which is not a number/],
      [[['1', '2']], /a sample that is not \[time, "value"\] \(\["1","2"\]\)/],
      ['oops', /a series without a list of values/],
    ])('a matrix with %j as values is malformed', async (values, message) => {
      const server = await fake((_req, res) =>
        sendJson(res, 200, {
          status: 'success',
          data: { resultType: 'matrix', result: [{ metric: {}, values }] },
        }),
      );
      const error = await failure(
        new PrometheusSloSource(config(server.url)).fetchBuckets(request()),
      );
      expect(error.message).toMatch(message);
      expect(error.retryable).toBe(true);
    });

    it('reads NaN and infinities as no value', async () => {
      const server = await fake((req, res) =>
        sendJson(
          res,
          200,
          matrixFor(
            req.form,
            time => ({ [T0 + 300]: 'NaN', [T0 + 600]: '+Inf' }[time] ?? 4),
          ),
        ),
      );
      const result = await new PrometheusSloSource(
        config(server.url),
      ).fetchBuckets(request());
      expect(result.buckets.map(b => b.start)).not.toContain(T0);
      expect(result.buckets.map(b => b.start)).not.toContain(T0 + 300);
      expect(result.buckets).toHaveLength(10);
    });

    it('a negative event count (a counter reset read as a drop) is an error naming the time and query', async () => {
      const server = await fake((req, res) =>
        sendJson(
          res,
          200,
          matrixFor(req.form, time => (time === T0 + 900 ? -1200 : 50)),
        ),
      );
      const error = await failure(
        new PrometheusSloSource(config(server.url)).fetchBuckets(request()),
      );
      expect(error.message).toMatch(
        new RegExp(
          `answered with a negative event count \\(-1200\\) at ${new Date(
            (T0 + 900) * 1000,
          )
            .toISOString()
            .replace(/\./g, '\\.')} for query sum\\(increase`,
        ),
      );
      expect(error.retryable).toBe(false);
    });

    it('treats floating-point noise just below zero as zero', async () => {
      const server = await fake((req, res) =>
        sendJson(res, 200, matrixFor(req.form, () => -1e-12)),
      );
      const result = await new PrometheusSloSource(
        config(server.url),
      ).fetchBuckets(request());
      expect(result.buckets[0]).toMatchObject({ good: 0, total: 0 });
    });
  });

  it('stores whole event counts: floating-point noise from increase() is rounded away', async () => {
    const server = await fake((req, res) =>
      sendJson(
        res,
        200,
        matrixFor(req.form, () =>
          req.form.get('query')!.includes('!~')
            ? '8062383.999999998'
            : '8062385.000000002',
        ),
      ),
    );
    const result = await new PrometheusSloSource(config(server.url)).fetchBuckets(
      request(),
    );
    expect(result.buckets[0]).toMatchObject({ good: 8062384, total: 8062385 });
    expect(
      result.buckets.every(
        b => Number.isInteger(b.good) && Number.isInteger(b.total),
      ),
    ).toBe(true);
  });

  it('links to the graph UI without credentials', () => {
    const source = new PrometheusSloSource(
      config(`https://admin:${SECRET}@prom.example.com/`),
    );
    const link = new URL(
      source.exploreUrl(ratio, { start: T0, end: T0 + 86400 })!,
    );
    expect(`${link.origin}${link.pathname}`).toBe(
      'https://prom.example.com/graph',
    );
    expect(link.toString()).not.toContain(SECRET);
    expect(link.searchParams.get('g0.expr')).toBe(
      '(sum(increase(http_requests_total{code!~"5.."}[5m])) or vector(0))\n/\nsum(increase(http_requests_total[5m]))',
    );
    expect(link.searchParams.get('g0.range_input')).toBe('1d');
    expect(link.searchParams.get('g0.end_input')).toBe('2026-11-20 00:00:00');
    const ui = new PrometheusSloSource(
      config('http://prometheus:9090', {
        exploreUrl: 'https://metrics.example.com/prometheus',
      }),
    );
    expect(ui.exploreUrl(ratio, { start: T0, end: T0 + 86400 })).toMatch(
      /^https:\/\/metrics\.example\.com\/prometheus\/graph\?/,
    );
  });

  it('describes what it can do', () => {
    expect(new PrometheusSloSource(config('http://x')).capabilities()).toEqual({
      sliKinds: ['ratio', 'latency', 'timeSlice'],
      minBucketSeconds: 60,
      maxBucketsPerRequest: 100000,
    });
  });
});
