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
const NOW = APRIL + 50 * DAY;
const ref = 'component:default/checkout';
const definitions = [ratioSlo(ref, 'availability'), ratioSlo(ref, 'errors')];
const query: SloReviewQuery = { period: 'quarter', count: 2, timeZone: 'UTC' };

/** Two SLOs collected, and readers over their store with `slo.cache.figures` at `figures`. */
async function setup(figures: number) {
  const knex = await databases.init('SQLITE_3');
  const store = await DatabaseSloStore.create({
    database: { getClient: async () => knex },
  });
  const episodes = await DatabaseSloEpisodeStore.create({
    database: { getClient: async () => knex },
  });
  const config = readSloBackendConfig(
    new ConfigReader({
      slo: { collector: { backfillDays: 100 }, cache: { figures } },
    }),
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
    loader: new MapLoader({ [ref]: definitions }),
    clock,
    settings: config.collector,
  });
  await collector.collectOnce();
  const evaluator = new SloEvaluator({ store, sources, clock, config });
  return {
    store,
    reader: new SloReviewReader({ store, evaluator, config, episodes }),
    /** What a reader that never evicted anything computes now. */
    unbounded: () =>
      new SloReviewReader({
        store,
        evaluator,
        config,
        episodes,
        cacheEntries: 1_000,
      }).figures(definitions, query),
    collectAt: async (seconds: number) => {
      now = seconds;
      await collector.collectOnce();
    },
  };
}

/** The earliest bucket read for each SLO, by SLO id. */
function firstReads(reads: jest.SpyInstance): Map<string, number> {
  const first = new Map<string, number>();
  for (const [sloId, range] of reads.mock.calls) {
    first.set(sloId, Math.min(first.get(sloId) ?? Infinity, range.from));
  }
  return first;
}

describe('SloReviewReader cache bounds', () => {
  it('gives SLOs evicted by slo.cache.figures the same review figures again, computed from all their buckets', async () => {
    const { store, reader, unbounded, collectAt } = await setup(1);
    const [first] = definitions;
    const reviewed = await reader.figures(definitions, query);
    const reads = jest.spyOn(store, 'readBuckets');
    // One SLO fits: the second one's figures and periods evicted the first's.
    const again = await reader.figures([first], query);
    expect(reads.mock.calls.map(([sloId]) => sloId)).toContain(first.id);
    expect(firstReads(reads).get(first.id)).toBeLessThan(FEBRUARY_10);
    expect(again).toStrictEqual([reviewed[0]]);
    expect(reviewed).toStrictEqual(await unbounded());

    // After a cycle, the SLO evicted by that (the second) has its finished
    // quarter read again; the one kept reads only the current quarter.
    await collectAt(NOW + DAY);
    reads.mockClear();
    const afterCycle = await reader.figures(definitions, query);
    expect(firstReads(reads).get(first.id)).toBeGreaterThanOrEqual(
      APRIL - 5 * DAY,
    );
    expect(firstReads(reads).get(definitions[1].id)).toBeLessThan(
      FEBRUARY_10,
    );
    expect(afterCycle).toStrictEqual(await unbounded());
    expect(JSON.stringify(afterCycle)).toBe(JSON.stringify(await unbounded()));
  });

  it('keeps every SLO within the bound: a review repeated reads nothing, after a cycle only the current quarter', async () => {
    const { store, reader, unbounded, collectAt } = await setup(2);
    const reviewed = await reader.figures(definitions, query);
    const reads = jest.spyOn(store, 'readBuckets');
    const again = await reader.figures(definitions, query);
    expect(reads).not.toHaveBeenCalled();
    expect(again).toStrictEqual(reviewed);
    // Each read decodes a copy: a caller changing its figures changes nothing kept.
    again[0].periods[0].good = -1;
    expect(await reader.figures(definitions, query)).toStrictEqual(reviewed);

    await collectAt(NOW + DAY);
    reads.mockClear();
    const afterCycle = await reader.figures(definitions, query);
    const first = firstReads(reads);
    expect([...first.keys()].sort()).toEqual(definitions.map(d => d.id).sort());
    for (const from of first.values()) {
      expect(from).toBeGreaterThanOrEqual(APRIL - 5 * DAY);
    }
    expect(afterCycle).toStrictEqual(await unbounded());
  });
});
