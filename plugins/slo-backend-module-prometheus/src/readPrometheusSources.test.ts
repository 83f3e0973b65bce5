import { ConfigReader } from '@backstage/config';
import type { JsonObject } from '@backstage/types';
import { readPrometheusSources } from './readPrometheusSources';

function read(instances: JsonObject) {
  return readPrometheusSources(
    new ConfigReader({ slo: { sources: { prometheus: instances } } }),
  );
}

describe('readPrometheusSources', () => {
  it('reads every option, with defaults', () => {
    expect(
      read({
        prod: { baseUrl: 'https://prom.example.com/' },
        mimir: {
          baseUrl: 'https://mimir.example.com/prometheus',
          headers: { 'X-Api-Key': 'k' },
          bearerToken: 't',
          tenantId: 'team-a',
          partialResponse: true,
          timeout: '2m',
          maxConcurrentQueries: 2,
          maxPointsPerRequest: 11000,
          exploreUrl: 'https://grafana.example.com/prom/',
          batch: { maxValues: 20 },
        },
        victoria: {
          baseUrl: 'http://vm:8428',
          timeout: { seconds: 5 },
          batch: false,
        },
      }),
    ).toEqual([
      {
        name: 'prod',
        baseUrl: 'https://prom.example.com',
        headers: {},
        bearerToken: undefined,
        tenantId: undefined,
        partialResponse: undefined,
        timeoutMs: 30000,
        maxConcurrentQueries: 4,
        maxPointsPerRequest: 10000,
        exploreUrl: undefined,
        batch: { enabled: true, maxValues: 100, maxPoints: 250000 },
      },
      {
        name: 'mimir',
        baseUrl: 'https://mimir.example.com/prometheus',
        headers: { 'X-Api-Key': 'k' },
        bearerToken: 't',
        tenantId: 'team-a',
        partialResponse: true,
        timeoutMs: 120000,
        maxConcurrentQueries: 2,
        maxPointsPerRequest: 11000,
        exploreUrl: 'https://grafana.example.com/prom',
        batch: { enabled: true, maxValues: 20, maxPoints: 250000 },
      },
      expect.objectContaining({
        name: 'victoria',
        timeoutMs: 5000,
        batch: { enabled: false, maxValues: 100, maxPoints: 250000 },
      }),
    ]);
  });

  it('is empty without the section', () => {
    expect(readPrometheusSources(new ConfigReader({}))).toEqual([]);
  });

  it.each([
    [
      { baseUrl: 'prom:9090' },
      'Invalid app-config value slo.sources.prometheus.prod.baseUrl: expected an http(s) URL such as https://prometheus.example.com',
    ],
    [
      { baseUrl: 'http://p', maxPointsPerRequest: 20000 },
      'Invalid app-config value slo.sources.prometheus.prod.maxPointsPerRequest: 20000; expected a whole number from 1 to 11000',
    ],
    [
      { baseUrl: 'http://p', maxConcurrentQueries: 0 },
      'Invalid app-config value slo.sources.prometheus.prod.maxConcurrentQueries: 0; expected a whole number from 1',
    ],
    [
      { baseUrl: 'http://p', timeout: 'soon' },
      "Invalid duration 'soon' in config at 'timeout'",
    ],
    [
      { baseUrl: 'http://p', batch: { maxValues: 0 } },
      'Invalid app-config value slo.sources.prometheus.prod.batch.maxValues: 0; expected a whole number from 1',
    ],
    [
      {},
      "Missing required config value at 'slo.sources.prometheus.prod.baseUrl'",
    ],
  ])('says what is wrong with %p', (instance: JsonObject, message) => {
    expect(() => read({ prod: instance })).toThrow(message);
  });
});
