import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { ConfigReader } from '@backstage/config';
import { sumBuckets } from '@slo-kit/plugin-slo-common';
import { readSloBackendConfig } from '../../config/readSloBackendConfig';
import { DatabaseSloStore } from '../../database/DatabaseSloStore';
import { SloSourceRegistry } from '../../sources/SloSourceRegistry';
import { FakeSloSource } from '../../testing/FakeSloSource';
import { component, MapLoader, ratioSlo } from '../../testing/testDefinitions';
import { SloCollector } from '../SloCollector';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const DAY = 86400;
const T0 = 1_740_787_200;
const names = ['checkout', 'search', 'cart', 'payments'];
const refs = names.map(name => `component:default/${name}`);
const ids = refs.map(ref => `${ref}/availability`);

async function setup() {
  const knex = await databases.init('SQLITE_3');
  const store = await DatabaseSloStore.create({
    database: { getClient: async () => knex },
  });
  const clock = { current: T0, now: () => clock.current };
  const source = new FakeSloSource();
  const collector = new SloCollector({
    catalog: catalogServiceMock({ entities: names.map(n => component(n)) }),
    auth: mockServices.auth(),
    logger: mockServices.logger.mock(),
    store,
    sources: new SloSourceRegistry([source], source.name),
    loader: new MapLoader(
      Object.fromEntries(
        refs.map(ref => [ref, [ratioSlo(ref, 'availability')]]),
      ),
    ),
    clock,
    settings: readSloBackendConfig(
      new ConfigReader({ slo: { collector: { backfillDays: 2 } } }),
    ).collector,
    sleep: async () => {},
    retryBaseDelayMs: 1,
  });
  return { store, clock, collector };
}

describe('the group commit in a cycle', () => {
  it("stores an incremental cycle's SLOs together, exactly, and isolates one SLO's failing write", async () => {
    const { store, clock, collector } = await setup();
    await collector.collectOnce();
    clock.current = T0 + 3600;

    const groups: number[] = [];
    const saveBucketsGroup = store.saveBucketsGroup.bind(store);
    const saveBuckets = store.saveBuckets.bind(store);
    const groupSpy = jest
      .spyOn(store, 'saveBucketsGroup')
      .mockImplementation(async writes => {
        groups.push(writes.length);
        // The database refuses something in the group (here: search's write).
        if (writes.some(w => w.sloId === ids[1])) {
          throw new Error('value too long for type character varying(512)');
        }
        return saveBucketsGroup(writes);
      });
    const aloneSpy = jest
      .spyOn(store, 'saveBuckets')
      .mockImplementation(async (sloId, ...rest) => {
        if (sloId === ids[1]) {
          throw new Error('value too long for type character varying(512)');
        }
        return saveBuckets(sloId, ...rest);
      });
    const summary = await collector.collectOnce();
    groupSpy.mockRestore();
    aloneSpy.mockRestore();

    // Each SLO went to a group once (usually all four in one, within
    // 20 ms); the group holding search failed and its SLOs were written alone.
    expect(groups.reduce((a, b) => a + b, 0)).toBe(4);
    expect(summary).toMatchObject({ slos: 4, succeeded: 3, failed: 1 });
    expect(summary.errors[ids[1]]).toBe(
      `Could not store SLO ${ids[1]}: value too long for type character varying(512)`,
    );
    const states = await store.getStates(ids);
    const window = { from: T0 - 2 * DAY, to: clock.current };
    const stored = await Promise.all(
      ids.map(async sloId =>
        sumBuckets(
          await store.readBuckets(sloId, window),
          window.from,
          window.to,
        ),
      ),
    );
    // Search kept what the backfill stored; the next cycle resumes from it.
    expect(states.get(ids[1])?.collectedUntil).toBe(T0);
    // …and its failure is on it, as the API's collection.lastError serves it.
    expect(states.get(ids[1])).toMatchObject({
      lastError: summary.errors[ids[1]],
      consecutiveFailures: 1,
    });
    expect(stored[1]).toMatchObject(FakeSloSource.expected(T0 - 2 * DAY, T0));
    // The others stored their hour, counted once.
    for (const i of [0, 2, 3]) {
      expect(states.get(ids[i])).toMatchObject({
        collectedUntil: clock.current,
        lastSuccessAt: clock.current * 1000,
        consecutiveFailures: 0,
        lastError: null,
      });
      expect(stored[i]).toMatchObject(
        FakeSloSource.expected(T0 - 2 * DAY, clock.current),
      );
    }

    // The next cycle writes search again (now in a group that succeeds).
    clock.current = T0 + 7200;
    await expect(collector.collectOnce()).resolves.toMatchObject({
      succeeded: 4,
      failed: 0,
    });
    const search = (await store.getStates([ids[1]])).get(ids[1]);
    expect(search).toMatchObject({
      collectedUntil: clock.current,
      consecutiveFailures: 0,
    });
  });
});
