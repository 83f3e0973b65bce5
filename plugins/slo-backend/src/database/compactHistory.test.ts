import { TestDatabases } from '@backstage/backend-test-utils';
import type { EventBucket } from '@slo-kit/plugin-slo-common';
import { DatabaseSloStore } from './DatabaseSloStore';
import { testDatabaseIds } from './testDatabaseIds';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: testDatabaseIds() });

const sloId = 'component:default/checkout/availability';
const day0 = 1_740_787_200; // 2025-03-01T00:00:00Z
const DAY = 86400;
const HOUR = 3600;

/** Five-minute buckets with counts in quarters: their sums are exact in any order. */
function fiveMinutes(from: number, count: number): EventBucket[] {
  return Array.from({ length: count }, (_, i) => ({
    start: from + i * 300,
    durationSeconds: 300,
    good: 100 + (i % 7) + 0.25,
    total: 103 + (i % 5) + 0.5,
  }));
}

const total = (buckets: EventBucket[], key: 'good' | 'total') =>
  buckets.reduce((acc, b) => acc + b[key], 0);

describe.each(databases.eachSupportedId())(
  'compactHistory on %p',
  databaseId => {
    async function createStore() {
      const knex = await databases.init(databaseId);
      const store = await DatabaseSloStore.create({
        database: { getClient: async () => knex },
      });
      return { knex, store };
    }

    // Review finding F2: an SLO whose source failed for longer than its fine
    // history resumes at its last stored bucket (10:35) and fetches the rest of
    // that hour in fine buckets; 10:00-10:35 was compacted into the 10:00 hour
    // meanwhile. Compaction then summed only the new buckets and replaced the
    // hour with them, losing 10:00-10:35.
    it('adds fine buckets fetched after an outage to their compacted hour in the head, never replaces it', async () => {
      const { store } = await createStore();
      const hour = day0 + 10 * HOUR;
      const before = fiveMinutes(hour, 7); // 10:00-10:35
      const after = fiveMinutes(hour + 35 * 60, 5); // 10:35-11:00
      await store.saveBuckets(sloId, before);
      await store.compact({ before: day0 + DAY, intoSeconds: HOUR });
      await store.saveBuckets(sloId, after);
      expect(
        await store.compact({ before: day0 + DAY, intoSeconds: HOUR }),
      ).toBe(5);

      const all = [...before, ...after];
      expect(
        await store.readBuckets(sloId, { from: day0, to: day0 + DAY }),
      ).toEqual([
        {
          start: hour,
          durationSeconds: HOUR,
          good: total(all, 'good'),
          total: total(all, 'total'),
        },
      ]);
    });

    it('adds fine buckets fetched after an outage to their compacted hour in packed days, never replaces it', async () => {
      const { store } = await createStore();
      const hour = day0 + 10 * HOUR;
      const before = fiveMinutes(day0, 10 * 12 + 7); // 00:00-10:35
      const after = fiveMinutes(hour + 35 * 60, 13 * 12 + 5); // 10:35-24:00
      await store.saveBuckets(sloId, before);
      await store.packHistory({ before: day0 + 2 * DAY });
      await store.compact({ before: day0 + 2 * DAY, intoSeconds: HOUR });
      await store.saveBuckets(sloId, after);
      await store.packHistory({ before: day0 + 2 * DAY });
      await store.compact({ before: day0 + 2 * DAY, intoSeconds: HOUR });

      const read = await store.readBuckets(sloId, {
        from: day0,
        to: day0 + DAY,
      });
      expect(read).toHaveLength(24);
      const all = [...before, ...after];
      expect(read[10]).toEqual({
        start: hour,
        durationSeconds: HOUR,
        good: total(all.slice(120, 132), 'good'),
        total: total(all.slice(120, 132), 'total'),
      });
      expect(total(read, 'good')).toBe(total(all, 'good'));
      expect(total(read, 'total')).toBe(total(all, 'total'));
    });
  },
);
