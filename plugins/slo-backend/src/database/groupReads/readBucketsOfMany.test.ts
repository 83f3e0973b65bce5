import {
  createStore,
  databases,
  fiveMinuteBuckets,
  T0,
} from '../../__testUtils__/sloStoreFixtures';

jest.setTimeout(60_000);

const DAY = 86400;
const ids = ['slo-a', 'slo-b', 'slo-c', 'slo-empty'];

describe.each(databases.eachSupportedId())(
  'readBucketsOfMany on %p',
  databaseId => {
    it('gives each SLO the list readBuckets gives it, head and packed days alike', async () => {
      const { knex, store } = await createStore(databaseId);
      for (const [i, sloId] of ids.slice(0, 3).entries()) {
        // Two days and a bit, with fractional counts.
        const buckets = fiveMinuteBuckets(T0, 600 + i).map(b => ({
          ...b,
          good: b.good / 3,
          total: b.total / 3,
        }));
        await store.saveBuckets(sloId, buckets, {
          from: T0,
          until: T0 + (600 + i) * 300,
        });
      }
      // The first day and a half packed, then a late head bucket inside it.
      await store.packHistory({ before: T0 + DAY + DAY / 2 });
      const packedRows = await knex('slo_bucket_days').count({ n: '*' });
      expect(Number(packedRows[0].n)).toBeGreaterThan(0);
      await store.saveBuckets(
        'slo-b',
        [{ start: T0 + 3600, durationSeconds: 300, good: 7.5, total: 9.25 }],
        { from: T0 + 3600, until: T0 + 3900 },
      );
      for (const range of [
        { from: 0, to: T0 + 3 * DAY },
        { from: T0 + 1000, to: T0 + DAY + 7 },
        { from: T0 + DAY + DAY / 2 - 600, to: T0 + 2 * DAY },
      ]) {
        const many = await store.readBucketsOfMany(ids, range);
        for (const sloId of ids) {
          expect(many.get(sloId)).toEqual(
            await store.readBuckets(sloId, range),
          );
        }
      }
      // Something was packed, so both reads were compared.
      const all = await store.readBucketsOfMany(ids, {
        from: 0,
        to: T0 + 3 * DAY,
      });
      expect(all.get('slo-b')?.find(b => b.start === T0 + 3600)?.total).toBe(
        9.25,
      );
    });
  },
);
