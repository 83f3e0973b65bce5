import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import type { EventBucket } from '@slo-kit/plugin-slo-common';
import knexFactory, { Knex } from 'knex';
import { DatabaseSloStore } from '../DatabaseSloStore';
import { testDatabaseIds } from '../testDatabaseIds';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: testDatabaseIds() });

const day0 = 1_740_787_200; // 2025-03-01T00:00:00Z
const DAY = 86400;
const oldPath = 'component:default/checkout/old-path';
const newPath = 'component:default/checkout/new-path';

/**
 * Five-minute buckets of `days` days from `from`: fractions as increase()
 * extrapolates them, whole numbers, `-0` and zero, so every kind of double
 * must come back bit for bit.
 */
function buckets(from: number, days: number, seed = 1): EventBucket[] {
  let state = seed;
  const random = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  return Array.from({ length: (days * DAY) / 300 }, (_, i) => {
    const fraction = (500 + random() * 100) * (300 / 285);
    const kind = i % 7;
    if (kind === 0)
      return {
        start: from + i * 300,
        durationSeconds: 300,
        good: 17,
        total: 20,
      };
    if (kind === 1)
      return {
        start: from + i * 300,
        durationSeconds: 300,
        good: -0,
        total: -0,
      };
    if (kind === 2)
      return { start: from + i * 300, durationSeconds: 300, good: 0, total: 3 };
    return {
      start: from + i * 300,
      durationSeconds: 300,
      good: kind === 3 ? fraction : fraction - random() * 4,
      total: fraction,
    };
  });
}

/**
 * `list` as a head row stores it (and so as today's path reads it back):
 * both drivers send numbers as text, where `-0` is `0`.
 */
const asStored = (list: EventBucket[]) =>
  list.map(b => ({ ...b, good: b.good + 0, total: b.total + 0 }));

/** The chunks of `[from, until)` a backfill stores, each with its range. */
function chunked(
  list: EventBucket[],
  from: number,
  until: number,
  seconds: number,
) {
  const result: Array<{ buckets: EventBucket[]; from: number; until: number }> =
    [];
  for (let start = from; start < until; start += seconds) {
    const end = Math.min(until, start + seconds);
    result.push({
      buckets: list.filter(b => b.start >= start && b.start < end),
      from: start,
      until: end,
    });
  }
  return result;
}

async function createStore(databaseId: TestDatabaseId) {
  const knex = await databases.init(databaseId);
  const store = await DatabaseSloStore.create({
    database: { getClient: async () => knex },
  });
  return { knex, store };
}

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

/** Each packed row of an SLO: its day, span, count, sums and bytes (hex). */
async function packedRows(knex: Knex, sloId: string) {
  const rows = await knex('slo_bucket_days')
    .select(
      'day_start',
      'span_days',
      'bucket_count',
      'good',
      'total',
      'min_duration',
      'max_end',
      'buckets',
    )
    .where({ slo_id: sloId })
    .orderBy('day_start');
  return rows.map(row => ({
    ...row,
    day_start: Number(row.day_start),
    max_end: Number(row.max_end),
    good: Number(row.good),
    total: Number(row.total),
    buckets: Buffer.from(row.buckets).toString('hex'),
  }));
}

const headCount = async (knex: Knex, sloId: string) =>
  Number(
    (await knex('slo_buckets').where({ slo_id: sloId }).count({ n: '*' }))[0].n,
  );

describe.each(databases.eachSupportedId())(
  'a backfill written packed on %p',
  databaseId => {
    const all = { from: day0 - DAY, to: day0 + 40 * DAY };

    it('stores the bytes packing would, and reads every bucket as the head-then-pack path does', async () => {
      const { knex, store } = await createStore(databaseId);
      // 35 days and 7 hours, in chunks that end in the middle of days.
      const until = day0 + 35 * DAY + 7 * 3600;
      const list = buckets(day0, 36).filter(b => b.start < until);
      for (const chunk of chunked(list, day0, until, 11 * DAY + 3 * 3600)) {
        const range = { from: chunk.from, until: chunk.until };
        await store.saveBuckets(oldPath, chunk.buckets, range);
        await store.saveHistory(newPath, chunk.buckets, range);
      }
      // Only the unfinished day went to the head.
      expect(await headCount(knex, newPath)).toBe((7 * 3600) / 300);
      expectSameBuckets(await store.readBuckets(newPath, all), asStored(list));
      expectSameBuckets(
        await store.readBuckets(newPath, all),
        await store.readBuckets(oldPath, all),
      );

      // The collector's pass at the same time: the old path's head packed
      // up to the last six-hour step; then both compacted alike.
      const now = until;
      await store.packHistory({ before: now - 3600 });
      await store.packHistory({ before: now - 3600 });
      const oldRows = await packedRows(knex, oldPath);
      const newRows = await packedRows(knex, newPath);
      // The new path leaves the unfinished day in the head until the pass.
      expect(newRows).toEqual(oldRows);
      expectSameBuckets(
        await store.readBuckets(newPath, all),
        await store.readBuckets(oldPath, all),
      );
      await store.compact({ before: day0 + 20 * DAY, intoSeconds: 3600 });
      expect(await packedRows(knex, newPath)).toEqual(
        await packedRows(knex, oldPath),
      );
      expectSameBuckets(
        await store.readBuckets(newPath, all),
        await store.readBuckets(oldPath, all),
      );
    });

    it('counts a backfill written twice, or resumed after a crash, once', async () => {
      const { knex, store } = await createStore(databaseId);
      const until = day0 + 5 * DAY + 3600;
      const list = buckets(day0, 6, 7).filter(b => b.start < until);
      const range = { from: day0, until };
      await store.saveHistory(newPath, list, range);
      const rows = await packedRows(knex, newPath);
      // Repeated whole.
      await store.saveHistory(newPath, list, range);
      expectSameBuckets(await store.readBuckets(newPath, all), asStored(list));
      expect(await packedRows(knex, newPath)).toEqual(rows);

      // A crash after the first chunk (half of day 2 in the head), then the
      // backfill again from the start with other counts (a re-fetch).
      const { knex: knex2, store: store2 } = await createStore(databaseId);
      const first = chunked(list, day0, until, 2 * DAY + 12 * 3600)[0];
      await store2.saveHistory(newPath, first.buckets, {
        from: first.from,
        until: first.until,
      });
      expect(await headCount(knex2, newPath)).toBe(144);
      const refetched = buckets(day0, 6, 99).filter(b => b.start < until);
      for (const chunk of chunked(refetched, day0, until, 3 * DAY)) {
        await store2.saveHistory(newPath, chunk.buckets, {
          from: chunk.from,
          until: chunk.until,
        });
      }
      expectSameBuckets(
        await store2.readBuckets(newPath, all),
        asStored(refetched),
      );
      expect(await headCount(knex2, newPath)).toBe(12);
    });

    it('lets a late head bucket over a directly packed day win, then merges it', async () => {
      const { knex, store } = await createStore(databaseId);
      const until = day0 + 3 * DAY;
      const list = buckets(day0, 3, 3);
      await store.saveHistory(newPath, list, { from: day0, until });
      expect(await headCount(knex, newPath)).toBe(0);
      const late = { ...list[300], good: 1.25, total: 2.5 };
      await store.saveBuckets(newPath, [late]);
      const expected = asStored(list).map((b, i) => (i === 300 ? late : b));
      expectSameBuckets(await store.readBuckets(newPath, all), expected);
      await store.packHistory({ before: until + DAY });
      expect(await headCount(knex, newPath)).toBe(0);
      expectSameBuckets(await store.readBuckets(newPath, all), expected);

      // And a backfill over it again replaces the late bucket too.
      await store.saveBuckets(newPath, [late]);
      await store.saveHistory(newPath, list, { from: day0, until });
      expect(await headCount(knex, newPath)).toBe(0);
      expectSameBuckets(await store.readBuckets(newPath, all), asStored(list));
    });

    it('writes a day of a 16-day block into the block, keeping its other days', async () => {
      const { knex, store } = await createStore(databaseId);
      const block = Math.ceil(day0 / (16 * DAY)) * 16 * DAY;
      const list = buckets(block, 18, 5);
      await store.saveBuckets(newPath, list);
      await store.packHistory({ before: block + 18 * DAY });
      await store.compact({ before: block + 17 * DAY, intoSeconds: 3600 });
      expect(
        (await packedRows(knex, newPath)).map(row => [
          row.day_start,
          row.span_days,
        ]),
      ).toEqual([
        [block, 16],
        [block + 16 * DAY, 1],
        [block + 17 * DAY, 1],
      ]);
      const before = await store.readBuckets(newPath, all);
      const hour = {
        start: block + 3 * DAY + 7200,
        durationSeconds: 3600,
        good: 0.5,
        total: 0.75,
      };
      await store.saveHistory(newPath, [hour], {
        from: block + 3 * DAY,
        until: block + 4 * DAY,
      });
      expect(
        (await packedRows(knex, newPath)).map(row => row.day_start),
      ).toEqual([block, block + 16 * DAY, block + 17 * DAY]);
      expectSameBuckets(
        await store.readBuckets(newPath, all),
        before.map(b =>
          b.start === hour.start && b.durationSeconds === 3600 ? hour : b,
        ),
      );
    });
    it('counts each bucket once when two replicas backfill the same SLOs while both pack', async () => {
      const { knex } = await createStore(databaseId);
      // Each replica has its own pool on PostgreSQL, as separate processes would.
      const pools: Knex[] = [0, 1].map(() =>
        databaseId === 'SQLITE_3' ? knex : knexFactory(knex.client.config),
      );
      try {
        const [a, b] = await Promise.all(
          pools.map(pool =>
            DatabaseSloStore.create({
              database: { getClient: async () => pool },
            }),
          ),
        );
        const ids = [oldPath, newPath];
        const until = day0 + 6 * DAY + 5 * 3600;
        const list = buckets(day0, 7, 11).filter(
          bucket => bucket.start < until,
        );
        // The state rows exist before a backfill writes (its attempt is recorded first).
        for (const id of ids) await a.recordAttempt(id, 1);
        const backfill = (
          store: DatabaseSloStore,
          id: string,
          seconds: number,
        ) =>
          chunked(list, day0, until, seconds).reduce(
            (done, chunk) =>
              done.then(() =>
                store.saveHistory(id, chunk.buckets, {
                  from: chunk.from,
                  until: chunk.until,
                }),
              ),
            Promise.resolve(0),
          );
        await Promise.all([
          ...ids.map(id => backfill(a, id, 2 * DAY + 7 * 3600)),
          ...ids.map(id => backfill(b, id, 3 * DAY + 1800)),
          a.packHistory({ before: until - 3600 }),
          b.packHistory({ before: until - 3600 }),
          a.packHistory({ before: until - 3600 }),
        ]);
        for (const id of ids) {
          expectSameBuckets(await b.readBuckets(id, all), asStored(list));
        }
        await a.packHistory({ before: until - 3600 });
        for (const id of ids) {
          expectSameBuckets(await a.readBuckets(id, all), asStored(list));
          expect(await headCount(knex, id)).toBe(60);
        }
      } finally {
        await Promise.all(
          pools.filter(pool => pool !== knex).map(pool => pool.destroy()),
        );
      }
    });
  },
);
