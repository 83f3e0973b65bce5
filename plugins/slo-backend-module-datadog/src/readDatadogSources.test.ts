import { ConfigReader } from '@backstage/config';
import type { JsonObject } from '@backstage/types';
import { readDatadogSources } from './readDatadogSources';

const KEYS = { apiKey: 'api-secret-1234', applicationKey: 'app-secret-5678' };

function read(datadog: JsonObject) {
  return readDatadogSources(
    new ConfigReader({ slo: { sources: { datadog } } }),
  );
}

describe('readDatadogSources', () => {
  it('reads nothing when no Datadog instance is configured', () => {
    expect(readDatadogSources(new ConfigReader({}))).toEqual([]);
  });

  it('fills in defaults: US1 site, 30 s timeout, 2 requests at once', () => {
    expect(read({ datadog: KEYS })).toEqual([
      {
        name: 'datadog',
        site: 'datadoghq.com',
        baseUrl: 'https://api.datadoghq.com',
        ...KEYS,
        timeoutMs: 30_000,
        maxConcurrentRequests: 2,
        maxPointsPerQuery: 1500,
        gaugeSampleSeconds: 60,
        batch: { enabled: true, maxValues: 100 },
        queriesPerHour: undefined,
      },
    ]);
  });

  it('reads batching (on by default, false turns it off) and the hourly query budget', () => {
    const sources = read({
      off: { ...KEYS, batch: false },
      small: { ...KEYS, batch: { maxValues: 20 }, queriesPerHour: 1200 },
    });
    expect(sources.map(s => [s.name, s.batch, s.queriesPerHour])).toEqual([
      ['off', { enabled: false, maxValues: 100 }, undefined],
      ['small', { enabled: true, maxValues: 20 }, 1200],
    ]);
    expect(() => read({ dd: { ...KEYS, queriesPerHour: 0 } })).toThrow(
      'Invalid app-config value slo.sources.datadog.dd.queriesPerHour: 0. It must be a whole number of at least 1.',
    );
  });

  it('reads several named instances on different sites', () => {
    const sources = read({
      'dd-eu': { ...KEYS, site: 'datadoghq.eu', timeout: '10s' },
      'dd-gov': {
        ...KEYS,
        site: 'ddog-gov.com',
        timeout: { minutes: 1 },
        maxConcurrentRequests: 5,
      },
      local: { ...KEYS, baseUrl: 'http://127.0.0.1:8126/' },
    });
    expect(
      sources.map(s => [
        s.name,
        s.baseUrl,
        s.timeoutMs,
        s.maxConcurrentRequests,
      ]),
    ).toEqual([
      ['dd-eu', 'https://api.datadoghq.eu', 10_000, 2],
      ['dd-gov', 'https://api.ddog-gov.com', 60_000, 5],
      ['local', 'http://127.0.0.1:8126', 30_000, 2],
    ]);
  });

  it('refuses an unknown site and suggests the site parameter for a URL', () => {
    expect(() =>
      read({ dd: { ...KEYS, site: 'https://app.datadoghq.eu' } }),
    ).toThrow(
      /slo\.sources\.datadog\.dd\.site: "https:\/\/app\.datadoghq\.eu"\. Did you mean "datadoghq\.eu"\?/,
    );
    expect(() => read({ dd: { ...KEYS, site: 'us5' } })).toThrow(
      /Did you mean "us5\.datadoghq\.com"\?/,
    );
    expect(() => read({ dd: { ...KEYS, site: 'example.com' } })).toThrow(
      /Use the Datadog site parameter, one of datadoghq\.com, us3\.datadoghq\.com/,
    );
  });

  it('says which key is missing, without showing the other', () => {
    let message = '';
    try {
      read({ dd: { apiKey: KEYS.apiKey } });
    } catch (error) {
      message = String(error);
    }
    expect(message).toMatch(
      /Missing app-config value slo\.sources\.datadog\.dd\.applicationKey/,
    );
    expect(message).not.toContain(KEYS.apiKey);
  });

  it('refuses credentials or a query string in baseUrl', () => {
    expect(() =>
      read({ dd: { ...KEYS, baseUrl: 'https://user:pw@proxy.internal' } }),
    ).toThrow(/remove the credentials or query string/);
    expect(() =>
      read({ dd: { ...KEYS, baseUrl: 'https://proxy.internal/?api_key=x' } }),
    ).toThrow(/remove the credentials or query string/);
    expect(() => read({ dd: { ...KEYS, baseUrl: 'not a url' } })).toThrow(
      /baseUrl: "not a url" is not a URL/,
    );
  });

  it('refuses nonsense numbers with the key and the rule', () => {
    expect(() => read({ dd: { ...KEYS, maxConcurrentRequests: 0 } })).toThrow(
      /slo\.sources\.datadog\.dd\.maxConcurrentRequests: 0\. It must be a whole number of at least 1/,
    );
    expect(() => read({ dd: { ...KEYS, gaugeSampleSeconds: 5 } })).toThrow(
      /gaugeSampleSeconds: 5\. It must be a whole number of at least 10/,
    );
  });
});
