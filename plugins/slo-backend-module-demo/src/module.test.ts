import { createBackendPlugin } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { SloSource, sloSourcesExtensionPoint } from '@slo-kit/plugin-slo-node';
import { DemoSloSource } from './DemoSloSource';
import { sloModuleDemo } from './module';

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
      sloModuleDemo,
      mockServices.rootConfig.factory({ data: config }),
    ],
  });
  return sources;
}

describe('sloModuleDemo', () => {
  it('adds the demo source, anchored at slo.now', async () => {
    const [source] = await registeredSources({
      slo: { now: '2025-03-01T00:00:00Z' },
    });
    expect(source).toMatchObject({ name: 'demo', type: 'demo', isDemo: true });
    const { buckets } = await source.fetchBuckets({
      sloId: 'component:default/checkout/checkout-availability',
      sli: { kind: 'ratio', good: { selector: 'g' }, total: { selector: 't' } },
      start: 1_740_787_200 - 3600,
      end: 1_740_787_200,
      bucketSeconds: 3600,
    });
    // The burning scenario is placed against the anchor: errors in the last hour.
    expect(buckets[0].total - buckets[0].good).toBeGreaterThan(
      0.01 * buckets[0].total,
    );
  });

  it('takes a name and scenarios from config', async () => {
    const [source] = await registeredSources({
      slo: {
        demo: {
          name: 'synthetic',
          scenarios: { 'component:default/a/b': 'partial' },
        },
      },
    });
    expect(source.name).toBe('synthetic');
    expect((source as DemoSloSource).scenarioOf('component:default/a/b')).toBe(
      'partial',
    );
  });

  it('refuses an unknown scenario with the key and the choices', async () => {
    await expect(
      registeredSources({
        slo: { demo: { scenarios: { 'component:default/a/b': 'on-fire' } } },
      }),
    ).rejects.toThrow(
      /slo\.demo\.scenarios\["component:default\/a\/b"\]: "on-fire". Use one of healthy, burning/,
    );
  });
});
