/**
 * Group commits on two replicas at once, beside retention on a third
 * connection: overlapping groups of the same SLOs, handed over in opposite
 * orders, while retention deletes old buckets of those very SLOs. Every
 * writer locks state rows first and in id order (`saveBucketsGroup`,
 * `deleteOlderThan`), so they take turns: no deadlock (which would show as a
 * group falling back to single writes, or a failed retention), and every
 * stored bucket equals the ground truth, none lost, none counted twice.
 */
import type { EventBucket } from '@slo-kit/plugin-slo-common';
import knexFactory, { Knex } from 'knex';
import { GroupCommitter } from '../collector/groupCommit/GroupCommitter';
import { DatabaseSloStore } from '../database/DatabaseSloStore';
import type { SloBucketWrite } from '../database/SloStore';
import { createStore, databases, T0 } from '../__testUtils__/sloStoreFixtures';

jest.setTimeout(180_000);

const ids = Array.from({ length: 40 }, (_, i) => `slo-${String(i).padStart(2, '0')}`);
const ROUNDS = 10;
/** Replica 0 writes the first 30 SLOs, replica 1 the last 30: 20 overlap. */
const replicaIds = [ids.slice(0, 30), ids.slice(10).reverse()];

/** The ground truth: one value per SLO and bucket, whoever writes it. */
function truth(sloId: string, start: number): EventBucket {
  const total = 1000 + ids.indexOf(sloId) + (start - T0) / 300 / 4;
  return { start, durationSeconds: 300, good: total - 1 / 3, total };
}

/** Round `r`: four new buckets (overlapping the round before) and one old one, which retention deletes. */
function write(sloId: string, r: number): SloBucketWrite {
  const starts = [T0 - 300 * (r + 1), ...[0, 1, 2, 3].map(i => T0 + r * 600 + i * 300)];
  return {
    sloId,
    buckets: starts.map(start => truth(sloId, start)),
    collected: { from: T0 + r * 600, until: T0 + r * 600 + 1200 },
    success: { at: (T0 + r * 600 + 1200) * 1000 },
  };
}

describe.each(databases.eachSupportedId())(
  'group commits of two replicas beside retention, on %p',
  databaseId => {
    it('neither deadlocks nor loses or doubles a bucket', async () => {
      const { knex } = await createStore(databaseId);
      const isSqlite = databaseId === 'SQLITE_3';
      // On PostgreSQL each replica and the retention run have their own pool.
      const pools: Knex[] = [0, 1, 2].map(() =>
        isSqlite ? knex : knexFactory(knex.client.config),
      );
      try {
        const stores = await Promise.all(
          pools.map(db =>
            DatabaseSloStore.create({ database: { getClient: async () => db } }),
          ),
        );
        const warnings = [jest.fn(), jest.fn()];
        const committers = [0, 1].map(
          s =>
            new GroupCommitter(
              stores[s],
              { warn: warnings[s] },
              { maxSlos: 8, maxDelayMs: 2 },
            ),
        );
        let writing = 2;
        const retentionRuns: number[] = [];
        const replicas = [0, 1].map(async s => {
          try {
            for (let r = 1; r <= ROUNDS; r++) {
              // As a cycle does: every SLO's write handed over at once, in groups of 8.
              await Promise.all(
                replicaIds[s].map(sloId => committers[s].save(write(sloId, r))),
              );
            }
          } finally {
            writing -= 1;
          }
        });
        const retention = (async () => {
          // Retention on its own connection, over the same SLOs, while they write.
          while (writing > 0) {
            retentionRuns.push(await stores[2].deleteOlderThan(T0));
            // A turn of the event loop: SQLite answers without one, and the
            // group commits' timers must get to run.
            await new Promise(resolve => setTimeout(resolve, 1));
          }
        })();
        // A deadlock victim rejects here (or falls back, which the warnings show).
        await Promise.all([...replicas, retention]);
        await Promise.all(committers.map(c => c.flush()));
        expect(warnings[0]).not.toHaveBeenCalled();
        expect(warnings[1]).not.toHaveBeenCalled();
        expect(retentionRuns.length).toBeGreaterThan(0);

        // Last run, once all is written: the old buckets go, the rest stays exact.
        await stores[2].deleteOlderThan(T0);
        const states = await stores[0].getStates(ids);
        for (const sloId of ids) {
          const expected = new Map<number, EventBucket>();
          for (let r = 1; r <= ROUNDS; r++) {
            for (const b of write(sloId, r).buckets) {
              if (b.start >= T0) expected.set(b.start, b);
            }
          }
          const stored = await stores[0].readBuckets(sloId, {
            from: T0 - 86400,
            to: T0 + 86400,
          });
          expect(
            stored.map(b => [b.start, b.durationSeconds, b.good, b.total]),
          ).toEqual(
            [...expected.values()]
              .sort((a, b) => a.start - b.start)
              .map(b => [b.start, b.durationSeconds, b.good, b.total]),
          );
          expect(states.get(sloId)).toMatchObject({
            collectedUntil: T0 + ROUNDS * 600 + 1200,
            consecutiveFailures: 0,
          });
        }
      } finally {
        for (const pool of pools) if (pool !== knex) await pool.destroy();
      }
    });
  },
);
