import { ConfigReader } from '@backstage/config';
import { readSloBackendConfig } from './readSloBackendConfig';

const read = (slo: object) => readSloBackendConfig(new ConfigReader({ slo }));

describe('readSloBackendConfig', () => {
  it('fills in defaults', () => {
    expect(readSloBackendConfig(new ConfigReader({}))).toEqual({
      defaultSource: undefined,
      fixedNow: undefined,
      coverageThreshold: 0.9,
      minimumEvents: 0,
      cache: { figures: 40_000, charts: 2_000 },
      review: { timeZone: 'UTC' },
      collector: {
        frequency: { minutes: 5 },
        timeout: { minutes: 15 },
        initialDelay: { seconds: 10 },
        requestTimeoutMs: 30000,
        maxAttempts: 3,
        backfillDays: 90,
        bucketSeconds: 300,
        concurrency: 4,
        fineRetentionDays: 8,
        retentionDays: 400,
      },
      suggestions: {
        enabled: true,
        frequency: { hours: 6 },
        initialDelay: { minutes: 5 },
        timeout: { hours: 1 },
        concurrency: 2,
        maxQueriesPerRun: 20000,
      },
    });
  });

  it('reads how many figures the evaluator keeps, as whole positive numbers', () => {
    expect(read({ cache: { figures: 100_000, charts: 50 } }).cache).toEqual({
      figures: 100_000,
      charts: 50,
    });
    expect(() => read({ cache: { figures: 0 } })).toThrow(
      'Invalid app-config value slo.cache.figures: 0. It must be a positive whole number.',
    );
    expect(() => read({ cache: { charts: 1.5 } })).toThrow(
      'slo.cache.charts: 1.5',
    );
  });

  it('reads the suggestion job settings', () => {
    const config = read({
      suggestions: {
        enabled: false,
        frequency: '1h',
        concurrency: 1,
        maxQueriesPerRun: 500,
      },
    });
    expect(config.suggestions).toMatchObject({
      enabled: false,
      frequency: { hours: 1 },
      concurrency: 1,
      maxQueriesPerRun: 500,
    });
    expect(() => read({ suggestions: { maxQueriesPerRun: 0 } })).toThrow(
      'Invalid app-config value slo.suggestions.maxQueriesPerRun: 0. It must be a positive whole number.',
    );
  });

  it('reads durations in every Backstage spelling and a fixed now', () => {
    const config = read({
      now: '2026-11-20T00:00:00Z',
      collector: {
        frequency: '1m',
        timeout: 'PT10M',
        requestTimeout: { seconds: 5 },
      },
    });
    expect(config.fixedNow).toBe(1795132800);
    expect(config.collector.requestTimeoutMs).toBe(5000);
    expect(read({ now: 1795132800 }).fixedNow).toBe(1795132800);
  });

  it.each([
    [
      { collector: { bucketSeconds: 420 } },
      /slo.collector.bucketSeconds: 420. It must divide one hour evenly/,
    ],
    [
      { collector: { concurrency: 0 } },
      'Invalid app-config value slo.collector.concurrency: 0. It must be a positive whole number.',
    ],
    [
      { coverageThreshold: 2 },
      'Invalid app-config value slo.coverageThreshold: 2. It must be a positive number no greater than 1.',
    ],
    [{ now: 'yesterday' }, /slo.now: "yesterday". Use an ISO-8601 time/],
    [{ minimumEvents: -1 }, /slo.minimumEvents: -1/],
    [
      { review: { timeZone: 'Mars/Olympus' } },
      /slo.review.timeZone: "Mars\/Olympus"/,
    ],
  ])('refuses %j with a message naming the key', (slo, message) => {
    expect(() => read(slo)).toThrow(message);
  });
});
