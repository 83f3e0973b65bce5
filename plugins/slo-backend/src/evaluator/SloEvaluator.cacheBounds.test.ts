import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { SloCollector } from '../collector/SloCollector';
import { readSloBackendConfig } from '../config/readSloBackendConfig';
import { DatabaseSloStore } from '../database/DatabaseSloStore';
import { SloSourceRegistry } from '../sources/SloSourceRegistry';
import { FakeSloSource } from '../testing/FakeSloSource';
import { component, MapLoader, ratioSlo } from '../testing/testDefinitions';
import { SloEvaluator } from './SloEvaluator';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const T0 = 1_740_787_200;
const checkout = 'component:default/checkout';

/** Two SLOs collected, and evaluators over their store with the given bounds. */
async function setup() {
  const knex = await databases.init('SQLITE_3');
  const store = await DatabaseSloStore.create({
    database: { getClient: async () => knex },
  });
  const settings = readSloBackendConfig(
    new ConfigReader({ slo: { collector: { backfillDays: 31 } } }),
  );
  const sources = new SloSourceRegistry([new FakeSloSource()]);
  const clock = { now: () => T0 };
  const definitions = [
    ratioSlo(checkout, 'availability'),
    ratioSlo(checkout, 'errors'),
  ];
  await new SloCollector({
    catalog: catalogServiceMock({ entities: [component('checkout')] }),
    auth: mockServices.auth(),
    logger: mockServices.logger.mock(),
    store,
    sources,
    loader: new MapLoader({ [checkout]: definitions }),
    clock,
    settings: settings.collector,
    sleep: async () => {},
  }).collectOnce();
  const evaluator = (bounds: {
    cacheEntries?: number;
    chartCacheEntries?: number;
  }) =>
    new SloEvaluator({ store, sources, clock, config: settings, ...bounds });
  return { store, definitions, evaluator };
}

describe('SloEvaluator cache bounds', () => {
  it('gives an SLO evicted from a full cache the same status and overview again, read afresh', async () => {
    const { store, definitions, evaluator } = await setup();
    const [first, second] = definitions;
    const unbounded = evaluator({});
    const bounded = evaluator({ cacheEntries: 1 });
    const overviewOptions = {
      period: () => 'month' as const,
      sparklinePoints: 30,
    };
    const [status] = await bounded.statuses([first]);
    const [overview] = await bounded.overviews([first], overviewOptions);
    // One of each kind fits: the second SLO's figures evict the first's.
    await bounded.statuses([second]);
    await bounded.overviews([second], overviewOptions);
    expect(bounded.cachedEvaluations).toBe(2);

    const reads = jest.spyOn(store, 'readBuckets');
    const [statusAgain] = await bounded.statuses([first]);
    const [overviewAgain] = await bounded.overviews([first], overviewOptions);
    expect(reads).toHaveBeenCalledTimes(2);
    expect(statusAgain).toStrictEqual(status);
    expect(overviewAgain).toStrictEqual(overview);
    // And the same as an evaluator that never evicted anything.
    expect(statusAgain).toStrictEqual((await unbounded.statuses([first]))[0]);
    expect(overviewAgain).toStrictEqual(
      (await unbounded.overviews([first], overviewOptions))[0],
    );
  });

  it('keeps series within their own bound, so charts never evict the statuses', async () => {
    const { store, definitions, evaluator } = await setup();
    const [first] = definitions;
    const bounded = evaluator({ cacheEntries: 10, chartCacheEntries: 1 });
    const [status] = await bounded.statuses([first]);
    for (let hour = 1; hour <= 3; hour++) {
      await bounded.series(first, { from: T0 - hour * 86400, to: T0 });
    }
    expect(bounded.cachedEvaluations).toBe(2);
    const reads = jest.spyOn(store, 'readBuckets');
    expect((await bounded.statuses([first]))[0]).toStrictEqual(status);
    expect(reads).not.toHaveBeenCalled();
  });
});
