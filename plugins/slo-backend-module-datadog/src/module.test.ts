import { createBackendPlugin } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { SloSource, sloSourcesExtensionPoint } from '@slo-kit/plugin-slo-node';
import { sloModuleDatadog } from './module';
import { FakeDatadogServer, metricsApi } from './testUtils/FakeDatadogServer';

const T0 = 1_740_787_200;

/** Starts a backend with the module and a stand-in SLO plugin; returns what the module added. */
async function registeredSources(config: object): Promise<SloSource[]> {
  const sources: SloSource[] = [];
  const fakeSloPlugin = createBackendPlugin({
    pluginId: 'slo',
    register(env) {
      env.registerExtensionPoint(sloSourcesExtensionPoint, {
        addSource: source => sources.push(source),
      });
      env.registerInit({ deps: {}, async init() {} });
    },
  });
  await startTestBackend({
    features: [
      fakeSloPlugin,
      sloModuleDatadog,
      mockServices.rootConfig.factory({ data: config }),
    ],
  });
  return sources;
}

describe('sloModuleDatadog', () => {
  let server: FakeDatadogServer;

  beforeEach(async () => {
    server = await FakeDatadogServer.start(
      metricsApi({ 'sum:orders.placed{*}.as_count()': () => 42 }),
    );
  });

  afterEach(() => server.close());

  it('adds one source per configured instance, reading with that instance’s keys', async () => {
    const sources = await registeredSources({
      slo: {
        sources: {
          datadog: {
            'datadog-us': {
              apiKey: 'us-api-key',
              applicationKey: 'us-app-key',
            },
            'datadog-local': {
              site: 'datadoghq.eu',
              apiKey: 'local-api-key',
              applicationKey: 'local-app-key',
              baseUrl: server.baseUrl,
              timeout: '5s',
            },
          },
        },
      },
    });
    expect(sources.map(s => [s.name, s.type])).toEqual([
      ['datadog-us', 'datadog'],
      ['datadog-local', 'datadog'],
    ]);
    const local = sources[1];
    const { buckets } = await local.fetchBuckets({
      sloId: 'component:default/shop/orders',
      sli: {
        kind: 'ratio',
        good: { selector: 'orders.placed' },
        total: { selector: 'orders.placed' },
      },
      start: T0,
      end: T0 + 120,
      bucketSeconds: 60,
    });
    expect(buckets.map(b => b.total)).toEqual([42, 42]);
    expect(server.requests[0].headers['dd-api-key']).toBe('local-api-key');
    expect(server.requests[0].headers['dd-application-key']).toBe(
      'local-app-key',
    );
    expect(
      local.exploreUrl?.(
        { kind: 'ratio', good: { selector: 'a' }, total: { selector: 'b' } },
        { start: T0, end: T0 + 120 },
      ),
    ).toMatch(/^https:\/\/app\.datadoghq\.eu\/metric\/explorer\?/);
  });

  it('adds nothing when no instance is configured', async () => {
    expect(await registeredSources({})).toEqual([]);
  });

  it('fails startup with the key to fix on invalid config', async () => {
    await expect(
      registeredSources({
        slo: {
          sources: {
            datadog: {
              dd: { site: 'datadog.eu', apiKey: 'a', applicationKey: 'b' },
            },
          },
        },
      }),
    ).rejects.toThrow(/slo\.sources\.datadog\.dd\.site: "datadog\.eu"/);
  });
});
