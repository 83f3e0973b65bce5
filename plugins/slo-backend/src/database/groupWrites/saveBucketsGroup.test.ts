import type { EventBucket } from '@slo-kit/plugin-slo-common';
import knexFactory from 'knex';
import { DatabaseSloStore } from '../DatabaseSloStore';
import type { SloBucketWrite } from '../SloStore';
import { GroupCommitter } from '../../collector/groupCommit/GroupCommitter';
import {
  createStore,
  databases,
  T0,
} from '../../__testUtils__/sloStoreFixtures';

jest.setTimeout(120_000);

const ids = Array.from({ length: 30 }, (_, i) => `slo-${i}`);

/** Buckets with counts as increase() gives them: fractions, a -0, a zero total. */
function buckets(seed: number, start: number, count: number): EventBucket[] {
  return Array.from({ length: count }, (_, i) => {
    const total = i === 1 ? 0 : ((seed + 1) * 1000.1) / 3 + i / 7;
    return {
      start: start + i * 300,
      durationSeconds: 300,
      good: i === 2 ? -0 : total - (seed % 3) * 0.1,
      total,
    };
  });
}

function writes(round: number): SloBucketWrite[] {
  return ids.map((sloId, seed) => ({
    sloId,
    // Overlapping the round before, as an incremental cycle's overlap does.
    buckets: buckets(seed + round, T0 + round * 600, 4),
    collected: { from: T0 + round * 600, until: T0 + round * 600 + 1200 },
    success: {
      at: (T0 + round) * 1000,
      attemptAt: seed % 2 === 0 ? (T0 + round) * 1000 - 5 : undefined,
    },
  }));
}

async function snapshot(store: DatabaseSloStore) {
  const states = await store.getStates(ids);
  return Promise.all(
    ids.map(async sloId => ({
      sloId,
      state: states.get(sloId),
      buckets: (
        await store.readBuckets(sloId, { from: T0 - 86400, to: T0 + 86400 })
      ).map(b => [b.start, b.durationSeconds, b.good, b.total]),
    })),
  );
}

describe.each(databases.eachSupportedId())(
  'saveBucketsGroup on %p',
  databaseId => {
    it('stores exactly what one saveBuckets per SLO stores, states and buckets bit for bit', async () => {
      const alone = (await createStore(databaseId)).store;
      const grouped = (await createStore(databaseId)).store;
      // The first round creates state rows; the others update them.
      for (const round of [0, 1, 2]) {
        for (const write of writes(round)) {
          await alone.saveBuckets(
            write.sloId,
            write.buckets,
            write.collected,
            write.success,
          );
        }
        await expect(grouped.saveBucketsGroup(writes(round))).resolves.toBe(
          ids.length * 4,
        );
      }
      const expected = await snapshot(alone);
      const actual = await snapshot(grouped);
      expect(actual).toEqual(expected);
      // Bit for bit: the same -0s (toEqual alone may not tell them from 0).
      const negativeZeros = (rows: typeof actual) =>
        rows.flatMap(r => r.buckets).filter(b => Object.is(b[2], -0)).length;
      expect(negativeZeros(actual)).toBe(negativeZeros(expected));
      expect(actual[5].state).toMatchObject({
        dataVersion: 3,
        consecutiveFailures: 0,
        collectedFrom: T0,
        collectedUntil: T0 + 2 * 600 + 1200,
      });
    });

    it("keeps the group's other SLOs when one SLO's write fails, and tells that SLO why", async () => {
      const { store } = await createStore(databaseId);
      const before = writes(0);
      await store.saveBucketsGroup(before);
      const group = new GroupCommitter(
        store,
        { warn: jest.fn() },
        { maxSlos: ids.length, maxDelayMs: 1000 },
      );
      const next = writes(1);
      // A total the table refuses (NOT NULL): this SLO's write cannot be stored.
      next[7].buckets[0] = {
        ...next[7].buckets[0],
        total: null as unknown as number,
      };
      const results = await Promise.allSettled(next.map(w => group.save(w)));
      await group.flush();
      results.forEach((result, i) =>
        expect(result.status).toBe(i === 7 ? 'rejected' : 'fulfilled'),
      );
      expect(String((results[7] as PromiseRejectedResult).reason)).toMatch(
        /total/i,
      );
      const states = await store.getStates(ids);
      // The others stored their round; the failed one kept what it had.
      expect(states.get(ids[6])?.dataVersion).toBe(2);
      expect(states.get(ids[7])?.dataVersion).toBe(1);
      expect(states.get(ids[7])?.collectedUntil).toBe(T0 + 1200);
      const kept = await store.readBuckets(ids[7], {
        from: T0 - 86400,
        to: T0 + 86400,
      });
      expect(kept.map(b => b.total)).toEqual(
        before[7].buckets.map(b => b.total),
      );
    });

    it('lets two replicas write groups of the same SLOs in opposite orders without deadlock', async () => {
      const { knex } = await createStore(databaseId);
      const isSqlite = databaseId === 'SQLITE_3';
      const other = isSqlite ? knex : knexFactory(knex.client.config);
      try {
        const stores = await Promise.all(
          [knex, other].map(db =>
            DatabaseSloStore.create({
              database: { getClient: async () => db },
            }),
          ),
        );
        await stores[0].saveBucketsGroup(writes(0));
        const rounds = 8;
        await Promise.all(
          stores.map(async (store, s) => {
            for (let round = 1; round <= rounds; round++) {
              const group = writes(round);
              // Each replica hands its SLOs in another order: the lock order
              // must not depend on it.
              await store.saveBucketsGroup(s === 0 ? group : group.reverse());
              // Retention takes the same locks.
              await store.deleteOlderThan(T0 + round * 300);
            }
          }),
        );
        const states = await stores[0].getStates(ids);
        for (const sloId of ids) {
          // Every write of both replicas counted once.
          expect(states.get(sloId)?.dataVersion).toBeGreaterThanOrEqual(
            1 + 2 * rounds,
          );
        }
      } finally {
        if (other !== knex) await other.destroy();
      }
    });
  },
);
