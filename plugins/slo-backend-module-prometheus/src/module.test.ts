import { createBackendPlugin } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { SloSource, sloSourcesExtensionPoint } from '@slo-kit/plugin-slo-node';
import { sloModulePrometheus } from './module';
import { PrometheusSloSource } from './PrometheusSloSource';
import { matrixFor, sendJson, startFakePrometheus } from './testServer';

async function registeredSources(config: object): Promise<SloSource[]> {
  const sources: SloSource[] = [];
  // A stand-in for the SLO backend that only collects what modules add.
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
      sloModulePrometheus,
      mockServices.rootConfig.factory({ data: config }),
    ],
  });
  return sources;
}

describe('sloModulePrometheus', () => {
  it('says where its instances are configured, even when none is', async () => {
    const modules: unknown[] = [];
    const fakeSloPlugin = createBackendPlugin({
      pluginId: 'slo',
      register(env) {
        env.registerExtensionPoint(sloSourcesExtensionPoint, {
          addSource: () => {},
          addSourceModule: module => modules.push(module),
        });
        env.registerInit({ deps: {}, async init() {} });
      },
    });
    await startTestBackend({
      features: [
        fakeSloPlugin,
        sloModulePrometheus,
        mockServices.rootConfig.factory({ data: {} }),
      ],
    });
    expect(modules).toEqual([
      { type: 'prometheus', configKey: 'slo.sources.prometheus' },
    ]);
  });

  it('adds one source per configured instance, each querying its own server', async () => {
    const thanos = await startFakePrometheus((req, res) =>
      sendJson(
        res,
        200,
        matrixFor(req.form, () => 7),
      ),
    );
    try {
      const sources = await registeredSources({
        slo: {
          sources: {
            prometheus: {
              prod: { baseUrl: 'http://127.0.0.1:9' },
              'thanos-eu': {
                baseUrl: `${thanos.url}/`,
                partialResponse: false,
                tenantId: 'eu',
              },
            },
          },
        },
      });
      expect(sources.map(s => [s.name, s.type])).toEqual([
        ['prod', 'prometheus'],
        ['thanos-eu', 'prometheus'],
      ]);
      expect(sources[0]).toBeInstanceOf(PrometheusSloSource);
      const { buckets } = await sources[1].fetchBuckets({
        sloId: 'component:default/search/availability',
        sli: {
          kind: 'ratio',
          good: { selector: 'ok_total' },
          total: { selector: 'all_total' },
        },
        start: 1_795_132_800 - 600,
        end: 1_795_132_800,
        bucketSeconds: 300,
      });
      expect(buckets).toHaveLength(2);
      expect(thanos.requests[0].form.get('partial_response')).toBe('false');
      expect(thanos.requests[0].headers['x-scope-orgid']).toBe('eu');
    } finally {
      await thanos.close();
    }
  });

  it('adds nothing without configuration', async () => {
    expect(await registeredSources({})).toEqual([]);
  });
});
