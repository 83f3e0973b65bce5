import type { TestDatabaseId } from '@backstage/backend-test-utils';

const POSTGRES_IDS: TestDatabaseId[] = [
  'POSTGRES_18',
  'POSTGRES_17',
  'POSTGRES_16',
  'POSTGRES_15',
  'POSTGRES_14',
  'POSTGRES_13',
];

/**
 * SQLite always, plus every PostgreSQL whose connection string is set
 * (`BACKSTAGE_TEST_DATABASE_POSTGRES<N>_CONNECTION_STRING`). Ids without a
 * connection string are left out: TestDatabases would otherwise try Docker,
 * which this project's machines do not have.
 *
 * Set `SLO_TEST_REQUIRE_POSTGRES=1` (CI does) to fail instead of silently
 * testing SQLite alone.
 *
 * @internal
 */
export function testDatabaseIds(): TestDatabaseId[] {
  const postgres = POSTGRES_IDS.filter(
    id =>
      process.env[
        `BACKSTAGE_TEST_DATABASE_${id.replace('_', '')}_CONNECTION_STRING`
      ],
  );
  if (postgres.length === 0 && process.env.SLO_TEST_REQUIRE_POSTGRES) {
    throw new Error(
      'SLO_TEST_REQUIRE_POSTGRES is set but no BACKSTAGE_TEST_DATABASE_POSTGRES<N>_CONNECTION_STRING is; set e.g. BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING=postgresql://postgres:postgres@127.0.0.1:5432',
    );
  }
  return ['SQLITE_3', ...postgres];
}
