import { TestDatabases } from '@backstage/backend-test-utils';
import { holdCollectionCycle } from '../__testUtils__/holdCollectionCycle';
import { migrateSloStore } from '../database/migrateSloStore';
import { testDatabaseIds } from '../database/testDatabaseIds';
import { CollectionActivity } from './CollectionActivity';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: testDatabaseIds() });

describe.each(databases.eachSupportedId())('CollectionActivity on %p', databaseId => {
  async function setUp(now = () => Date.now()) {
    const db = await databases.init(databaseId);
    await migrateSloStore(db);
    return { db, activity: new CollectionActivity({ db, leaseMs: 60_000, pollMs: 10, now }) };
  }

  it('holds a lease while a cycle runs and releases it when the cycle ends', async () => {
    const { db, activity } = await setUp();
    await expect(activity.collecting()).resolves.toBe(false);
    const cycle = holdCollectionCycle(activity);
    await cycle.started;
    await expect(activity.collecting()).resolves.toBe(true);
    let idle = false;
    const waiting = activity.idle().then(() => (idle = true));
    await new Promise(resolve => setTimeout(resolve, 100));
    expect(idle).toBe(false);
    cycle.end();
    await cycle.done;
    await waiting;
    await expect(activity.collecting()).resolves.toBe(false);
    await expect(db('slo_collection_leases').pluck('holder')).resolves.toEqual([]);
  });

  it('releases the lease of a cycle that fails', async () => {
    const { activity } = await setUp();
    await expect(activity.track(async () => Promise.reject(new Error('source down')))(new AbortController().signal)).rejects.toThrow(
      'source down',
    );
    await expect(activity.collecting()).resolves.toBe(false);
  });

  it("ignores a dead replica's lease once the cycle timeout has passed, and clears it at the next cycle", async () => {
    let now = 1_800_000_000_000;
    const { db, activity } = await setUp(() => now);
    // A replica that died mid-cycle: its lease stays behind.
    await db('slo_collection_leases').insert({ holder: 'dead', started_at: now, expires_at: now + 60_000 });
    await expect(activity.collecting()).resolves.toBe(true);
    now += 60_000;
    await expect(activity.collecting()).resolves.toBe(false);
    const cycle = holdCollectionCycle(activity);
    await cycle.started;
    await expect(db('slo_collection_leases').pluck('holder')).resolves.not.toContain('dead');
    cycle.end();
    await cycle.done;
  });

  it('stops waiting when its signal aborts', async () => {
    const { activity } = await setUp();
    const cycle = holdCollectionCycle(activity);
    await cycle.started;
    const abort = new AbortController();
    const waiting = activity.idle(abort.signal);
    abort.abort();
    await expect(waiting).resolves.toBeUndefined();
    cycle.end();
    await cycle.done;
  });
});
