import knexFactory from 'knex';
import { randomBytes } from 'node:crypto';
import { fakeDateOnly } from './fakeDateOnly';
import {
  startSloNotificationsBackend,
  T0,
  type SloNotificationsBackend,
  type SloNotificationsBackendOptions,
} from './sloNotificationsBackend';

const CONNECTION_ENV = 'BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING';

/**
 * Starts `count` backends with the same options before the tests of the
 * calling `describe`, with `Date` faked at {@link T0}, and stops them after,
 * then runs `afterStop`. Each is kept as soon as it has started, so one that
 * started is stopped even when the next fails to.
 */
function backendsForSuite(
  count: number,
  options: SloNotificationsBackendOptions,
  afterStop: () => Promise<void> = async () => {},
): SloNotificationsBackend[] {
  const started: SloNotificationsBackend[] = [];
  beforeAll(async () => {
    fakeDateOnly(T0);
    for (let i = 0; i < count; i++) {
      started.push(await startSloNotificationsBackend(options));
    }
  });
  afterAll(async () => {
    for (const one of started) await one.backend.stop();
    await afterStop();
    jest.useRealTimers();
  });
  return started;
}

/**
 * One backend ({@link startSloNotificationsBackend}) for the tests of the
 * calling `describe`: started before them with `Date` faked at {@link T0},
 * stopped after. Its members may be used only inside tests.
 */
export function backendForSuite(
  options: SloNotificationsBackendOptions,
): SloNotificationsBackend {
  const started = backendsForSuite(1, options);
  const current = () => {
    if (!started[0]) {
      throw new Error('The backend starts in beforeAll: use it inside a test.');
    }
    return started[0];
  };
  return {
    get backend() {
      return current().backend;
    },
    collect: () => current().collect(),
    notifications: () => current().notifications(),
  };
}

/**
 * The body of a test that fails saying how to get PostgreSQL, for suites
 * that {@link replicasForSuite} could not start.
 */
export function needsPostgres(): never {
  throw new Error(
    `Set ${CONNECTION_ENV} (source scripts/services.sh && ensure_postgres sets it), e.g. postgresql://postgres:postgres@127.0.0.1:5432`,
  );
}

/**
 * Two replicas ({@link startSloNotificationsBackend}) on one PostgreSQL for
 * the tests of the calling `describe`: started before them with `Date` faked
 * at {@link T0}; after them stopped and their databases (named
 * `<databaseName>_<random>_…`) dropped. Without PostgreSQL it starts nothing
 * and returns undefined: the caller then adds a test of {@link needsPostgres}
 * instead of its own.
 */
export function replicasForSuite(
  databaseName: string,
  options: Omit<SloNotificationsBackendOptions, 'database'>,
): SloNotificationsBackend[] | undefined {
  const connection = process.env[CONNECTION_ENV];
  if (!connection) return undefined;
  const prefix = `${databaseName}_${randomBytes(4).toString('hex')}_`;
  return backendsForSuite(
    2,
    { ...options, database: { client: 'pg', connection, prefix } },
    async () => {
      const admin = knexFactory({ client: 'pg', connection });
      for (const db of ['slo', 'notifications']) {
        await admin
          .raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [`${prefix}${db}`])
          .catch(() => {});
      }
      await admin.destroy();
    },
  );
}
