import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import type { EventBucket, SloDefinition } from '@slo-kit/plugin-slo-common';
import { readdirSync } from 'node:fs';
import knexFactory from 'knex';
import { resolve as resolvePath } from 'node:path';
import { DatabaseSloStore } from './DatabaseSloStore';
import { SloRegistration } from './SloStore';
import { testDatabaseIds } from './testDatabaseIds';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: testDatabaseIds() });

const migrationFiles = readdirSync(
  resolvePath(__dirname, '../../migrations'),
).filter(file => file.endsWith('.js'));

const definition: SloDefinition = {
  id: 'component:default/checkout/availability',
  entityRef: 'component:default/checkout',
  name: 'availability',
  sli: {
    kind: 'ratio',
    bad: { selector: 'http_requests_total{code=~"5.."}' },
    total: { selector: 'http_requests_total' },
  },
  objectives: [{ name: '', target: 0.999 }],
  window: { type: 'rolling', durationSeconds: 30 * 86400, label: '30d' },
  labels: {},
  origin: { kind: 'annotation', annotation: 'slo-kit.dev/slos' },
};

function registration(hash = 'h1'): SloRegistration {
  return {
    sloId: definition.id,
    entityRef: definition.entityRef,
    name: definition.name,
    source: 'prometheus',
    definitionHash: hash,
    definition,
  };
}

function fiveMinuteBuckets(start: number, count: number): EventBucket[] {
  return Array.from({ length: count }, (_, i) => ({
    start: start + i * 300,
    durationSeconds: 300,
    good: 100 + i,
    total: 101 + i,
  }));
}

const sum = (buckets: EventBucket[], key: 'good' | 'total') =>
  buckets.reduce((acc, b) => acc + b[key], 0);

async function createStore(databaseId: TestDatabaseId) {
  const knex = await databases.init(databaseId);
  const store = await DatabaseSloStore.create({
    database: { getClient: async () => knex },
  });
  return { knex, store };
}

describe.each(databases.eachSupportedId())(
  'DatabaseSloStore on %p',
  databaseId => {
    const t0 = 1_740_787_200; // 2025-03-01T00:00:00Z, hour-aligned

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
        lastSeenAt: 2000,
        definition,
      });
      await expect(
        store.listSlos({ entityRefs: ['component:default/other'] }),
      ).resolves.toEqual([]);
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

    it('tracks the collected range and collection state', async () => {
      const { store } = await createStore(databaseId);
      await store.recordAttempt(definition.id, 10);
      await store.saveBuckets(definition.id, fiveMinuteBuckets(t0, 12), {
        from: t0,
        until: t0 + 3600,
      });
      await store.saveBuckets(definition.id, fiveMinuteBuckets(t0 + 3600, 12), {
        from: t0 + 3600,
        until: t0 + 7200,
      });
      await store.recordSuccess(definition.id, 20);
      await store.recordFailure(definition.id, 30, 'Prometheus answered 503');
      await store.recordFailure(definition.id, 40, 'Prometheus answered 502');
      const state = (await store.getStates([definition.id])).get(definition.id);
      expect(state).toEqual({
        sloId: definition.id,
        lastAttemptAt: 10,
        lastSuccessAt: 20,
        lastErrorAt: 40,
        lastError: 'Prometheus answered 502',
        consecutiveFailures: 2,
        collectedFrom: t0,
        collectedUntil: t0 + 7200,
        dataVersion: 2,
      });
      expect(
        (await store.listErrors(definition.id)).map(e => e.message),
      ).toEqual(['Prometheus answered 502', 'Prometheus answered 503']);
      // Errors never cost stored data.
      expect(
        await store.readBuckets(definition.id, { from: t0, to: t0 + 7200 }),
      ).toHaveLength(24);
      await store.recordSuccess(definition.id, 50);
      expect(
        (await store.getStates([definition.id])).get(definition.id)
          ?.consecutiveFailures,
      ).toBe(0);
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

    it('raises the data version on every write of buckets, and only then', async () => {
      const { store } = await createStore(databaseId);
      const version = async (id = definition.id) =>
        (await store.getStates([id])).get(id)?.dataVersion;
      await store.registerSlo(registration(), (t0 + 7200) * 1000);
      await store.recordAttempt(definition.id, 10);
      expect(await version()).toBe(0);

      await store.saveBuckets(definition.id, fiveMinuteBuckets(t0, 24), {
        from: t0,
        until: t0 + 7200,
      });
      expect(await version()).toBe(1);
      // Written without a collected range, by an SLO never attempted: a state appears.
      const other = 'component:default/search/latency';
      await store.saveBuckets(other, fiveMinuteBuckets(t0, 12));
      expect(await version(other)).toBe(1);

      // Bookkeeping alone changes no figure.
      await store.recordSuccess(definition.id, 20);
      await store.recordFailure(definition.id, 30, 'Prometheus answered 503');
      await store.registerSlo(registration(), (t0 + 7200) * 1000);
      expect(await version()).toBe(1);

      // Compaction and retention change which buckets exist.
      await store.compact({ before: t0 + 3600, intoSeconds: 3600 });
      expect(await version()).toBe(2);
      expect(await version(other)).toBe(2);
      await store.compact({ before: t0 + 3600, intoSeconds: 3600 });
      expect(await version()).toBe(2);
      await store.deleteOlderThan(t0 + 3600);
      expect(await version()).toBe(3);
      expect(await version(other)).toBe(3);
      await store.deleteOlderThan(t0 + 3600);
      expect(await version()).toBe(3);
    });

    it('changes the states fingerprint on every write of a state, and only then', async () => {
      const { store } = await createStore(databaseId);
      const seen = new Set<string>();
      const expectNew = async () => {
        const fingerprint = await store.statesFingerprint();
        expect(seen.has(fingerprint)).toBe(false);
        seen.add(fingerprint);
        return fingerprint;
      };
      await expectNew();
      await store.registerSlo(registration(), (t0 + 7200) * 1000);
      await store.recordAttempt(definition.id, 10);
      const attempted = await expectNew();
      // Reads and re-registering the same definition write no state.
      await store.getStates([definition.id]);
      await store.registerSlo(registration(), (t0 + 7200) * 1000);
      expect(await store.statesFingerprint()).toBe(attempted);

      await store.saveBuckets(definition.id, fiveMinuteBuckets(t0, 12), {
        from: t0,
        until: t0 + 3600,
      });
      await expectNew();
      await store.recordFailure(definition.id, 20, 'Prometheus answered 503');
      await expectNew();
      // A success older than the failure still clears the failure count.
      await store.recordSuccess(definition.id, 15);
      const recovered = await expectNew();
      const other = 'component:default/search/latency';
      await store.recordAttempt(other, 5);
      await expectNew();
      // The same states give the same fingerprint: answers computed then still hold.
      await store.removeSlo(other);
      expect(await store.statesFingerprint()).toBe(recovered);
    });

    it('reads the states of many SLOs at once, and only those asked for', async () => {
      const { store } = await createStore(databaseId);
      const ids = Array.from(
        { length: 450 },
        (_, i) => `component:default/service-${i}/availability`,
      );
      for (const [i, id] of ids.entries()) {
        await store.recordAttempt(id, i);
      }
      const all = await store.getStates([...ids, 'component:default/none/x']);
      expect(all.size).toBe(450);
      expect(all.get(ids[449])?.lastAttemptAt).toBe(449);
      const some = await store.getStates(ids.slice(0, 401));
      expect(some.size).toBe(401);
      expect(some.has(ids[401])).toBe(false);
    });

    it('widens the collected range, never narrows it', async () => {
      const { store } = await createStore(databaseId);
      const range = async () => {
        const state = (await store.getStates([definition.id])).get(
          definition.id,
        );
        return [state?.collectedFrom, state?.collectedUntil];
      };
      await store.recordAttempt(definition.id, 10);
      await store.saveBuckets(definition.id, fiveMinuteBuckets(t0, 12), {
        from: t0,
        until: t0 + 3600,
      });
      expect(await range()).toEqual([t0, t0 + 3600]);
      // The overlap a cycle fetches again ends inside what is stored.
      await store.saveBuckets(definition.id, fiveMinuteBuckets(t0 + 3000, 2), {
        from: t0 + 3000,
        until: t0 + 3600,
      });
      expect(await range()).toEqual([t0, t0 + 3600]);
      await store.saveBuckets(definition.id, [], {
        from: t0 - 7200,
        until: t0 + 7200,
      });
      expect(await range()).toEqual([t0 - 7200, t0 + 7200]);
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
