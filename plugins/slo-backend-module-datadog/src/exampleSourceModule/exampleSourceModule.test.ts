import { createBackendPlugin } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  SloSource,
  SloSourceError,
  sloSourcesExtensionPoint,
} from '@slo-kit/plugin-slo-node';
import { exampleSourceModule } from './exampleSourceModule';

/** 2025-03-01T00:00:00Z */
const T0 = 1_740_787_200;

/**
 * A stand-in for the SLO backend: it owns the extension point and keeps what
 * modules add, so the test can call the sources like the collector does.
 */
function sourceCollectingPlugin(sources: SloSource[]) {
  return createBackendPlugin({
    pluginId: 'slo',
    register(env) {
      env.registerExtensionPoint(sloSourcesExtensionPoint, {
        addSource: source => sources.push(source),
      });
      env.registerInit({ deps: {}, async init() {} });
    },
  });
}

describe('the example source module from docs/sources.md', () => {
  const sources: SloSource[] = [];
  let source: SloSource;

  beforeAll(async () => {
    await startTestBackend({
      features: [
        sourceCollectingPlugin(sources),
        exampleSourceModule,
        mockServices.rootConfig.factory({
          data: {
            slo: {
              sources: {
                inline: {
                  fixture: {
                    series: {
                      // minutes 0-4 and 10-14 of the hour; 5-9 missing
                      checkout_all: [0, 1, 2, 3, 4, 10, 11, 12, 13, 14].map(
                        minute => [T0 + minute * 60, 100],
                      ),
                      checkout_errors: [
                        [T0 + 60, 7],
                        [T0 + 660, 1],
                      ],
                    },
                  },
                },
              },
            },
          },
        }),
      ],
    });
    source = sources[0];
  });

  it('registers one source per configured instance', () => {
    expect(sources.map(s => [s.name, s.type])).toEqual([['fixture', 'inline']]);
  });

  it('sums events into aligned buckets and leaves the bucket without data out', async () => {
    const { buckets } = await source.fetchBuckets({
      sloId: 'component:default/checkout/availability',
      sli: {
        kind: 'ratio',
        bad: { selector: 'checkout_errors' },
        total: { selector: 'checkout_all' },
      },
      start: T0,
      end: T0 + 900,
      bucketSeconds: 300,
    });
    expect(buckets).toEqual([
      { start: T0, durationSeconds: 300, good: 493, total: 500 },
      { start: T0 + 600, durationSeconds: 300, good: 499, total: 500 },
    ]);
  });

  it('says which SLO names an unknown series, and that retrying will not help', async () => {
    const error = await source
      .fetchBuckets({
        sloId: 'component:default/checkout/availability',
        sli: {
          kind: 'ratio',
          good: { selector: 'checkout_ok' },
          total: { selector: 'checkout_all' },
        },
        start: T0,
        end: T0 + 300,
        bucketSeconds: 300,
      })
      .catch(e => e);
    expect(error).toBeInstanceOf(SloSourceError);
    expect(error.retryable).toBe(false);
    expect(error.message).toBe(
      'Source "fixture" has no series "checkout_ok" (used by SLO component:default/checkout/availability). Known series: checkout_all, checkout_errors.',
    );
  });

  it('declares ratio SLIs only, so the backend refuses other kinds up front', () => {
    expect(source.capabilities().sliKinds).toEqual(['ratio']);
  });
});
