import type { SliSpec } from '@slo-kit/plugin-slo-common';
import { SloSourceError } from '@slo-kit/plugin-slo-node';
import { DatadogSloSource, DatadogSloSourceOptions } from './DatadogSloSource';
import {
  FakeDatadogServer,
  metricsApi,
} from './testUtils/FakeDatadogServer';

const API_KEY = 'test-api-key-0123456789abcdef';
const APP_KEY = 'test-app-key-fedcba9876543210';
/** 2025-03-01T00:00:00Z: aligned to days, hours and 5-minute buckets. */
const T0 = 1_740_787_200;
const SLO = 'component:default/checkout/checkout-availability';

const HITS = 'sum:trace.http.request.hits{service:checkout}.as_count()';
const ERRORS = 'sum:trace.http.request.errors{service:checkout}.as_count()';

const availability: SliSpec = {
  kind: 'ratio',
  bad: { selector: 'trace.http.request.errors{service:checkout}' },
  total: { selector: 'trace.http.request.hits{service:checkout}' },
};

describe('DatadogSloSource errors and rate limits', () => {
  let server: FakeDatadogServer;
  let sleeps: number[];

  beforeEach(async () => {
    server = await FakeDatadogServer.start();
    sleeps = [];
  });

  afterEach(async () => {
    await server.close();
  });

  function source(options: Partial<DatadogSloSourceOptions> = {}) {
    return new DatadogSloSource({
      name: 'dd-test',
      baseUrl: options.baseUrl ?? server.baseUrl,
      apiKey: API_KEY,
      applicationKey: APP_KEY,
      // Rate-limit waits are recorded, not slept, so tests stay fast.
      sleep: async ms => {
        sleeps.push(ms);
      },
      ...options,
    });
  }

  /** The error a failing fetch throws, for assertions on its fields. */
  async function failure(promise: Promise<unknown>): Promise<SloSourceError> {
    const error = await promise.then(
      () => undefined,
      e => e,
    );
    expect(error).toBeInstanceOf(SloSourceError);
    return error as SloSourceError;
  }

  it('reports a bad query with Datadog errors, the SLO, the instance and the query', async () => {
    server.handler = () => ({
      status: 400,
      body: {
        errors: [
          "Error parsing query: unable to parse sum:trace.http.request.hits{service:checkout: Rule 'scope_expr' didn't match",
        ],
      },
    });
    const error = await failure(
      source().fetchBuckets({
        sloId: SLO,
        sli: availability,
        start: T0,
        end: T0 + 600,
        bucketSeconds: 300,
      }),
    );
    expect(error.retryable).toBe(false);
    expect(error.message).toContain(`Datadog source "dd-test"`);
    expect(error.message).toContain(SLO);
    expect(error.message).toContain('HTTP 400');
    expect(error.message).toContain("Rule 'scope_expr' didn't match");
    expect(error.message).toContain('.rollup(sum, 300)');
    expect(error.message).not.toContain(API_KEY);
    expect(error.message).not.toContain(APP_KEY);
  });

  it('reports refused keys (403) without the keys, pointing at the config', async () => {
    server.handler = () => ({ status: 403, body: { errors: ['Forbidden'] } });
    const error = await failure(
      source().fetchBuckets({
        sloId: SLO,
        sli: availability,
        start: T0,
        end: T0 + 600,
        bucketSeconds: 300,
      }),
    );
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(
      /refused the API or application key \(HTTP 403\): Forbidden/,
    );
    expect(error.message).toContain('slo.sources.datadog.dd-test.apiKey');
    expect(error.message).not.toContain(API_KEY);
    expect(error.message).not.toContain(APP_KEY);
  });

  it('never repeats a key that an error page echoes', async () => {
    server.handler = request => ({
      status: 502,
      body: `<html>bad gateway for key ${request.headers['dd-api-key']}</html>`,
    });
    const error = await failure(
      source().fetchBuckets({
        sloId: SLO,
        sli: availability,
        start: T0,
        end: T0 + 600,
        bucketSeconds: 300,
      }),
    );
    expect(error.retryable).toBe(true);
    expect(error.message).toContain('HTTP 502');
    expect(error.message).toContain('[redacted]');
    expect(error.message).not.toContain(API_KEY);
  });

  it('reports status "error" in a 200 answer as a query problem', async () => {
    server.handler = () => ({
      body: { status: 'error', error: 'Metric not found: nope', series: [] },
    });
    const error = await failure(
      source().fetchBuckets({
        sloId: SLO,
        sli: availability,
        start: T0,
        end: T0 + 600,
        bucketSeconds: 300,
      }),
    );
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('Metric not found: nope');
  });

  it('waits for X-RateLimit-Reset after a 429, then succeeds', async () => {
    const api = metricsApi({ [HITS]: () => 10, [ERRORS]: () => 0 });
    let limited = false;
    server.handler = request => {
      if (!limited) {
        limited = true;
        return {
          status: 429,
          headers: {
            'X-RateLimit-Limit': '100',
            'X-RateLimit-Period': '60',
            'X-RateLimit-Remaining': '0',
            'X-RateLimit-Reset': '7',
          },
          body: {
            errors: ['Rate limit of 100 requests in 60 seconds reached'],
          },
        };
      }
      return api(request);
    };
    const warnings: string[] = [];
    const logger = {
      warn: (message: string) => warnings.push(message),
    } as unknown as DatadogSloSourceOptions['logger'];
    let now = 1_000_000;
    const result = await source({
      maxConcurrentRequests: 1,
      logger,
      now: () => now,
      sleep: async ms => {
        sleeps.push(ms);
        now += ms;
      },
    }).fetchBuckets({
      sloId: SLO,
      sli: availability,
      start: T0,
      end: T0 + 600,
      bucketSeconds: 300,
    });
    expect(result.buckets.map(b => b.total)).toEqual([10, 10]);
    expect(server.requests).toHaveLength(3);
    expect(sleeps).toEqual([7000]);
    expect(warnings.join('\n')).toMatch(
      /rate limited \(100 requests per 60 s\)/,
    );
    expect(warnings.join('\n')).not.toContain(API_KEY);
  });

  it('gives up after bounded retries on repeated 429s, asking the collector to defer the SLO', async () => {
    server.handler = () => ({
      status: 429,
      headers: { 'X-RateLimit-Reset': '1' },
      body: { errors: ['Rate limited'] },
    });
    const error = await failure(
      source({ maxRateLimitRetries: 2 }).fetchBuckets({
        sloId: SLO,
        sli: availability,
        start: T0,
        end: T0 + 600,
        bucketSeconds: 300,
      }),
    );
    // Asking again in this cycle would not help: the collector defers it.
    expect(error.retryable).toBe(false);
    expect(error.rateLimitedUntil).toBeGreaterThan(Date.now() / 1000);
    expect(error.message).toMatch(/HTTP 429.*after 2 retries/);
    // Each query: the first try and two retries; the other query stops once one fails.
    expect(server.requests.length).toBeLessThanOrEqual(6);
  });

  it('does not wait out a reset longer than its limit; the collector defers the SLO until the reset', async () => {
    let now = 1_000_000;
    server.handler = () => ({
      status: 429,
      headers: { 'X-RateLimit-Reset': '3600' },
      body: { errors: ['Rate limited'] },
    });
    const error = await failure(
      source({
        maxConcurrentRequests: 1,
        now: () => now,
        sleep: async ms => {
          sleeps.push(ms);
          now += ms;
        },
      }).fetchBuckets({
        sloId: SLO,
        sli: availability,
        start: T0,
        end: T0 + 600,
        bucketSeconds: 300,
      }),
    );
    expect(error.retryable).toBe(false);
    expect(error.rateLimitedUntil).toBe(1_000_000 / 1000 + 3600);
    expect(error.message).toMatch(/resets in 3600 s/);
    expect(sleeps).toEqual([]);
  });

  it('holds the next request until the window resets when X-RateLimit-Remaining hits 0', async () => {
    const api = metricsApi({ [HITS]: () => 10, [ERRORS]: () => 0 });
    let now = 1_000_000;
    server.handler = request => ({
      ...api(request),
      headers: {
        'X-RateLimit-Limit': '2',
        'X-RateLimit-Period': '10',
        'X-RateLimit-Remaining': server.requests.length === 1 ? '0' : '1',
        'X-RateLimit-Reset': '4',
      },
    });
    await source({
      maxConcurrentRequests: 1,
      now: () => now,
      sleep: async ms => {
        sleeps.push(ms);
        now += ms;
      },
    }).fetchBuckets({
      sloId: SLO,
      sli: availability,
      start: T0,
      end: T0 + 600,
      bucketSeconds: 300,
    });
    expect(server.requests).toHaveLength(2);
    expect(sleeps).toEqual([4000]);
  });

  it('reports server errors (5xx) as retryable', async () => {
    server.handler = () => ({
      status: 503,
      body: { errors: ['Service unavailable'] },
    });
    const error = await failure(
      source().fetchBuckets({
        sloId: SLO,
        sli: availability,
        start: T0,
        end: T0 + 600,
        bucketSeconds: 300,
      }),
    );
    expect(error.retryable).toBe(true);
    expect(error.message).toMatch(/HTTP 503: Service unavailable/);
  });

  it('times out a request that gets no answer, as retryable', async () => {
    server.handler = () => ({ delayMs: 5_000, body: {} });
    const error = await failure(
      source({ timeoutMs: 200 }).fetchBuckets({
        sloId: SLO,
        sli: availability,
        start: T0,
        end: T0 + 600,
        bucketSeconds: 300,
      }),
    );
    expect(error.retryable).toBe(true);
    expect(error.message).toMatch(/gave no answer within 200 ms/);
  });

  it('reports an unreachable API as retryable, naming the host only', async () => {
    const baseUrl = server.baseUrl;
    await server.close();
    const error = await failure(
      source({ baseUrl }).fetchBuckets({
        sloId: SLO,
        sli: availability,
        start: T0,
        end: T0 + 600,
        bucketSeconds: 300,
      }),
    );
    expect(error.retryable).toBe(true);
    expect(error.message).toContain(
      `Could not reach Datadog at ${baseUrl.replace('http://', '')}`,
    );
    server = await FakeDatadogServer.start();
  });

  it('stops when the collector cancels', async () => {
    server.handler = () => ({ delayMs: 5_000, body: {} });
    const controller = new AbortController();
    const pending = source().fetchBuckets({
      sloId: SLO,
      sli: availability,
      start: T0,
      end: T0 + 600,
      bucketSeconds: 300,
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 50);
    const error = await failure(pending);
    expect(error.message).toMatch(/cancelled/);
  });

  it('keeps at most maxConcurrentRequests queries in flight', async () => {
    const api = metricsApi({ [HITS]: () => 10, [ERRORS]: () => 1 });
    server.handler = request => ({ ...api(request), delayMs: 20 });
    const dd = source({ maxConcurrentRequests: 2, maxPointsPerQuery: 20 });
    await Promise.all(
      ['a', 'b'].map(name =>
        dd.fetchBuckets({
          sloId: `${SLO}-${name}`,
          sli: availability,
          start: T0,
          end: T0 + 86_400,
          bucketSeconds: 300,
        }),
      ),
    );
    expect(server.requests.length).toBeGreaterThan(20);
    expect(server.maxInFlight).toBe(2);
  });

  it('reports its query budget: queriesPerHour from config and the window from the last X-RateLimit-* headers', async () => {
    let now = 1_000_000_000;
    server.handler = r => ({
      ...metricsApi({ [HITS]: () => 10, [ERRORS]: () => 1 })(r),
      headers: {
        'X-RateLimit-Limit': '1600',
        'X-RateLimit-Period': '3600',
        'X-RateLimit-Remaining': '1598',
        'X-RateLimit-Reset': '1200',
      },
    });
    const dd = source({ queriesPerHour: 1200, now: () => now });
    expect(dd.queryBudget()).toEqual({
      label: 'Datadog query budget',
      queriesPerHour: 1200,
      rateLimit: undefined,
    });
    expect(source().queryBudget()).toBeUndefined();
    await dd.fetchBuckets({
      sloId: SLO,
      sli: availability,
      start: T0,
      end: T0 + 600,
      bucketSeconds: 300,
    });
    now += 1000;
    expect(dd.queryBudget()).toEqual({
      label: 'Datadog query budget',
      queriesPerHour: 1200,
      rateLimit: {
        limit: 1600,
        periodSeconds: 3600,
        remaining: 1598,
        resetAt: 1_000_000 + 1200,
      },
    });
  });
});
