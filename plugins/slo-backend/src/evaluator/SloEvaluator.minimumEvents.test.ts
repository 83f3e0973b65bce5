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
const T0 = 1_740_787_200; // 2025-03-01T00:00:00Z
const checkout = 'component:default/checkout';

/**
 * One SLO fed one event a second (99.67% good, objective 99%): a week holds
 * 604,800 events and a month about 2.6 million.
 */
async function setup(minimumEvents: number) {
  const knex = await databases.init('SQLITE_3');
  const store = await DatabaseSloStore.create({
    database: { getClient: async () => knex },
  });
  const settings = readSloBackendConfig(
    new ConfigReader({
      slo: { minimumEvents, collector: { backfillDays: 35 } },
    }),
  );
  const sources = new SloSourceRegistry([new FakeSloSource()]);
  const clock = { now: () => T0 };
  const definition = ratioSlo(checkout, 'availability');
  const collector = new SloCollector({
    catalog: catalogServiceMock({ entities: [component('checkout')] }),
    auth: mockServices.auth(),
    logger: mockServices.logger.mock(),
    store,
    sources,
    loader: new MapLoader({ [checkout]: [definition] }),
    clock,
    settings: settings.collector,
    sleep: async () => {},
  });
  await collector.collectOnce();
  const evaluator = new SloEvaluator({ store, sources, clock, config: settings });
  return { evaluator, definition };
}

describe('SloEvaluator below the minimum traffic', () => {
  it('gives history periods below slo.minimumEvents no verdict', async () => {
    const { evaluator, definition } = await setup(1_000_000);
    const history = await evaluator.history(definition, {
      period: 'week',
      count: 3,
    });
    expect(history.minimumEvents).toBe(1_000_000);
    // Weeks of 604,800 events: too few for the portal's minimum of 1,000,000.
    expect(history.periods.map(p => [p.total, p.verdict, p.met])).toEqual([
      [604_800, 'low-traffic', null],
      [604_800, 'low-traffic', null],
      // The current week, Monday 2025-02-24 to the evaluation time.
      [5 * 86400, 'low-traffic', null],
    ]);
  });

  it("follows the SLO's own minimum over the portal's", async () => {
    const { evaluator, definition } = await setup(1_000_000);
    const history = await evaluator.history(
      { ...definition, minimumEvents: 1000 },
      { period: 'week', count: 2 },
    );
    expect(history.minimumEvents).toBe(1000);
    expect(history.periods.map(p => p.verdict)).toEqual(['met', 'met']);
  });

  it("gives the scorecard's previous period the same verdict as history", async () => {
    const { evaluator, definition } = await setup(1_000_000);
    const [overview] = await evaluator.overviews([definition], {
      period: () => 'week',
      sparklinePoints: 10,
    });
    // The 30-day window holds 2.6 million events: known now. Last week's 604,800 are too few.
    expect(overview.health).toBe('met');
    expect(overview.previousPeriodVerdict).toBe('low-traffic');
    const [monthly] = await evaluator.overviews([definition], {
      period: () => 'month',
      sparklinePoints: 10,
    });
    // February 2025: 28 days, 2,419,200 events, 99.67% good against 99%.
    expect(monthly.previousPeriodVerdict).toBe('met');
  });
});
