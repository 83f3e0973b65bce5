import {
  createBackendModule,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { startTestBackend } from '@backstage/backend-test-utils';
import type { SloSource } from './SloSource';
import { SloSourceError } from './SloSourceError';
import { sloSourcesExtensionPoint } from './sloSourcesExtensionPoint';

const fakeSource: SloSource = {
  name: 'fake',
  type: 'fake',
  capabilities: () => ({
    sliKinds: ['ratio'],
    minBucketSeconds: 60,
    maxBucketsPerRequest: 100,
  }),
  fetchBuckets: async request => ({
    buckets: [
      { start: request.start, durationSeconds: request.bucketSeconds, good: 9, total: 10 },
    ],
    queryCount: 1,
  }),
};

describe('sloSourcesExtensionPoint', () => {
  it('hands the sources a module adds to the slo plugin', async () => {
    const received: SloSource[] = [];
    // A stand-in for the slo backend plugin: it owns the extension point.
    const consumer = createBackendPlugin({
      pluginId: 'slo',
      register(env) {
        env.registerExtensionPoint(sloSourcesExtensionPoint, {
          addSource: source => received.push(source),
        });
        env.registerInit({ deps: {}, async init() {} });
      },
    });
    const module = createBackendModule({
      pluginId: 'slo',
      moduleId: 'fake-source',
      register(reg) {
        reg.registerInit({
          deps: { sources: sloSourcesExtensionPoint },
          async init({ sources }) {
            sources.addSource(fakeSource);
          },
        });
      },
    });

    await startTestBackend({ features: [consumer, module] });

    expect(received.map(source => source.name)).toEqual(['fake']);
    const result = await received[0].fetchBuckets({
      sloId: 'component:default/checkout/availability',
      sli: { kind: 'ratio', good: { selector: 'ok' }, total: { selector: 'all' } },
      start: 600,
      end: 660,
      bucketSeconds: 60,
    });
    expect(result.buckets).toEqual([{ start: 600, durationSeconds: 60, good: 9, total: 10 }]);
  });
});

describe('SloSourceError', () => {
  it('carries whether a retry may help, and its cause', () => {
    const cause = new Error('socket hang up');
    const error = new SloSourceError('Prometheus "main" did not answer for SLO checkout/availability', {
      retryable: true,
      cause,
    });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('SloSourceError');
    expect(error.retryable).toBe(true);
    expect(error.cause).toBe(cause);
    expect(new SloSourceError('bad query', { retryable: false }).retryable).toBe(false);
  });
});
