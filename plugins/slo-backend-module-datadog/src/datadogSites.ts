/**
 * Datadog sites by their site parameter (what Datadog's docs call
 * `DD_SITE`), with the host of the API and of the web app. Each site is a
 * separate Datadog: keys from one do not work on another.
 *
 * @public
 */
export const DATADOG_SITES = {
  'datadoghq.com': { api: 'api.datadoghq.com', app: 'app.datadoghq.com' },
  'us3.datadoghq.com': {
    api: 'api.us3.datadoghq.com',
    app: 'us3.datadoghq.com',
  },
  'us5.datadoghq.com': {
    api: 'api.us5.datadoghq.com',
    app: 'us5.datadoghq.com',
  },
  'datadoghq.eu': { api: 'api.datadoghq.eu', app: 'app.datadoghq.eu' },
  'ap1.datadoghq.com': {
    api: 'api.ap1.datadoghq.com',
    app: 'ap1.datadoghq.com',
  },
  'ap2.datadoghq.com': {
    api: 'api.ap2.datadoghq.com',
    app: 'ap2.datadoghq.com',
  },
  'ddog-gov.com': { api: 'api.ddog-gov.com', app: 'app.ddog-gov.com' },
  'us2.ddog-gov.com': {
    api: 'api.us2.ddog-gov.com',
    app: 'us2.ddog-gov.com',
  },
} as const;

/**
 * A Datadog site parameter such as `datadoghq.com` or `datadoghq.eu`.
 *
 * @public
 */
export type DatadogSite = keyof typeof DATADOG_SITES;

/**
 * Whether `value` is a known Datadog site parameter.
 *
 * @public
 */
export function isDatadogSite(value: string): value is DatadogSite {
  return Object.prototype.hasOwnProperty.call(DATADOG_SITES, value);
}

/**
 * The site a user most likely meant when they wrote a URL or a web-app host
 * (`https://app.datadoghq.eu`, `us5`) instead of the site parameter.
 *
 * @internal
 */
export function guessDatadogSite(value: string): DatadogSite | undefined {
  const host = value
    .trim()
    .toLowerCase()
    .replace(/^[a-z]+:\/\//, '')
    .replace(/\/.*$/, '')
    .replace(/^(app|api)\./, '');
  if (isDatadogSite(host)) return host;
  const short = Object.keys(DATADOG_SITES).find(site =>
    site.startsWith(`${host}.`),
  );
  return short as DatadogSite | undefined;
}
