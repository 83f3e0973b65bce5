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
}

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
    };
  });
}
