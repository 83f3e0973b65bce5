import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { SloCollector } from '../collector/SloCollector';
import { readSloBackendConfig } from '../config/readSloBackendConfig';
import { DatabaseSloStore } from '../database/DatabaseSloStore';
import { DatabaseSloEpisodeStore } from '../episodes/DatabaseSloEpisodeStore';
import { SloEvaluator } from '../evaluator/SloEvaluator';
import { SloSourceRegistry } from '../sources/SloSourceRegistry';
import { FakeSloSource } from '../testing/FakeSloSource';
import { component, MapLoader, ratioSlo } from '../testing/testDefinitions';
import { SloReviewReader, type SloReviewQuery } from './SloReviewReader';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const DAY = 86400;
const APRIL = 1_743_465_600; // 2025-04-01T00:00:00Z
const FEBRUARY_10 = 1_739_145_600;
// Seven weeks into the second quarter: the fine history (and compaction) lies in it.
const NOW = APRIL + 50 * DAY;
const ref = 'component:default/checkout';
const definition = ratioSlo(ref, 'availability');
const query: SloReviewQuery = { period: 'quarter', count: 2, timeZone: 'UTC' };

async function setup() {
  const knex = await databases.init('SQLITE_3');
  const store = await DatabaseSloStore.create({
    database: { getClient: async () => knex },
  });
  const episodes = await DatabaseSloEpisodeStore.create({
    database: { getClient: async () => knex },
  });
  const config = readSloBackendConfig(
    new ConfigReader({ slo: { collector: { backfillDays: 100 } } }),
  );
  const sources = new SloSourceRegistry([new FakeSloSource()]);
  let now = NOW;
  const clock = { now: () => now };
  const collector = new SloCollector({
    catalog: catalogServiceMock({ entities: [component('checkout')] }),
    auth: mockServices.auth(),
    logger: mockServices.logger.mock(),
    store,
    sources,
    loader: new MapLoader({ [ref]: [definition] }),
    clock,
    settings: config.collector,
  });
  await collector.collectOnce();
  const evaluator = new SloEvaluator({ store, sources, clock, config });
  const newReader = () =>
    new SloReviewReader({ store, evaluator, config, episodes });
  return {
    store,
    reader: newReader(),
    /** What a reader that keeps nothing computes now. */
    fresh: () => newReader().figures([definition], query),
    collectAt: async (seconds: number) => {
      now = seconds;
      await collector.collectOnce();
    },
  };
}

describe('SloReviewReader', () => {
  it('after a collection cycle reads only the current period, with the figures of a full computation', async () => {
    const { store, reader, fresh, collectAt } = await setup();
    const reads = jest.spyOn(store, 'readBuckets');
    const first = await reader.figures([definition], query);
    expect(first[0].periods.map(p => p.label)).toEqual(['2025-Q1', '2025-Q2']);
    expect(reads.mock.calls[0][1].from).toBeLessThan(FEBRUARY_10);

    await collectAt(NOW + DAY);
    reads.mockClear();
    const second = await reader.figures([definition], query);
    // The first quarter is kept: only the alert windows before April and the quarter since are read.
    expect(reads).toHaveBeenCalledTimes(1);
    expect(reads.mock.calls[0][1].from).toBeGreaterThanOrEqual(
      APRIL - 5 * DAY,
    );
    expect(second[0].at).toBe(NOW + DAY);
    expect(second).toEqual(await fresh());
    expect(JSON.stringify(second)).toBe(JSON.stringify(await fresh()));
  });

  it('computes every period again when a late bucket lands in a finished one', async () => {
    const { store, reader, fresh } = await setup();
    const before = await reader.figures([definition], query);
    const [late] = await store.readBuckets(definition.id, {
      from: FEBRUARY_10,
      to: FEBRUARY_10 + 1,
    });
    await store.saveBuckets(definition.id, [
      { ...late, good: late.good / 2 },
    ]);
    const reads = jest.spyOn(store, 'readBuckets');
    const after = await reader.figures([definition], query);
    expect(reads.mock.calls[0][1].from).toBeLessThan(FEBRUARY_10);
    expect(after[0].periods[0].good).toBe(
      before[0].periods[0].good - late.good / 2,
    );
    expect(after).toEqual(await fresh());
  });
});
