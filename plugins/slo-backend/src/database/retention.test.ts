import knexFactory from 'knex';
import {
  createStore,
  databases,
  definition,
  fiveMinuteBuckets,
  T0,
} from '../__testUtils__/sloStoreFixtures';

jest.setTimeout(60_000);

const postgresIds = databases
  .eachSupportedId()
  .filter(([id]) => id !== 'SQLITE_3');

describe.each(databases.eachSupportedId())(
  'deleteOlderThan on %p',
  databaseId => {
    it('deletes old head buckets and raises the data version of the SLOs it touched', async () => {
      const { store } = await createStore(databaseId);
      await store.saveBuckets(definition.id, fiveMinuteBuckets(T0, 10), {
        from: T0,
        until: T0 + 3000,
      });
      const version = (await store.getStates([definition.id])).get(
        definition.id,
      )?.dataVersion;
      await expect(store.deleteOlderThan(T0 + 1500)).resolves.toBe(5);
      const left = await store.readBuckets(definition.id, {
        from: T0,
        to: T0 + 3000,
      });
      expect(left.map(b => b.start)).toEqual(
        [5, 6, 7, 8, 9].map(i => T0 + i * 300),
      );
      expect(
        (await store.getStates([definition.id])).get(definition.id)
          ?.dataVersion,
      ).toBe((version ?? 0) + 1);
    });
  },
);

// Review finding F3: retention locked bucket rows before the state row,
// the opposite of every other writer, so the two could deadlock.
// PostgreSQL only: SQLite writes one transaction at a time.
(postgresIds.length > 0 ? describe : describe.skip).each(
  postgresIds.length > 0 ? postgresIds : databases.eachSupportedId(),
)('deleteOlderThan beside another writer on %p', databaseId => {
  it('waits for a writer holding the state row instead of deadlocking with it', async () => {
    const { knex, store } = await createStore(databaseId);
    await store.saveBuckets(definition.id, fiveMinuteBuckets(T0, 10), {
      from: T0,
      until: T0 + 3000,
    });
    const other = knexFactory(knex.client.config);
    try {
      let retention: Promise<number> | undefined;
      await other.transaction(async tx => {
        // A writer's first step: the SLO's state row.
        await tx('slo_collection_state')
          .where({ slo_id: definition.id })
          .update({ data_version: tx.raw('data_version + 1') });
        retention = store.deleteOlderThan(T0 + 1500);
        // Give retention time to take whatever it takes first.
        await new Promise(resolve => setTimeout(resolve, 500));
        // Then the writer's buckets, old ones included: a retention that
        // had locked them first would deadlock here.
        await tx('slo_buckets')
          .where({ slo_id: definition.id })
          .update({ good: tx.raw('good') });
      });
      await expect(retention).resolves.toBe(5);
    } finally {
      await other.destroy();
    }
  });
});
