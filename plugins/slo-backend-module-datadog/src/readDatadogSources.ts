import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';
import {
  DATADOG_BATCH_DEFAULTS,
  type DatadogBatchConfig,
} from './DatadogSloSource';
import {
  DATADOG_SITES,
  DatadogSite,
  guessDatadogSite,
  isDatadogSite,
} from './datadogSites';

/**
 * One Datadog instance from `slo.sources.datadog.<name>`, defaults filled in.
 *
 * @public
 */
export interface DatadogSourceConfig {
  name: string;
  site: DatadogSite;
  baseUrl: string;
  apiKey: string;
  applicationKey: string;
  timeoutMs: number;
  maxConcurrentRequests: number;
  maxPointsPerQuery: number;
  gaugeSampleSeconds: number;
  batch: DatadogBatchConfig;
  /** Most queries this instance may send per hour; undefined for no limit of its own. */
  queriesPerHour?: number;
}

const CONFIG_ROOT = 'slo.sources.datadog';
const INSTANCE_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_-]*$/;

function positiveInteger(
  config: Config,
  key: string,
  where: string,
  fallback: number,
  min = 1,
): number {
  const value = config.getOptionalNumber(key) ?? fallback;
  if (!Number.isInteger(value) || value < min) {
    throw new Error(
      `Invalid app-config value ${where}.${key}: ${value}. It must be a whole number of at least ${min}.`,
    );
  }
  return value;
}

function readSite(config: Config, where: string): DatadogSite {
  const site = config.getOptionalString('site') ?? 'datadoghq.com';
  if (isDatadogSite(site)) return site;
  const guess = guessDatadogSite(site);
  const hint = guess ? ` Did you mean "${guess}"?` : '';
  throw new Error(
    `Invalid app-config value ${where}.site: "${site}".${hint} Use the Datadog site parameter, one of ${Object.keys(
      DATADOG_SITES,
    ).join(', ')}.`,
  );
}

function readBaseUrl(config: Config, where: string, site: DatadogSite): string {
  const baseUrl = config.getOptionalString('baseUrl');
  if (baseUrl === undefined) return `https://${DATADOG_SITES[site].api}`;
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new Error(
      `Invalid app-config value ${where}.baseUrl: "${baseUrl}" is not a URL. Write it as https://host[:port][/path], or leave it out to use the site's API.`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(
      `Invalid app-config value ${where}.baseUrl: it must start with http:// or https://.`,
    );
  }
  if (url.username || url.password || url.search) {
    // Keys go in headers only; a URL with credentials would leak into logs.
    throw new Error(
      `Invalid app-config value ${where}.baseUrl: remove the credentials or query string from the URL; the keys are sent as DD-API-KEY and DD-APPLICATION-KEY headers.`,
    );
  }
  return baseUrl.replace(/\/+$/, '');
}

function readSecret(config: Config, key: string, where: string): string {
  const value = config.getOptionalString(key);
  if (value === undefined || value.trim() === '') {
    throw new Error(
      `Missing app-config value ${where}.${key}: the Datadog source needs an API key and an application key. Set it from an environment variable, e.g. ${key}: \${DATADOG_${
        key === 'apiKey' ? 'API' : 'APP'
      }_KEY}.`,
    );
  }
  return value.trim();
}

function readBatch(config: Config, where: string): DatadogBatchConfig {
  if (!config.has('batch')) return DATADOG_BATCH_DEFAULTS;
  const value = config.getOptional('batch');
  if (typeof value === 'boolean') {
    return { ...DATADOG_BATCH_DEFAULTS, enabled: value };
  }
  const batch = config.getConfig('batch');
  return {
    enabled: batch.getOptionalBoolean('enabled') ?? true,
    maxValues: positiveInteger(
      batch,
      'maxValues',
      `${where}.batch`,
      DATADOG_BATCH_DEFAULTS.maxValues,
      2,
    ),
  };
}

/**
 * Reads every instance under `slo.sources.datadog`. Throws with the
 * offending key and how to fix it, so a misconfigured backend fails at
 * startup; never puts a key in a message.
 *
 * @public
 */
export function readDatadogSources(root: Config): DatadogSourceConfig[] {
  const instances = root.getOptionalConfig(CONFIG_ROOT);
  if (!instances) return [];
  return instances.keys().map(name => {
    const where = `${CONFIG_ROOT}.${name}`;
    if (!INSTANCE_NAME.test(name)) {
      throw new Error(
        `Invalid Datadog source name "${name}" under ${CONFIG_ROOT}: use letters, digits, "-" and "_", starting with a letter or digit.`,
      );
    }
    const config = instances.getConfig(name);
    const site = readSite(config, where);
    const timeoutMs = config.has('timeout')
      ? durationToMilliseconds(
          readDurationFromConfig(config, { key: 'timeout' }),
        )
      : 30_000;
    if (!(timeoutMs > 0)) {
      throw new Error(
        `Invalid app-config value ${where}.timeout: it must be longer than zero, e.g. 30s.`,
      );
    }
    return {
      name,
      site,
      baseUrl: readBaseUrl(config, where, site),
      apiKey: readSecret(config, 'apiKey', where),
      applicationKey: readSecret(config, 'applicationKey', where),
      timeoutMs,
      maxConcurrentRequests: positiveInteger(
        config,
        'maxConcurrentRequests',
        where,
        2,
      ),
      maxPointsPerQuery: positiveInteger(
        config,
        'maxPointsPerQuery',
        where,
        1500,
        2,
      ),
      gaugeSampleSeconds: positiveInteger(
        config,
        'gaugeSampleSeconds',
        where,
        60,
        10,
      ),
      batch: readBatch(config, where),
      queriesPerHour: config.has('queriesPerHour')
        ? positiveInteger(config, 'queriesPerHour', where, 1)
        : undefined,
    };
  });
}
