import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { createDeferred } from '@backstage/types';
import { Knex } from 'knex';
import { migrateSloStore, SLO_MIGRATION_LOCK_KEY } from './migrateSloStore';
import { testDatabaseIds } from './testDatabaseIds';

jest.setTimeout(60_000);

// SQLite has no replicas and no lock: DatabaseSloStore.test.ts covers it.
const postgresIds = testDatabaseIds().filter(id => id.startsWith('POSTGRES'));
const databases = TestDatabases.create({ ids: postgresIds });

/** Holds the migration lock, as a replica that is migrating does, until released. */
async function holdMigrationLock(knex: Knex) {
  const locked = createDeferred();
  const release = createDeferred();
  const held = knex.transaction(async tx => {
    await tx.raw('select pg_advisory_xact_lock(?::bigint)', [
      SLO_MIGRATION_LOCK_KEY,
    ]);
    locked.resolve();
    await release;
  });
  await locked;
  return async () => {
    release.resolve();
    await held;
  };
}

/** Sessions of this database waiting for the migration lock. */
async function waitingForLock(knex: Knex): Promise<number> {
  const [{ count }] = await knex('pg_locks')
    .where({
      locktype: 'advisory',
      objid: SLO_MIGRATION_LOCK_KEY,
      granted: false,
    })
    .whereRaw(
      'database = (select oid from pg_database where datname = current_database())',
    )
    .count({ count: '*' });
  return Number(count);
}

// Shown as skipped where no PostgreSQL is configured (CI sets one and
// SLO_TEST_REQUIRE_POSTGRES).
const describeOnPostgres =
  postgresIds.length > 0
    ? describe.each(postgresIds)
    : describe.skip.each<TestDatabaseId>(['POSTGRES_15']);

describeOnPostgres('migrateSloStore on %p', databaseId => {
  it('waits for a replica that is migrating, then finds its work done', async () => {
    const knex = await databases.init(databaseId);
    const release = await holdMigrationLock(knex);
    let migrated = false;
    const migrating = migrateSloStore(knex).then(() => {
      migrated = true;
    });
    while ((await waitingForLock(knex)) === 0) {
      await new Promise(resolve => setTimeout(resolve, 20));
    }
    expect(migrated).toBe(false);

    await release();
    await migrating;
    await expect(knex.schema.hasTable('slo_registry')).resolves.toBe(true);
    await expect(
      knex('knex_migrations_lock').count({ rows: '*' }),
    ).resolves.toEqual([{ rows: '1' }]);
  });

  it('says what holds the lock and how to free it when waiting takes too long', async () => {
    const knex = await databases.init(databaseId);
    const release = await holdMigrationLock(knex);
    try {
      await expect(
        migrateSloStore(knex, { lockTimeout: { milliseconds: 300 } }),
      ).rejects.toThrow(
        /^Timed out after 0.3 s waiting for another replica to finish the SLO plugin's database migrations .*pg_locks.*pg_terminate_backend/,
      );
    } finally {
      await release();
    }
    await expect(knex.schema.hasTable('slo_registry')).resolves.toBe(false);
  });
});
