import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { durationToMilliseconds, HumanDuration } from '@backstage/types';
import { Knex } from 'knex';

const migrationsDir = resolvePackagePath(
  '@slo-kit/plugin-slo-backend',
  'migrations',
);

/**
 * The PostgreSQL advisory lock every replica of this plugin takes around its
 * migrations. Arbitrary but fixed: a release with another key would migrate
 * beside a replica of an older one.
 *
 * @internal
 */
export const SLO_MIGRATION_LOCK_KEY = 0x510bace;

/**
 * Long enough for the slowest migration another replica may be running; a
 * replica that dies releases the lock at once, so only a hung one waits this out.
 */
const DEFAULT_LOCK_TIMEOUT: HumanDuration = { minutes: 5 };

/** PostgreSQL's `lock_not_available`, raised when `lock_timeout` passes. */
const LOCK_NOT_AVAILABLE = '55P03';

const SQLITE_MIGRATION_ATTEMPTS = 6;

/**
 * Brings the SLO store's tables to the latest migration, also when several
 * replicas start on one fresh database at the same moment.
 *
 * knex's own guard is not enough for that: replicas that race creating its
 * bookkeeping tables can each insert a row into `knex_migrations_lock`, and
 * from then on every start of every replica fails with "Migration table is
 * already locked". So on PostgreSQL one replica at a time migrates, under a
 * transaction-scoped advisory lock that the others wait for and that is
 * released when the transaction ends, also when its process dies. The
 * migrations run inside that transaction, on its connection: no second
 * connection is needed while the others wait, so a small pool cannot starve
 * the replica holding the lock. A migration that cannot run in a transaction
 * (`CREATE INDEX CONCURRENTLY`) would fail here and needs a path of its own.
 *
 * @param db - the plugin's database client
 * @param options - `lockTimeout`: how long to wait for another replica's
 *   migrations (PostgreSQL), 5 minutes unless given
 * @internal
 */
export async function migrateSloStore(
  db: Knex,
  options: { lockTimeout?: HumanDuration } = {},
): Promise<void> {
  if (db.client.dialect === 'postgresql') {
    await migrateUnderAdvisoryLock(
      db,
      options.lockTimeout ?? DEFAULT_LOCK_TIMEOUT,
    );
  } else {
    await migrateWithRetries(db);
  }
}

async function migrateUnderAdvisoryLock(
  db: Knex,
  lockTimeout: HumanDuration,
): Promise<void> {
  const timeoutMs = durationToMilliseconds(lockTimeout);
  await db.transaction(async tx => {
    const {
      rows: [{ previous }],
    } = await tx.raw<{ rows: { previous: string }[] }>(
      "select current_setting('lock_timeout') as previous, set_config('lock_timeout', ?, true)",
      [`${timeoutMs}ms`],
    );
    try {
      await tx.raw('select pg_advisory_xact_lock(?::bigint)', [
        SLO_MIGRATION_LOCK_KEY,
      ]);
    } catch (error) {
      if ((error as { code?: unknown }).code === LOCK_NOT_AVAILABLE) {
        throw new Error(
          `Timed out after ${
            timeoutMs / 1000
          } s waiting for another replica to finish the SLO plugin's database migrations ` +
            `(PostgreSQL advisory lock ${SLO_MIGRATION_LOCK_KEY}). A replica that stops releases it at once, so a live session holds it: ` +
            `find it with "SELECT pid, application_name, state, query_start, query FROM pg_locks JOIN pg_stat_activity USING (pid) ` +
            `WHERE locktype = 'advisory' AND objid = ${SLO_MIGRATION_LOCK_KEY} AND granted", ` +
            `end it with "SELECT pg_terminate_backend(<pid>)" if it is stuck, and start this replica again.`,
        );
      }
      throw error;
    }
    // The migrations themselves wait for table locks as long as they always did.
    await tx.raw("select set_config('lock_timeout', ?, true)", [previous]);
    await tx.migrate.latest({ directory: migrationsDir });
  });
}

/**
 * SQLite has one writer and no replicas; stores sharing one database in one
 * process (as tests do) can still run the migrations at the same moment:
 * knex then fails with a clash creating its own bookkeeping tables, and the
 * second look finds the work done.
 */
async function migrateWithRetries(db: Knex): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await db.migrate.latest({ directory: migrationsDir });
      return;
    } catch (error) {
      if (attempt >= SQLITE_MIGRATION_ATTEMPTS) throw error;
      await new Promise(resolve => setTimeout(resolve, 250 * 2 ** attempt));
    }
  }
}
