import { readDurationFromConfig, type Config } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';

/**
 * One configured Prometheus-compatible instance.
 *
 * @public
 */
export interface PrometheusSourceConfig {
  /** Instance name: the key under `slo.sources.prometheus`. */
  name: string;
  /** Without a trailing slash. */
  baseUrl: string;
  headers: Record<string, string>;
  bearerToken?: string;
  tenantId?: string;
  partialResponse?: boolean;
  timeoutMs: number;
  maxConcurrentQueries: number;
  maxPointsPerRequest: number;
  exploreUrl?: string;
  /** Asking SLOs that differ only in one label's value together (`batch`); the defaults when unset. */
  batch?: PrometheusBatchConfig;
}

/**
 * `slo.sources.prometheus.<name>.batch`: whether and how SLOs that differ
 * only in one label's value are asked with one query.
 *
 * @public
 */
export interface PrometheusBatchConfig {
  /** Default true. */
  enabled: boolean;
  /** Most distinct label values (SLOs with different values) in one query. Default 100. */
  maxValues: number;
  /** Most points of all series of one batch query together. Default 250,000. */
  maxPoints: number;
}

/**
 * Defaults of {@link PrometheusBatchConfig}: on, 100 values, 250,000 points.
 *
 * @public
 */
export const PROMETHEUS_BATCH_DEFAULTS: PrometheusBatchConfig = {
  enabled: true,
  maxValues: 100,
  maxPoints: 250_000,
};

/**
 * Prometheus answers `exceeded maximum resolution of 11,000 points per timeseries` above this.
 *
 * @public
 */
export const PROMETHEUS_MAX_POINTS = 11000;

/**
 * Reads `slo.sources.prometheus.<instanceName>` from app-config. Throws at
 * startup with the offending key and the fix when a value is wrong.
 *
 * @public
 */
export function readPrometheusSources(
  config: Config,
): PrometheusSourceConfig[] {
  const root = config.getOptionalConfig('slo.sources.prometheus');
  if (!root) return [];
  return root.keys().map(name => {
    const instance = root.getConfig(name);
    const key = (field: string) => `slo.sources.prometheus.${name}.${field}`;
    const baseUrl = instance.getString('baseUrl').replace(/\/+$/, '');
    if (!/^https?:\/\/[^/]/.test(baseUrl)) {
      throw new Error(
        `Invalid app-config value ${key(
          'baseUrl',
        )}: expected an http(s) URL such as https://prometheus.example.com`,
      );
    }
    const headersConfig = instance.getOptionalConfig('headers');
    const headers: Record<string, string> = {};
    for (const header of headersConfig?.keys() ?? []) {
      headers[header] = headersConfig!.getString(header);
    }
    const positiveInteger = (
      field: string,
      fallback: number,
      max = Infinity,
    ) => {
      const value = instance.getOptionalNumber(field) ?? fallback;
      if (!Number.isInteger(value) || value < 1 || value > max) {
        throw new Error(
          `Invalid app-config value ${key(
            field,
          )}: ${value}; expected a whole number from 1${
            max < Infinity ? ` to ${max}` : ''
          }`,
        );
      }
      return value;
    };
    const timeoutMs = instance.has('timeout')
      ? durationToMilliseconds(
          readDurationFromConfig(instance, { key: 'timeout' }),
        )
      : 30_000;
    if (!(timeoutMs > 0)) {
      throw new Error(
        `Invalid app-config value ${key(
          'timeout',
        )}: expected a positive duration such as 30s`,
      );
    }
    const batchConfig = instance.getOptional('batch');
    let batch = PROMETHEUS_BATCH_DEFAULTS;
    if (typeof batchConfig === 'boolean') {
      batch = { ...PROMETHEUS_BATCH_DEFAULTS, enabled: batchConfig };
    } else if (batchConfig !== undefined) {
      const section = instance.getConfig('batch');
      const whole = (field: string, fallback: number) => {
        const value = section.getOptionalNumber(field) ?? fallback;
        if (!Number.isInteger(value) || value < 1) {
          throw new Error(
            `Invalid app-config value ${key(
              `batch.${field}`,
            )}: ${value}; expected a whole number from 1`,
          );
        }
        return value;
      };
      batch = {
        enabled: section.getOptionalBoolean('enabled') ?? true,
        maxValues: whole('maxValues', PROMETHEUS_BATCH_DEFAULTS.maxValues),
        maxPoints: whole('maxPoints', PROMETHEUS_BATCH_DEFAULTS.maxPoints),
      };
    }
    const exploreUrl = instance
      .getOptionalString('exploreUrl')
      ?.replace(/\/+$/, '');
    return {
      name,
      baseUrl,
      headers,
      bearerToken: instance.getOptionalString('bearerToken'),
      tenantId: instance.getOptionalString('tenantId'),
      partialResponse: instance.getOptionalBoolean('partialResponse'),
      timeoutMs,
      maxConcurrentQueries: positiveInteger('maxConcurrentQueries', 4),
      maxPointsPerRequest: positiveInteger(
        'maxPointsPerRequest',
        10000,
        PROMETHEUS_MAX_POINTS,
      ),
      exploreUrl,
      batch,
    };
  });
}
