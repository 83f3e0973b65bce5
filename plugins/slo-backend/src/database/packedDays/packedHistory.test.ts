import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import type { EventBucket, SloDefinition } from '@slo-kit/plugin-slo-common';
import knexFactory, { Knex } from 'knex';
import { DatabaseSloStore } from '../DatabaseSloStore';
import { testDatabaseIds } from '../testDatabaseIds';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: testDatabaseIds() });

const sloId = 'component:default/checkout/availability';
const day0 = 1_740_787_200; // 2025-03-01T00:00:00Z
const DAY = 86400;

/** Fine buckets of whole days with counts as Prometheus' increase() gives (fractions). */
function fineDays(from: number, days: number, seed = 1): EventBucket[] {
  let state = seed;
  const random = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  return Array.from({ length: (days * DAY) / 300 }, (_, i) => {
    const total = (500 + random() * 100) * (300 / 285);
    return {
      start: from + i * 300,
      durationSeconds: 300,
      good: i % 5 ? total : total - random() * 4,
      total,
    };
  });
}

async function createStore(databaseId: TestDatabaseId) {
  const knex = await databases.init(databaseId);
  const store = await DatabaseSloStore.create({
    database: { getClient: async () => knex },
  });
  return { knex, store };
}

const all = { from: day0 - DAY, to: day0 + 10 * DAY };

/** Bit for bit, in order. */
function expectSameBuckets(actual: EventBucket[], expected: EventBucket[]) {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((bucket, i) => {
    expect([bucket.start, bucket.durationSeconds]).toEqual([
      expected[i].start,
      expected[i].durationSeconds,
    ]);
    expect(Object.is(bucket.good, expected[i].good)).toBe(true);
    expect(Object.is(bucket.total, expected[i].total)).toBe(true);
  });
}

const version = async (store: DatabaseSloStore) =>
  (await store.getStates([sloId])).get(sloId)?.dataVersion;

describe.each(databases.eachSupportedId())(
  'packed history on %p',
  databaseId => {
    it('packs whole days before yesterday and reads the same buckets, bucket by bucket', async () => {
      const { knex, store } = await createStore(databaseId);
      const buckets = fineDays(day0, 4);
      await store.saveBuckets(sloId, buckets);
      const fingerprint = await store.bucketsFingerprint(sloId, all);
      const before = await version(store);

      // "Now" is early on day 3: days 2 and 3 stay in the head.
      expect(
        await store.packHistory({ before: day0 + 3 * DAY + 3600 - DAY }),
      ).toBe(2 * 288);
      expectSameBuckets(await store.readBuckets(sloId, all), buckets);
      expectSameBuckets(
        await store.readBuckets(sloId, {
          from: day0 + DAY - 450,
          to: day0 + DAY + 600,
        }),
        buckets.slice(286, 290),
      );
      expect(await knex('slo_bucket_days').count({ n: '*' })).toEqual([
        { n: databaseId === 'SQLITE_3' ? 2 : '2' },
      ]);
      expect(
        (await knex('slo_buckets').min({ start: 'bucket_start' }))[0].start,
      ).toEqual(
        databaseId === 'SQLITE_3' ? day0 + 2 * DAY : String(day0 + 2 * DAY),
      );
      expect(await store.bucketsFingerprint(sloId, all)).not.toBe(fingerprint);
      expect(await version(store)).toBe(before! + 1);

      // Again: nothing left to pack, nothing changes.
      const packed = await store.bucketsFingerprint(sloId, all);
      expect(
        await store.packHistory({ before: day0 + 3 * DAY + 3600 - DAY }),
      ).toBe(0);
      expect(await store.bucketsFingerprint(sloId, all)).toBe(packed);
      expect(await version(store)).toBe(before! + 1);
    });

    it('packs a day so far in six-hour steps into one row, then the rest of it', async () => {
      const { knex, store } = await createStore(databaseId);
      const buckets = fineDays(day0, 1);
      await store.saveBuckets(sloId, buckets);
      // At 13:10, an hour back is 12:10: 00:00-12:00 is packed.
      expect(await store.packHistory({ before: day0 + 12 * 3600 + 600 })).toBe(
        144,
      );
      expectSameBuckets(await store.readBuckets(sloId, all), buckets);
      expect(await store.packHistory({ before: day0 + DAY })).toBe(144);
      expectSameBuckets(await store.readBuckets(sloId, all), buckets);
      const rows = await knex('slo_bucket_days').select('bucket_count');
      expect(rows.map(row => Number(row.bucket_count))).toEqual([288]);
      expect(await knex('slo_buckets').select('bucket_start')).toEqual([]);
    });

    it('merges a late bucket into its packed day: written twice it is replaced, never added', async () => {
      const { knex, store } = await createStore(databaseId);
      const buckets = fineDays(day0, 3);
      await store.saveBuckets(sloId, buckets);
      await store.packHistory({ before: day0 + 2 * DAY });
      const packed = await store.bucketsFingerprint(sloId, {
        from: day0,
        to: day0 + DAY,
      });
      const later = await store.bucketsFingerprint(sloId, {
        from: day0 + 2 * DAY,
        to: day0 + 3 * DAY,
      });

      const late = { ...buckets[100], good: 12.75, total: 13.5 };
      await store.saveBuckets(sloId, [late]);
      await store.saveBuckets(sloId, [late]);
      const expected = buckets.map((b, i) => (i === 100 ? late : b));
      expectSameBuckets(await store.readBuckets(sloId, all), expected);
      expect(
        await store.bucketsFingerprint(sloId, { from: day0, to: day0 + DAY }),
      ).not.toBe(packed);
      // Another day's figures stay cached.
      expect(
        await store.bucketsFingerprint(sloId, {
          from: day0 + 2 * DAY,
          to: day0 + 3 * DAY,
        }),
      ).toBe(later);

      // The next pass moves it into the packed row.
      expect(await store.packHistory({ before: day0 + 2 * DAY })).toBe(1);
      expect(
        await knex('slo_buckets').where('bucket_start', '<', day0 + DAY),
      ).toEqual([]);
      expectSameBuckets(await store.readBuckets(sloId, all), expected);
    });

    it('compacts packed fine days into hours, whole days only, keeping every sum', async () => {
      const { store } = await createStore(databaseId);
      const buckets = fineDays(day0, 3);
      await store.saveBuckets(sloId, buckets);
      await store.packHistory({ before: day0 + 2 * DAY });
      const fingerprint = await store.bucketsFingerprint(sloId, all);

      // The cutoff falls in day 1: only day 0 is compacted.
      expect(
        await store.compact({ before: day0 + DAY + 1800, intoSeconds: 3600 }),
      ).toBe(288);
      const hours = Array.from({ length: 24 }, (_, h) => {
        const fine = buckets.slice(h * 12, h * 12 + 12);
        return {
          start: day0 + h * 3600,
          durationSeconds: 3600,
          good: fine.reduce((acc, b) => acc + b.good, 0),
          total: fine.reduce((acc, b) => acc + b.total, 0),
        };
      });
      expectSameBuckets(await store.readBuckets(sloId, all), [
        ...hours,
        ...buckets.slice(288),
      ]);
      expect(await store.bucketsFingerprint(sloId, all)).not.toBe(fingerprint);
      expect(
        await store.compact({ before: day0 + DAY + 1800, intoSeconds: 3600 }),
      ).toBe(0);
    });

    it('compacts a late head bucket together with the packed buckets of its hour, not instead of them', async () => {
      const { store } = await createStore(databaseId);
      const buckets = fineDays(day0, 2);
      await store.saveBuckets(sloId, buckets);
      await store.packHistory({ before: day0 + 2 * DAY });
      // A re-fetch rewrites 00:10 of day 0 after it was packed; compaction
      // then runs before any packing pass moves it.
      const late = { ...buckets[2], good: 7.25, total: 9.5 };
      await store.saveBuckets(sloId, [late]);
      await store.compact({ before: day0 + DAY, intoSeconds: 3600 });

      const firstHour = [...buckets.slice(0, 2), late, ...buckets.slice(3, 12)];
      const [hour] = await store.readBuckets(sloId, {
        from: day0,
        to: day0 + 3600,
      });
      expect(hour).toEqual({
        start: day0,
        durationSeconds: 3600,
        good: firstHour.reduce((acc, b) => acc + b.good, 0),
        total: firstHour.reduce((acc, b) => acc + b.total, 0),
      });
    });

    it('packs compacted days into 16-day blocks that read the same and take late buckets', async () => {
      const { knex, store } = await createStore(databaseId);
      const block = 1260 * 16 * DAY; // a block boundary: 2025-03-13
      const buckets = fineDays(block - 2 * DAY, 20);
      const wide = { from: block - 20 * DAY, to: block + 20 * DAY };
      await store.saveBuckets(sloId, buckets);
      await store.packHistory({ before: block + 18 * DAY });
      const cutoff = block + 16 * DAY + 1800;
      expect(await store.compact({ before: cutoff, intoSeconds: 3600 })).toBe(
        18 * 288,
      );
      const hours: EventBucket[] = [];
      for (let i = 0; i < 18 * 288; i += 12) {
        const fine = buckets.slice(i, i + 12);
        hours.push({
          start: fine[0].start,
          durationSeconds: 3600,
          good: fine.reduce((acc, b) => acc + b.good, 0),
          total: fine.reduce((acc, b) => acc + b.total, 0),
        });
      }
      const expected = [...hours, ...buckets.slice(18 * 288)];
      expectSameBuckets(await store.readBuckets(sloId, wide), expected);
      const rows = async () =>
        (
          await knex('slo_bucket_days')
            .select('day_start', 'span_days')
            .orderBy('day_start')
        ).map(row => [Number(row.day_start), Number(row.span_days)]);
      expect(await rows()).toEqual([
        [block - 16 * DAY, 16],
        [block, 16],
        [block + 16 * DAY, 1],
        [block + 17 * DAY, 1],
      ]);
      expectSameBuckets(
        await store.readBuckets(sloId, {
          from: block + 3 * DAY + 3600,
          to: block + 3 * DAY + 3 * 3600,
        }),
        hours.slice(5 * 24 + 1, 5 * 24 + 3),
      );

      // A late hour inside a block: replaced, then merged into the block.
      const late = { ...hours[5 * 24 + 2], good: 1.5, total: 2.5 };
      await store.saveBuckets(sloId, [late]);
      await store.saveBuckets(sloId, [late]);
      const withLate = expected.map((b, i) => (i === 5 * 24 + 2 ? late : b));
      expectSameBuckets(await store.readBuckets(sloId, wide), withLate);
      expect(await store.packHistory({ before: block + 18 * DAY })).toBe(1);
      expectSameBuckets(await store.readBuckets(sloId, wide), withLate);
      expect(await rows()).toHaveLength(4);

      // Retention drops a block when its last bucket has passed.
      expect(await store.deleteOlderThan(block + 600)).toBe(48);
      expectSameBuckets(
        await store.readBuckets(sloId, wide),
        withLate.slice(48),
      );
    });

    it('drops packed days past retention whole, and all of them with the SLO', async () => {
      const { store } = await createStore(databaseId);
      const buckets = fineDays(day0, 3);
      await store.saveBuckets(sloId, buckets);
      await store.packHistory({ before: day0 + 2 * DAY });
      const before = await version(store);

      // Day 0 ends at day 1's midnight; day 1 is kept whole.
      expect(await store.deleteOlderThan(day0 + DAY + 600)).toBe(288);
      expectSameBuckets(
        await store.readBuckets(sloId, all),
        buckets.slice(288),
      );
      expect(await version(store)).toBe(before! + 1);

      await store.removeSlo(sloId);
      expect(await store.readBuckets(sloId, all)).toEqual([]);
    });

    it('drops packed days when what is measured changes', async () => {
      const { store } = await createStore(databaseId);
      const definition = { id: sloId } as SloDefinition;
      const registration = (hash: string) => ({
        sloId,
        entityRef: 'component:default/checkout',
        name: 'availability',
        source: 'prometheus',
        definitionHash: hash,
        definition,
      });
      await store.registerSlo(registration('h1'), 1000);
      await store.saveBuckets(sloId, fineDays(day0, 3));
      await store.packHistory({ before: day0 + 2 * DAY });
      await store.registerSlo(registration('h2'), 2000);
      expect(await store.readBuckets(sloId, all)).toEqual([]);
    });

    it('loses and doubles no count when replicas pack, compact and write late buckets at once', async () => {
      const { knex } = await createStore(databaseId);
      // Each replica has its own pool on PostgreSQL, as separate processes would.
      const isSqlite = databaseId === 'SQLITE_3';
      const pools: Knex[] = [0, 1].map(() =>
        isSqlite ? knex : knexFactory(knex.client.config),
      );
      try {
        const [a, b] = await Promise.all(
          pools.map(pool =>
            DatabaseSloStore.create({
              database: { getClient: async () => pool },
            }),
          ),
        );
        const ids = [sloId, 'component:default/search/latency'];
        const buckets = fineDays(day0, 4);
        for (const id of ids) await a.saveBuckets(id, buckets);
        // Late writes into days being packed and a new bucket today.
        const late = [5, 300, 700, 1000].map(i => ({
          ...buckets[i],
          good: i + 0.25,
          total: i + 0.5,
        }));
        const today = fineDays(day0 + 4 * DAY, 1, 9).slice(0, 3);
        const now = day0 + 4 * DAY + 900;
        await Promise.all([
          a.packHistory({ before: now - DAY }),
          b.packHistory({ before: now - DAY }),
          ...ids.map(id => a.saveBuckets(id, late)),
          ...ids.map(id => b.saveBuckets(id, late)),
          ...ids.map(id => b.saveBuckets(id, today)),
          a.packHistory({ before: now - DAY }),
        ]);
        const byIndex = new Map(
          [5, 300, 700, 1000].map((i, k) => [i, late[k]] as const),
        );
        const expected = [
          ...buckets.map((bucket, i) => byIndex.get(i) ?? bucket),
          ...today,
        ];
        for (const id of ids) {
          expectSameBuckets(await a.readBuckets(id, all), expected);
        }
        // Settled: whatever each pass left in the head is packed by the next.
        await a.packHistory({ before: now - DAY });
        for (const id of ids) {
          expectSameBuckets(await b.readBuckets(id, all), expected);
        }
        expect(
          await knex('slo_buckets').where('bucket_start', '<', day0 + 3 * DAY),
        ).toEqual([]);
      } finally {
        await Promise.all(
          pools.filter(pool => pool !== knex).map(pool => pool.destroy()),
        );
      }
    });
  },
);
