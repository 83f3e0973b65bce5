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

  it('commits the group in flight when cancelled, leaves the SLOs not yet asked as they were, and the next cycle resumes exactly', async () => {
    const source = new FakeSloSource('fake');
    const names = Array.from({ length: 30 }, (_, i) => `s${i}`);
    const ids = names.map(n => `component:default/${n}/availability`);
    const h = await createSloHarness({
      databases,
      entities: names.map(entity),
      sources: [source],
      defaultSource: 'fake',
      slo: { collector: { backfillDays: 1, concurrency: 2 } },
      now: T0,
    });
    await expect(h.cycle(T0)).resolves.toMatchObject({ failed: 0 });
    const backfillRun = await h.store.latestRun();

    // Incremental: each SLO's last write waits in the cycle's group commit
    // (up to 20 ms); answers take 10 ms, so the first group leaves while
    // most SLOs are still to be asked. The scheduler cancels the cycle just
    // as that group's transaction starts.
    source.beforeAnswer = () => new Promise(r => setTimeout(r, 10));
    const controller = new AbortController();
    const saveBucketsGroup = h.store.saveBucketsGroup.bind(h.store);
    const committed: string[] = [];
    const spy = jest
      .spyOn(h.store, 'saveBucketsGroup')
      .mockImplementation(async writes => {
        controller.abort();
        const written = await saveBucketsGroup(writes);
        committed.push(...writes.map(w => w.sloId));
        return written;
      });
    h.clock.current = T0 + 3600;
    const cancelled = await h.collector.collectOnce({
      signal: controller.signal,
    });
    spy.mockRestore();
    expect(cancelled).toMatchObject({ aborted: true, failed: 0 });
    expect(await h.store.latestRun()).toEqual(backfillRun);

    // What was handed to the committer is committed, whole; the rest kept
    // what the backfill stored. Never half: each SLO's buckets equal the
    // ground truth up to its collectedUntil.
    const states = await h.store.getStates(ids);
    const advanced = ids.filter(
      id => states.get(id)?.collectedUntil === T0 + 3600,
    );
    expect(committed.length).toBeGreaterThan(0);
    expect(advanced.sort()).toEqual([...committed].sort());
    expect(advanced.length).toBeLessThan(ids.length);
    for (const id of ids) {
      const state = states.get(id);
      expect(state).toMatchObject({ lastError: null, consecutiveFailures: 0 });
      const until = state!.collectedUntil!;
      expect([T0, T0 + 3600]).toContain(until);
      const buckets = await h.store.readBuckets(id, {
        from: T0 - DAY,
        to: T0 + 2 * 3600,
      });
      expect(sumBuckets(buckets, T0 - DAY, T0 + 2 * 3600)).toMatchObject(
        FakeSloSource.expected(T0 - DAY, until),
      );
    }

    // The next cycle resumes every SLO from what it committed, exactly.
    source.beforeAnswer = () => {};
    await expect(h.cycle(T0 + 7200)).resolves.toMatchObject({
      aborted: false,
      failed: 0,
      succeeded: ids.length,
    });
    const after = await h.store.getStates(ids);
    for (const id of ids) {
      expect(after.get(id)?.collectedUntil).toBe(T0 + 7200);
      const buckets = await h.store.readBuckets(id, {
        from: T0 - DAY,
        to: T0 + 7200,
      });
      expect(sumBuckets(buckets, T0 - DAY, T0 + 7200)).toMatchObject(
        FakeSloSource.expected(T0 - DAY, T0 + 7200),
      );
    }
  });
});
