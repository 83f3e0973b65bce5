import { Config, readDurationFromConfig } from '@backstage/config';
import { HumanDuration, durationToMilliseconds } from '@backstage/types';
import { IANAZone } from 'luxon';

/**
 * The SLO backend's settings, read from the `slo` block of app-config with
 * defaults filled in.
 *
 * @public
 */
export interface SloBackendConfig {
  defaultSource?: string;
  /** Fixed evaluation time in epoch seconds, or undefined to follow the wall clock. */
  fixedNow?: number;
  coverageThreshold: number;
  minimumEvents: number;
  /** Figures kept in memory between requests (`slo.cache`). */
  cache: {
    /** Most statuses, and most scorecard overviews, kept (each). Default 40,000. */
    figures: number;
    /** Most series and period histories kept. Default 2,000. */
    charts: number;
  };
  /** The reliability review (`slo.review`). */
  review: {
    /** Zone of review periods for SLOs with rolling windows (IANA name). Default UTC. */
    timeZone: string;
  };
  collector: {
    frequency: HumanDuration;
    timeout: HumanDuration;
    initialDelay: HumanDuration;
    requestTimeoutMs: number;
    maxAttempts: number;
    backfillDays: number;
    bucketSeconds: number;
    concurrency: number;
    fineRetentionDays: number;
    retentionDays: number;
  };
  /** The scheduled search for suggested SLOs (`slo.suggestions`). */
  suggestions: {
    enabled: boolean;
    frequency: HumanDuration;
    initialDelay: HumanDuration;
    timeout: HumanDuration;
    concurrency: number;
    maxQueriesPerRun: number;
  };
}

function readDuration(
  config: Config,
  key: string,
  fallback: HumanDuration,
): HumanDuration {
  return config.has(key) ? readDurationFromConfig(config, { key }) : fallback;
}

function readPositiveNumber(
  config: Config,
  key: string,
  fallback: number,
  options: { integer?: boolean; max?: number } = {},
): number {
  const value = config.getOptionalNumber(key) ?? fallback;
  const bad =
    !Number.isFinite(value) ||
    value <= 0 ||
    (options.integer && !Number.isInteger(value)) ||
    (options.max !== undefined && value > options.max);
  if (bad) {
    const kind = options.integer
      ? 'a positive whole number'
      : 'a positive number';
    const limit =
      options.max !== undefined ? ` no greater than ${options.max}` : '';
    throw new Error(
      `Invalid app-config value slo.${key}: ${value}. It must be ${kind}${limit}.`,
    );
  }
  return value;
}

function readMinimumEvents(config: Config | undefined): number {
  const value = config?.getOptionalNumber('minimumEvents') ?? 0;
  if (!Number.isFinite(value) || value < 0) {
    throw new Error(
      `Invalid app-config value slo.minimumEvents: ${value}. It must be zero or a positive number of events.`,
    );
  }
  return value;
}

function readReviewTimeZone(config: Config | undefined): string {
  const zone = config?.getOptionalString('review.timeZone') ?? 'UTC';
  if (!IANAZone.isValidZone(zone)) {
    throw new Error(
      `Invalid app-config value slo.review.timeZone: "${zone}". Use an IANA time zone such as UTC or Europe/Berlin.`,
    );
  }
  return zone;
}

/**
 * Parses `slo.now`: ISO-8601 or epoch seconds.
 *
 * @internal
 */
export function parseFixedNow(value: string | number): number {
  if (typeof value === 'number' || /^\d+(\.\d+)?$/.test(value)) {
    return Math.floor(Number(value));
  }
  const millis = Date.parse(value);
  if (Number.isNaN(millis)) {
    throw new Error(
      `Invalid app-config value slo.now: "${value}". Use an ISO-8601 time such as 2025-03-01T12:00:00Z, or epoch seconds.`,
    );
  }
  return Math.floor(millis / 1000);
}

/**
 * Reads the `slo` config block. Throws with the offending key on invalid values,
 * so a misconfigured backend fails at startup with a message that says what to fix.
 *
 * @public
 */
export function readSloBackendConfig(root: Config): SloBackendConfig {
  const config = root.getOptionalConfig('slo');
  const get = <T>(fn: (c: Config) => T, fallback: T): T =>
    config ? fn(config) : fallback;

  const nowValue = config?.getOptional<string | number>('now');
  const bucketSeconds = get(
    c =>
      readPositiveNumber(c, 'collector.bucketSeconds', 300, { integer: true }),
    300,
  );
  if (3600 % bucketSeconds !== 0) {
    throw new Error(
      `Invalid app-config value slo.collector.bucketSeconds: ${bucketSeconds}. It must divide one hour evenly (60, 300, 600, 900, 1800 or 3600), so buckets can be compacted into hours.`,
    );
  }
  const requestTimeout = get(
    c => readDuration(c, 'collector.requestTimeout', { seconds: 30 }),
    { seconds: 30 },
  );
  return {
    defaultSource: config?.getOptionalString('defaultSource'),
    fixedNow: nowValue === undefined ? undefined : parseFixedNow(nowValue),
    coverageThreshold: get(
      c => readPositiveNumber(c, 'coverageThreshold', 0.9, { max: 1 }),
      0.9,
    ),
    minimumEvents: readMinimumEvents(config),
    cache: {
      figures: get(
        c => readPositiveNumber(c, 'cache.figures', 40_000, { integer: true }),
        40_000,
      ),
      charts: get(
        c => readPositiveNumber(c, 'cache.charts', 2_000, { integer: true }),
        2_000,
      ),
    },
    review: { timeZone: readReviewTimeZone(config) },
    collector: {
      frequency: get(
        c => readDuration(c, 'collector.frequency', { minutes: 5 }),
        {
          minutes: 5,
        },
      ),
      timeout: get(c => readDuration(c, 'collector.timeout', { minutes: 15 }), {
        minutes: 15,
      }),
      initialDelay: get(
        c => readDuration(c, 'collector.initialDelay', { seconds: 10 }),
        { seconds: 10 },
      ),
      requestTimeoutMs: durationToMilliseconds(requestTimeout),
      maxAttempts: get(
        c =>
          readPositiveNumber(c, 'collector.maxAttempts', 3, { integer: true }),
        3,
      ),
      backfillDays: get(
        c =>
          readPositiveNumber(c, 'collector.backfillDays', 90, {
            integer: true,
          }),
        90,
      ),
      bucketSeconds,
      concurrency: get(
        c =>
          readPositiveNumber(c, 'collector.concurrency', 4, { integer: true }),
        4,
      ),
      fineRetentionDays: get(
        c => readPositiveNumber(c, 'collector.fineRetentionDays', 8),
        8,
      ),
      retentionDays: get(
        c => readPositiveNumber(c, 'collector.retentionDays', 400),
        400,
      ),
    },
    suggestions: {
      enabled: config?.getOptionalBoolean('suggestions.enabled') ?? true,
      frequency: get(
        c => readDuration(c, 'suggestions.frequency', { hours: 6 }),
        { hours: 6 },
      ),
      // Well after the first collection cycle (10 s), which backfills.
      initialDelay: get(
        c => readDuration(c, 'suggestions.initialDelay', { minutes: 5 }),
        { minutes: 5 },
      ),
      timeout: get(c => readDuration(c, 'suggestions.timeout', { hours: 1 }), {
        hours: 1,
      }),
      concurrency: get(
        c =>
          readPositiveNumber(c, 'suggestions.concurrency', 2, {
            integer: true,
          }),
        2,
      ),
      maxQueriesPerRun: get(
        c =>
          readPositiveNumber(c, 'suggestions.maxQueriesPerRun', 20000, {
            integer: true,
          }),
        20000,
      ),
    },
  };
}
