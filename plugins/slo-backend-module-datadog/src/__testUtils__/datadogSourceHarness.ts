import type { SliSpec } from '@slo-kit/plugin-slo-common';
import {
  SloSourceError,
  type SloSourceRequest,
} from '@slo-kit/plugin-slo-node';
import { DatadogSloSource, DatadogSloSourceOptions } from '../DatadogSloSource';
import { FakeDatadogServer, metricsApi } from '../testUtils/FakeDatadogServer';

/** The API key tests configure; no message may ever contain it. */
export const API_KEY = 'test-api-key-0123456789abcdef';
/** The application key tests configure; no message may ever contain it. */
export const APP_KEY = 'test-app-key-fedcba9876543210';
/** 2025-03-01T00:00:00Z: aligned to days, hours and 5-minute buckets. */
export const T0 = 1_740_787_200;
/** The SLO id requests name, so messages can be checked for it. */
export const SLO = 'component:default/checkout/checkout-availability';

/** The total query {@link availability} sends, before its rollup. */
export const HITS = 'sum:trace.http.request.hits{service:checkout}.as_count()';
/** The bad query {@link availability} sends, before its rollup. */
export const ERRORS =
  'sum:trace.http.request.errors{service:checkout}.as_count()';

/** A ratio SLI of errors over hits of one service. */
export const availability: SliSpec = {
  kind: 'ratio',
  bad: { selector: 'trace.http.request.errors{service:checkout}' },
  total: { selector: 'trace.http.request.hits{service:checkout}' },
};

/**
 * A fake metrics API whose {@link availability} series have `hits` requests
 * and `errors` errors at every point.
 */
export function availabilityApi(hits: number, errors: number) {
  return metricsApi({ [HITS]: () => hits, [ERRORS]: () => errors });
}

/**
 * The request most tests send: {@link availability} for {@link SLO} over two
 * 5-minute buckets from {@link T0}; `overrides` name what a test is about.
 */
export function bucketsRequest(
  overrides: Partial<SloSourceRequest> = {},
): SloSourceRequest {
  return {
    sloId: SLO,
    sli: availability,
    start: T0,
    end: T0 + 600,
    bucketSeconds: 300,
    ...overrides,
  };
}

/** What {@link datadogSourceHarness} gives each test. */
export interface DatadogSourceHarness {
  /** This test's fake Datadog API; a test that closes it may start another. */
  server: FakeDatadogServer;
  /** The rate-limit waits (ms) the source asked for, in order. */
  sleeps: number[];
  /** A source named `dd-test` on {@link server}, whose waits are recorded, not slept. */
  source(options?: Partial<DatadogSloSourceOptions>): DatadogSloSource;
  /** The error a failing fetch throws, for assertions on its fields. */
  failure(promise: Promise<unknown>): Promise<SloSourceError>;
  /**
   * Options for a source on a fake clock that starts at `startMs` and moves
   * only when the source waits (each wait is still recorded in {@link sleeps}).
   */
  fakeClock(startMs: number): Pick<DatadogSloSourceOptions, 'now' | 'sleep'>;
}

/**
 * Starts a {@link FakeDatadogServer} before each test of the calling
 * `describe` and closes it after, and builds sources that talk to it.
 */
export function datadogSourceHarness(): DatadogSourceHarness {
  const harness: DatadogSourceHarness = {
    // Set by beforeEach before any test can read it.
    server: undefined as unknown as FakeDatadogServer,
    sleeps: [],
    source(options = {}) {
      return new DatadogSloSource({
        name: 'dd-test',
        baseUrl: options.baseUrl ?? harness.server.baseUrl,
        apiKey: API_KEY,
        applicationKey: APP_KEY,
        // Rate-limit waits are recorded, not slept, so tests stay fast.
        sleep: async ms => {
          harness.sleeps.push(ms);
        },
        ...options,
      });
    },
    async failure(promise) {
      const error = await promise.then(
        () => undefined,
        e => e,
      );
      expect(error).toBeInstanceOf(SloSourceError);
      return error as SloSourceError;
    },
    fakeClock(startMs) {
      let now = startMs;
      return {
        now: () => now,
        sleep: async ms => {
          harness.sleeps.push(ms);
          now += ms;
        },
      };
    },
  };

  beforeEach(async () => {
    harness.server = await FakeDatadogServer.start();
    harness.sleeps = [];
  });

  afterEach(async () => {
    await harness.server.close();
  });

  return harness;
}
