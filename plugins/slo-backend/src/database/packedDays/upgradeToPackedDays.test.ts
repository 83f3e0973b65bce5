import { TestDatabases } from '@backstage/backend-test-utils';
import type { EventBucket } from '@slo-kit/plugin-slo-common';
import { readdirSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import { Knex } from 'knex';
import { DatabaseSloStore } from '../DatabaseSloStore';
import { testDatabaseIds } from '../testDatabaseIds';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: testDatabaseIds() });

const migrationsDir = resolvePath(__dirname, '../../../migrations');
/** The last migration of the version before packed days (main at 04bae29). */
const LAST_BEFORE = '20261207180000_collection_leases.js';

/** The migrations as the previous version shipped them. */
const previousMigrations: Knex.MigrationSource<string> = {
  getMigrations: async () =>
    readdirSync(migrationsDir)
      .filter(file => file.endsWith('.js') && file <= LAST_BEFORE)
      .sort(),
  getMigrationName: file => file,
  getMigration: async file => require(resolvePath(migrationsDir, file)),
};

const DAY = 86400;
const day0 = 1_740_787_200; // 2025-03-01T00:00:00Z

/**
 * What the previous version stored: per SLO, old hourly buckets (compacted)
 * and five-minute ones for the newest days, fractional counts as
 * increase() gives, written the way its saveBuckets did (one upsert per row
 * batch and the SLO's state with its data version).
 */
function previousHistory(seed: number): EventBucket[] {
  let state = seed;
  const random = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  const count = () => (100 + random() * 900) * (3600 / 3585);
  const hours = Array.from({ length: 6 * 24 }, (_, i) => {
    const total = count() * 12;
    return {
      start: day0 + i * 3600,
      durationSeconds: 3600,
      good: total - random(),
      total,
    };
  });
  const fine = Array.from({ length: 4 * 288 + 7 }, (_, i) => {
    const total = count();
    return {
      start: day0 + 6 * DAY + i * 300,
      durationSeconds: 300,
      good: i % 3 ? total : total - 1.5,
      total,
    };
  });
  return [...hours, ...fine];
}

describe.each(databases.eachSupportedId())(
  'upgrade to packed days on %p',
  databaseId => {
    it('keeps every count a database of the previous version holds, bucket by bucket', async () => {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest({ migrationSource: previousMigrations });
      expect(await knex.schema.hasTable('slo_bucket_days')).toBe(false);
      const slos = [
        'component:default/a/availability',
        'component:default/b/latency',
      ];
      const stored = new Map<string, EventBucket[]>();
      for (const [k, sloId] of slos.entries()) {
        const buckets = previousHistory(k + 3);
        stored.set(sloId, buckets);
        for (let i = 0; i < buckets.length; i += 200) {
          await knex('slo_buckets').insert(
            buckets.slice(i, i + 200).map(b => ({
              slo_id: sloId,
              bucket_start: b.start,
              duration_seconds: b.durationSeconds,
              good: b.good,
              total: b.total,
            })),
          );
        }
        await knex('slo_collection_state').insert({
          slo_id: sloId,
          consecutive_failures: 0,
          collected_from: day0,
          collected_until: day0 + 10 * DAY + 7 * 300,
          data_version: 5,
        });
      }

      const store = await DatabaseSloStore.create({
        database: { getClient: async () => knex },
      });
      const all = { from: day0 - DAY, to: day0 + 12 * DAY };
      const expectStored = async () => {
        for (const sloId of slos) {
          const read = await store.readBuckets(sloId, all);
          const expected = stored.get(sloId)!;
          expect(read).toHaveLength(expected.length);
          read.forEach((bucket, i) => {
            expect(bucket).toEqual(expected[i]);
            expect(Object.is(bucket.good, expected[i].good)).toBe(true);
            expect(Object.is(bucket.total, expected[i].total)).toBe(true);
          });
        }
      };
      // Before any packing: read from the head, as the previous version did.
      await expectStored();

      // The collector's pass, "now" early on day 10: days 0-8 are packed.
      const moved = await store.packHistory({
        before: day0 + 10 * DAY + 600 - DAY,
      });
      expect(moved).toBe(2 * (6 * 24 + 3 * 288));
      await expectStored();
      const [{ n }] = await knex('slo_bucket_days').count({ n: '*' });
      expect(Number(n)).toBe(2 * 9);
      const head = await knex('slo_buckets').count({ n: '*' });
      expect(Number(head[0].n)).toBe(2 * (288 + 7));
      const states = await store.getStates(slos);
      expect(states.get(slos[0])?.dataVersion).toBe(6);
      expect(states.get(slos[0])?.collectedUntil).toBe(
        day0 + 10 * DAY + 7 * 300,
      );
    });
  },
);
