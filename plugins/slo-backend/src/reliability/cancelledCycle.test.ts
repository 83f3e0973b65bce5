/**
 * A collection cycle cancelled by the scheduler: when a cycle outlives
 * `slo.collector.timeout`, or the scheduler hands the task to another replica,
 * it aborts the task's signal. The collector must stop asking sources at once
 * (or two replicas collect the same buckets), record no failure for it, and
 * leave what it stored for the next cycle, which resumes exactly.
 */
import { TestDatabases } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { sumBuckets } from '@slo-kit/plugin-slo-common';
import YAML from 'yaml';
import { FakeSloSource } from '../testing/FakeSloSource';
import { createSloHarness } from './__testUtils__/createSloHarness';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const DAY = 86400;
const T0 = 1_740_787_200; // 2025-03-01T00:00:00Z

const entity = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    namespace: 'default',
    annotations: {
      'slo-kit.dev/slos': YAML.stringify([
        {
          name: 'availability',
          objective: 99,
          sli: { ratio: { good: 'ok_total', total: 'all_total' } },
        },
      ]),
    },
  },
  spec: { type: 'service', owner: 'team', lifecycle: 'production' },
});

describe('a cancelled collection cycle', () => {
  it('stops asking sources, records no failure, and the next cycle resumes exactly', async () => {
    // One day per request, so a backfill takes several requests per SLO.
    const source = new FakeSloSource('fake', { maxBucketsPerRequest: 288 });
    const names = ['a', 'b', 'c', 'd', 'e', 'f'];
    const h = await createSloHarness({
      databases,
      entities: names.map(entity),
      sources: [source],
      defaultSource: 'fake',
      slo: { collector: { backfillDays: 6, concurrency: 2 } },
      now: T0,
    });

    const controller = new AbortController();
    source.beforeAnswer = () => {
      if (source.requests.length === 5) controller.abort();
    };
    const cancelled = await h.collector.collectOnce({
      signal: controller.signal,
    });
    const askedWhenCancelled = source.requests.length;
    expect(cancelled).toMatchObject({ aborted: true, failed: 0 });
    // The requests in flight when it was cancelled were the last ones.
    expect(askedWhenCancelled).toBeLessThanOrEqual(6);
    expect(await h.store.latestRun()).toBeUndefined();
    const states = await h.store.getStates(
      names.map(n => `component:default/${n}/availability`),
    );
    for (const state of states.values()) {
      expect(state.lastError).toBeNull();
      expect(state.consecutiveFailures).toBe(0);
    }

    // The next cycle (here or on another replica) finishes the job, exactly.
    source.beforeAnswer = () => {};
    const next = await h.collector.collectOnce();
    expect(next).toMatchObject({ aborted: false, failed: 0, slos: 6 });
    for (const name of names) {
      const sloId = `component:default/${name}/availability`;
      const buckets = await h.store.readBuckets(sloId, {
        from: T0 - 6 * DAY,
        to: T0,
      });
      expect(sumBuckets(buckets, T0 - 6 * DAY, T0)).toMatchObject(
        FakeSloSource.expected(T0 - 6 * DAY, T0),
      );
    }
  });

  it('ends a request in flight at once, even at a source that ignores its signal', async () => {
    const source = new FakeSloSource('fake');
    const h = await createSloHarness({
      databases,
      entities: [entity('a')],
      sources: [source],
      defaultSource: 'fake',
      slo: { collector: { backfillDays: 1, requestTimeout: { minutes: 10 } } },
      now: T0,
    });
    const controller = new AbortController();
    source.beforeAnswer = () => {
      setTimeout(() => controller.abort(), 20);
      return new Promise(() => {}); // never answers
    };
    const summary = await h.collector.collectOnce({
      signal: controller.signal,
    });
    expect(summary).toMatchObject({ aborted: true, failed: 0 });
    expect(source.requests).toHaveLength(1);
  });
});
