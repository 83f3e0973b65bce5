import type { DatadogSloSourceOptions } from './DatadogSloSource';
import {
  API_KEY,
  APP_KEY,
  SLO,
  T0,
  availabilityApi,
  bucketsRequest,
  datadogSourceHarness,
} from './__testUtils__/datadogSourceHarness';
import { FakeDatadogServer, FakeReply } from './testUtils/FakeDatadogServer';

/** Datadog's answer once the rate limit is hit, resetting in `resetSeconds`. */
function rateLimited(resetSeconds: number): FakeReply {
  return {
    status: 429,
    headers: { 'X-RateLimit-Reset': String(resetSeconds) },
    body: { errors: ['Rate limited'] },
  };
}

describe('DatadogSloSource errors and rate limits', () => {
  const dd = datadogSourceHarness();
  const { source, failure } = dd;

  it('reports a bad query with Datadog errors, the SLO, the instance and the query', async () => {
    dd.server.handler = () => ({
      status: 400,
      body: {
        errors: [
          "Error parsing query: unable to parse sum:trace.http.request.hits{service:checkout: Rule 'scope_expr' didn't match",
        ],
      },
    });
    const error = await failure(source().fetchBuckets(bucketsRequest()));
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
    dd.server.handler = () => ({
      status: 403,
      body: { errors: ['Forbidden'] },
    });
    const error = await failure(source().fetchBuckets(bucketsRequest()));
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(
      /refused the API or application key \(HTTP 403\): Forbidden/,
    );
    expect(error.message).toContain('slo.sources.datadog.dd-test.apiKey');
    expect(error.message).not.toContain(API_KEY);
    expect(error.message).not.toContain(APP_KEY);
  });

  it('never repeats a key that an error page echoes', async () => {
    dd.server.handler = request => ({
      status: 502,
      body: `<html>bad gateway for key ${request.headers['dd-api-key']}</html>`,
    });
    const error = await failure(source().fetchBuckets(bucketsRequest()));
    expect(error.retryable).toBe(true);
    expect(error.message).toContain('HTTP 502');
    expect(error.message).toContain('[redacted]');
    expect(error.message).not.toContain(API_KEY);
  });

  // Failures that differ only in what Datadog answers, how the source is
  // configured, whether asking again may help and what the message says.
  it.each<{
    name: string;
    reply: FakeReply;
    options?: Partial<DatadogSloSourceOptions>;
    retryable: boolean;
    message: string | RegExp;
  }>([
    {
      name: 'reports status "error" in a 200 answer as a query problem',
      reply: {
        body: { status: 'error', error: 'Metric not found: nope', series: [] },
      },
      retryable: false,
      message: 'Metric not found: nope',
    },
    {
      name: 'reports server errors (5xx) as retryable',
      reply: { status: 503, body: { errors: ['Service unavailable'] } },
      retryable: true,
      message: /HTTP 503: Service unavailable/,
    },
    {
      name: 'times out a request that gets no answer, as retryable',
      reply: { delayMs: 5_000, body: {} },
      options: { timeoutMs: 200 },
      retryable: true,
      message: /gave no answer within 200 ms/,
    },
  ])('$name', async ({ reply, options, retryable, message }) => {
    dd.server.handler = () => reply;
    const error = await failure(source(options).fetchBuckets(bucketsRequest()));
    expect(error.retryable).toBe(retryable);
    // A string is matched as a substring, as toContain would.
    expect(error.message).toMatch(message);
  });

  it('waits for X-RateLimit-Reset after a 429, then succeeds', async () => {
    const api = availabilityApi(10, 0);
    let limited = false;
    dd.server.handler = request => {
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
    const result = await source({
      maxConcurrentRequests: 1,
      logger,
      ...dd.fakeClock(1_000_000),
    }).fetchBuckets(bucketsRequest());
    expect(result.buckets.map(b => b.total)).toEqual([10, 10]);
    expect(dd.server.requests).toHaveLength(3);
    expect(dd.sleeps).toEqual([7000]);
    expect(warnings.join('\n')).toMatch(
      /rate limited \(100 requests per 60 s\)/,
    );
    expect(warnings.join('\n')).not.toContain(API_KEY);
  });

  it('gives up after bounded retries on repeated 429s, asking the collector to defer the SLO', async () => {
    dd.server.handler = () => rateLimited(1);
    const error = await failure(
      source({ maxRateLimitRetries: 2 }).fetchBuckets(bucketsRequest()),
    );
    // Asking again in this cycle would not help: the collector defers it.
    expect(error.retryable).toBe(false);
    expect(error.rateLimitedUntil).toBeGreaterThan(Date.now() / 1000);
    expect(error.message).toMatch(/HTTP 429.*after 2 retries/);
    // Each query: the first try and two retries; the other query stops once one fails.
    expect(dd.server.requests.length).toBeLessThanOrEqual(6);
  });

  it('does not wait out a reset longer than its limit; the collector defers the SLO until the reset', async () => {
    dd.server.handler = () => rateLimited(3600);
    const error = await failure(
      source({
        maxConcurrentRequests: 1,
        ...dd.fakeClock(1_000_000),
      }).fetchBuckets(bucketsRequest()),
    );
    expect(error.retryable).toBe(false);
    expect(error.rateLimitedUntil).toBe(1_000_000 / 1000 + 3600);
    expect(error.message).toMatch(/resets in 3600 s/);
    expect(dd.sleeps).toEqual([]);
  });

  it('holds the next request until the window resets when X-RateLimit-Remaining hits 0', async () => {
    const api = availabilityApi(10, 0);
    dd.server.handler = request => ({
      ...api(request),
      headers: {
        'X-RateLimit-Limit': '2',
        'X-RateLimit-Period': '10',
        'X-RateLimit-Remaining': dd.server.requests.length === 1 ? '0' : '1',
        'X-RateLimit-Reset': '4',
      },
    });
    await source({
      maxConcurrentRequests: 1,
      ...dd.fakeClock(1_000_000),
    }).fetchBuckets(bucketsRequest());
    expect(dd.server.requests).toHaveLength(2);
    expect(dd.sleeps).toEqual([4000]);
  });

  it('reports an unreachable API as retryable, naming the host only', async () => {
    const baseUrl = dd.server.baseUrl;
    await dd.server.close();
    const error = await failure(
      source({ baseUrl }).fetchBuckets(bucketsRequest()),
    );
    expect(error.retryable).toBe(true);
    expect(error.message).toContain(
      `Could not reach Datadog at ${baseUrl.replace('http://', '')}`,
    );
    dd.server = await FakeDatadogServer.start();
  });

  it('stops when the collector cancels', async () => {
    dd.server.handler = () => ({ delayMs: 5_000, body: {} });
    const controller = new AbortController();
    const pending = source().fetchBuckets(
      bucketsRequest({ signal: controller.signal }),
    );
    setTimeout(() => controller.abort(), 50);
    const error = await failure(pending);
    expect(error.message).toMatch(/cancelled/);
  });

  it('keeps at most maxConcurrentRequests queries in flight', async () => {
    const api = availabilityApi(10, 1);
    dd.server.handler = request => ({ ...api(request), delayMs: 20 });
    const limited = source({ maxConcurrentRequests: 2, maxPointsPerQuery: 20 });
    await Promise.all(
      ['a', 'b'].map(name =>
        limited.fetchBuckets(
          bucketsRequest({ sloId: `${SLO}-${name}`, end: T0 + 86_400 }),
        ),
      ),
    );
    expect(dd.server.requests.length).toBeGreaterThan(20);
    expect(dd.server.maxInFlight).toBe(2);
  });

  it('reports its query budget: queriesPerHour from config and the window from the last X-RateLimit-* headers', async () => {
    let now = 1_000_000_000;
    dd.server.handler = r => ({
      ...availabilityApi(10, 1)(r),
      headers: {
        'X-RateLimit-Limit': '1600',
        'X-RateLimit-Period': '3600',
        'X-RateLimit-Remaining': '1598',
        'X-RateLimit-Reset': '1200',
      },
    });
    const budgeted = source({ queriesPerHour: 1200, now: () => now });
    expect(budgeted.queryBudget()).toEqual({
      label: 'Datadog query budget',
      queriesPerHour: 1200,
      rateLimit: undefined,
    });
    expect(source().queryBudget()).toBeUndefined();
    await budgeted.fetchBuckets(bucketsRequest());
    now += 1000;
    expect(budgeted.queryBudget()).toEqual({
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
