import { readdirSync } from 'node:fs';
import knexFactory from 'knex';
import { resolve as resolvePath } from 'node:path';
import { DatabaseSloStore } from './DatabaseSloStore';
import { LAST_SEEN_STEP_MS } from './sloRegistry';
import {
  createStore,
  databases,
  definition,
  fiveMinuteBuckets,
  registration,
  sum,
  T0,
} from '../__testUtils__/sloStoreFixtures';

jest.setTimeout(60_000);

const migrationFiles = readdirSync(
  resolvePath(__dirname, '../../migrations'),
).filter(file => file.endsWith('.js'));

describe.each(databases.eachSupportedId())(
  'DatabaseSloStore on %p',
  databaseId => {
    const t0 = T0;

    it('lets replicas that start at the same moment migrate one fresh database', async () => {
      const knex = await databases.init(databaseId);
      // On PostgreSQL each replica has its own pool, as separate processes
      // would; SQLite's test database lives in its one connection.
      const isSqlite = databaseId === 'SQLITE_3';
      const replicas = Array.from({ length: 12 }, () =>
        isSqlite ? knex : knexFactory(knex.client.config),
      );
      try {
        // Connected first, then started a few milliseconds apart, as replicas
        // rolled out together are: some race creating knex's bookkeeping
        // tables, others find them half made. Without the advisory lock this
        // failed 5 runs in 6 with "MigrationLocked".
        await Promise.all(replicas.map(replica => replica.raw('select 1')));
        const stores = await Promise.all(
          replicas.map(async (replica, i) => {
            await new Promise(resolve => setTimeout(resolve, i * 3));
            return DatabaseSloStore.create({
              database: { getClient: async () => replica },
            });
          }),
        );
        await stores[0].registerSlo(registration(), 1000);
        await expect(
          stores[11].registerSlo(registration(), 2000),
        ).resolves.toMatchObject({ isNew: false });

        // Each migration ran once, and knex's lock table holds its one row:
        // a second row would make every later start fail as "already locked".
        const migrations = await knex('knex_migrations').pluck('name');
        expect(migrations).toEqual([...new Set(migrations)]);
        expect(migrations).toHaveLength(migrationFiles.length);
        await expect(
          knex('knex_migrations_lock').select('is_locked'),
        ).resolves.toEqual([{ is_locked: 0 }]);
        await expect(
          DatabaseSloStore.create({
            database: { getClient: async () => knex },
          }),
        ).resolves.toBeInstanceOf(DatabaseSloStore);
      } finally {
        await Promise.all(
          replicas
            .filter(replica => replica !== knex)
            .map(replica => replica.destroy()),
        );
      }
    });

    it('registers SLOs and tells new ones from known ones', async () => {
      const { store } = await createStore(databaseId);
      await expect(store.registerSlo(registration(), 1000)).resolves.toEqual({
        isNew: true,
        recollect: false,
      });
      await expect(store.registerSlo(registration(), 2000)).resolves.toEqual({
        isNew: false,
        recollect: false,
      });
      const [stored] = await store.listSlos({
        entityRefs: [definition.entityRef],
      });
      expect(stored).toMatchObject({
        sloId: definition.id,
        source: 'prometheus',
        firstSeenAt: 1000,
        // Within the step: an unchanged row is not rewritten.
        lastSeenAt: 1000,
        definition,
      });
      await expect(
        store.listSlos({ entityRefs: ['component:default/other'] }),
      ).resolves.toEqual([]);
    });

    it('moves last_seen_at in coarse steps, and writes a renamed SLO at once', async () => {
      const { store } = await createStore(databaseId);
      const lastSeen = async () =>
        (await store.listSlos({ entityRefs: [definition.entityRef] }))[0];
      await store.registerSlo(registration(), 1000);
      await store.registerSlo(registration(), 1000 + LAST_SEEN_STEP_MS - 1);
      expect((await lastSeen()).lastSeenAt).toBe(1000);
      // Retention reads it: past the step it is written.
      await store.registerSlo(registration(), 1000 + LAST_SEEN_STEP_MS);
      expect((await lastSeen()).lastSeenAt).toBe(1000 + LAST_SEEN_STEP_MS);
      // What the API shows is never held back by the step.
      const renamed = {
        ...registration(),
        name: 'Renamed',
        definition: { ...definition, name: 'Renamed' },
      };
      await expect(
        store.registerSlo(renamed, 2000 + LAST_SEEN_STEP_MS),
      ).resolves.toEqual({ isNew: false, recollect: false });
      expect(await lastSeen()).toMatchObject({
        name: 'Renamed',
        definition: { name: 'Renamed' },
        lastSeenAt: 2000 + LAST_SEEN_STEP_MS,
      });
    });

    it('writes buckets idempotently: writing twice replaces, never adds', async () => {
      const { store } = await createStore(databaseId);
      await store.registerSlo(registration(), 1000);
      const buckets = fiveMinuteBuckets(t0, 4500); // more than one write batch on either database
      await store.saveBuckets(definition.id, buckets, {
        from: t0,
        until: t0 + 4500 * 300,
      });
      await store.saveBuckets(definition.id, buckets.slice(100, 200));
      const read = await store.readBuckets(definition.id, {
        from: t0,
        to: t0 + 4500 * 300,
      });
      expect(read).toHaveLength(4500);
      expect(sum(read, 'good')).toBe(sum(buckets, 'good'));
      expect(sum(read, 'total')).toBe(sum(buckets, 'total'));
      expect(read[0]).toEqual(buckets[0]);

      // A corrected figure replaces the old one.
      await store.saveBuckets(definition.id, [{ ...buckets[5], good: 1 }]);
      const [fixed] = await store.readBuckets(definition.id, {
        from: buckets[5].start,
        to: buckets[5].start + 300,
      });
      expect(fixed.good).toBe(1);
    });

    it('reads only buckets that overlap the range', async () => {
      const { store } = await createStore(databaseId);
      await store.saveBuckets(definition.id, [
        { start: t0 - 3600, durationSeconds: 3600, good: 1, total: 1 },
        ...fiveMinuteBuckets(t0, 24),
      ]);
      const read = await store.readBuckets(definition.id, {
        from: t0 - 600,
        to: t0 + 600,
      });
      expect(read.map(b => [b.start, b.durationSeconds])).toEqual([
        [t0 - 3600, 3600],
        [t0, 300],
        [t0 + 300, 300],
      ]);
    });

    it('drops buckets and state when what is measured changes', async () => {
      const { store } = await createStore(databaseId);
      await store.registerSlo(registration('h1'), 1000);
      await store.saveBuckets(definition.id, fiveMinuteBuckets(t0, 12), {
        from: t0,
        until: t0 + 3600,
      });
      await expect(
        store.registerSlo(registration('h2'), 2000),
      ).resolves.toEqual({
        isNew: false,
        recollect: true,
      });
      expect(
        await store.readBuckets(definition.id, { from: t0, to: t0 + 3600 }),
      ).toEqual([]);
      expect((await store.getStates([definition.id])).size).toBe(0);
      const [stored] = await store.listSlos();
      expect(stored.definitionHash).toBe('h2');
    });

    it('compacts old fine buckets into hours without changing any sum', async () => {
      const { store } = await createStore(databaseId);
      const other = 'component:default/search/latency';
      const buckets = fiveMinuteBuckets(t0, 48); // two hours
      await store.saveBuckets(definition.id, buckets);
      await store.saveBuckets(other, fiveMinuteBuckets(t0, 12));
      // `before` mid-way through the second hour: only the first hour is complete.
      const merged = await store.compact({
        before: t0 + 3600 + 1800,
        intoSeconds: 3600,
      });
      expect(merged).toBe(12 + 12);
      const read = await store.readBuckets(definition.id, {
        from: t0,
        to: t0 + 4 * 3600,
      });
      expect(read[0]).toEqual({
        start: t0,
        durationSeconds: 3600,
        good: sum(buckets.slice(0, 12), 'good'),
        total: sum(buckets.slice(0, 12), 'total'),
      });
      expect(read).toHaveLength(1 + 36);
      expect(sum(read, 'good')).toBe(sum(buckets, 'good'));
      expect(sum(read, 'total')).toBe(sum(buckets, 'total'));
      // Running it again changes nothing.
      expect(
        await store.compact({ before: t0 + 3600 + 1800, intoSeconds: 3600 }),
      ).toBe(0);
      const again = await store.readBuckets(definition.id, {
        from: t0,
        to: t0 + 4 * 3600,
      });
      expect(again).toEqual(read);
    });

    it('changes the buckets fingerprint of a range when its buckets change, and not for later ones', async () => {
      const { store } = await createStore(databaseId);
      const range = { from: t0, to: t0 + 3600 };
      const fingerprint = () => store.bucketsFingerprint(definition.id, range);
      const empty = await fingerprint();
      await store.saveBuckets(definition.id, fiveMinuteBuckets(t0, 24));
      const first = await fingerprint();
      expect(first).not.toBe(empty);
      // Buckets after the range, and the same buckets written again: unchanged.
      await store.saveBuckets(definition.id, fiveMinuteBuckets(t0 + 7200, 12));
      await store.saveBuckets(definition.id, fiveMinuteBuckets(t0, 12));
      expect(await fingerprint()).toBe(first);
      // A late bucket in the range with other counts.
      await store.saveBuckets(definition.id, [
        { start: t0 + 600, durationSeconds: 300, good: 90, total: 103 },
      ]);
      const late = await fingerprint();
      expect(late).not.toBe(first);
      // Events moved between two buckets of the range: same sums, other buckets.
      await store.saveBuckets(definition.id, [
        { start: t0, durationSeconds: 300, good: 101, total: 102 },
        { start: t0 + 300, durationSeconds: 300, good: 100, total: 101 },
      ]);
      const moved = await fingerprint();
      expect(moved).not.toBe(late);
      // Compaction keeps every sum but merges buckets.
      await store.compact({ before: t0 + 3600, intoSeconds: 3600 });
      expect(await fingerprint()).not.toBe(moved);
    });

    it('deletes buckets past retention and SLOs no longer seen', async () => {
      const { store } = await createStore(databaseId);
      await store.registerSlo(registration(), (t0 + 7200) * 1000);
      await store.saveBuckets(definition.id, fiveMinuteBuckets(t0, 24));
      expect(await store.deleteOlderThan(t0 + 3600)).toBe(12);
      expect(
        await store.readBuckets(definition.id, { from: t0, to: t0 + 7200 }),
      ).toHaveLength(12);
      expect(await store.listSlos()).toHaveLength(1);
      await store.deleteOlderThan(t0 + 86400);
      expect(await store.listSlos()).toHaveLength(0);
    });

    it('records collector runs and returns the latest', async () => {
      const { store } = await createStore(databaseId);
      expect(await store.latestRun()).toBeUndefined();
      const run = {
        startedAt: 1000,
        finishedAt: 1500,
        durationMs: 500,
        sloCount: 3,
        failedCount: 1,
        bucketsWritten: 36,
      };
      await store.recordRun(run);
      await store.recordRun({
        ...run,
        startedAt: 2000,
        finishedAt: 2100,
        durationMs: 100,
      });
      expect(await store.latestRun()).toEqual({
        ...run,
        startedAt: 2000,
        finishedAt: 2100,
        durationMs: 100,
      });
    });
  },
);
