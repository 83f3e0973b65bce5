import {
  createStore,
  databases,
  definition,
  fiveMinuteBuckets,
  registration,
  T0,
} from '../__testUtils__/sloStoreFixtures';

jest.setTimeout(60_000);

describe.each(databases.eachSupportedId())(
  'DatabaseSloStore collection state on %p',
  databaseId => {
    const t0 = T0;

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
        deferral: null,
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
        (await store.getStates([definition.id])).get(definition.id),
      ).toMatchObject({ consecutiveFailures: 0, lastAttemptAt: 10 });
      // A success may carry its attempt: one write for both.
      await store.recordSuccess(definition.id, 60, 55);
      expect(
        (await store.getStates([definition.id])).get(definition.id),
      ).toMatchObject({ lastAttemptAt: 55, lastSuccessAt: 60 });
      // Or come with the buckets: one transaction, failures reset.
      await store.recordFailure(definition.id, 70, 'Prometheus answered 503');
      await store.saveBuckets(
        definition.id,
        fiveMinuteBuckets(t0 + 7200, 12),
        { from: t0 + 7200, until: t0 + 10800 },
        { at: 80, attemptAt: 75 },
      );
      expect(
        (await store.getStates([definition.id])).get(definition.id),
      ).toMatchObject({
        lastAttemptAt: 75,
        lastSuccessAt: 80,
        lastErrorAt: 70,
        consecutiveFailures: 0,
        collectedUntil: t0 + 10800,
        dataVersion: 3,
      });
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


    it('records a deferral by a query budget without touching success, failure or data', async () => {
      const { store } = await createStore(databaseId);
      await store.saveBuckets(definition.id, fiveMinuteBuckets(t0, 12), {
        from: t0,
        until: t0 + 3600,
      });
      await store.recordSuccess(definition.id, 20);
      const before = (await store.getStates([definition.id])).get(definition.id);
      expect(before?.deferral).toBeNull();
      await store.recordDeferral(definition.id, 30, {
        reason: 'Datadog query budget: 1200 queries per hour, 1200 sent in the last hour',
        intervalSeconds: 900,
      });
      const after = (await store.getStates([definition.id])).get(definition.id);
      expect(after).toEqual({
        ...before,
        deferral: {
          at: 30,
          reason: 'Datadog query budget: 1200 queries per hour, 1200 sent in the last hour',
          intervalSeconds: 900,
        },
      });
      expect(
        await store.readBuckets(definition.id, { from: t0, to: t0 + 3600 }),
      ).toHaveLength(12);
    });
  },
);
