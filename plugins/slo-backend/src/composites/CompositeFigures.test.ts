import { mockCredentials, mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import YAML from 'yaml';
import { SloCollector } from '../collector/SloCollector';
import { readSloBackendConfig } from '../config/readSloBackendConfig';
import { DatabaseSloStore } from '../database/DatabaseSloStore';
import { SloEvaluator } from '../evaluator/SloEvaluator';
import { SloSourceRegistry } from '../sources/SloSourceRegistry';
import { FakeSloSource } from '../testing/FakeSloSource';
import { component, MapLoader, ratioSlo } from '../testing/testDefinitions';
import { CompositeSloService } from './CompositeSloService';
import { SCORECARD_OVERVIEW } from './CompositeFigures';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const T0 = 1_740_787_200; // 2025-03-01T00:00:00Z
const DAY = 86400;
const checkout = 'component:default/checkout';
const payments = 'component:default/payments';

const system: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: {
    name: 'shop',
    namespace: 'default',
    annotations: {
      'slo-kit.dev/composite-slos': YAML.stringify([
        {
          name: 'checkout-journey',
          objective: 99,
          window: '30d',
          semantics: 'events',
          members: [{ slo: `${checkout}/availability` }, { slo: `${payments}/availability` }],
        },
      ]),
    },
  },
  spec: { owner: 'group:default/payments' },
};

async function setUp() {
  const knex = await databases.init('SQLITE_3');
  const store = await DatabaseSloStore.create({ database: { getClient: async () => knex } });
  const config = readSloBackendConfig(new ConfigReader({ slo: { collector: { backfillDays: 40 } } }));
  const sources = new SloSourceRegistry([new FakeSloSource()]);
  const clock = { now: () => T0 };
  const loader = new MapLoader({
    [checkout]: [ratioSlo(checkout, 'availability')],
    [payments]: [ratioSlo(payments, 'availability')],
  });
  const catalog = catalogServiceMock({ entities: [component('checkout'), component('payments'), system] });
  await new SloCollector({
    catalog,
    auth: mockServices.auth(),
    logger: mockServices.logger.mock(),
    store,
    sources,
    loader,
    clock,
    settings: config.collector,
  }).collectOnce();
  const evaluator = new SloEvaluator({ store, sources, clock, config });
  const composites = new CompositeSloService({ catalog, auth: mockServices.auth(), loader, evaluator, store });
  const reads = jest.spyOn(store, 'readBuckets');
  return { store, composites, reads };
}

describe('composite figures', () => {
  it('are computed ahead once and served without reading a bucket until a member writes new data', async () => {
    const { store, composites, reads } = await setUp();
    expect(await composites.warm()).toEqual(expect.objectContaining({ composites: 1 }));
    const afterWarm = reads.mock.calls.length;
    expect(afterWarm).toBeGreaterThan(0);

    const tab = async () =>
      (await composites.entityComposites('system:default/shop', mockCredentials.user())).composites[0];
    const first = await tab();
    const [declared] = await composites.declaredComposites([system]);
    const overview = await composites.overview(declared, SCORECARD_OVERVIEW);
    expect(reads.mock.calls.length).toBe(afterWarm);
    expect(overview.sli).toBe(first.evaluation!.sli);

    // A hundred more bad events for checkout inside the window: its data version rises, the figures follow.
    const bucket = { start: T0 - DAY, durationSeconds: 300 };
    const [stored] = await store.readBuckets(`${checkout}/availability`, { from: bucket.start, to: bucket.start + 300 });
    await store.saveBuckets(`${checkout}/availability`, [{ ...stored, good: stored.good - 100 }]);
    const readsBefore = reads.mock.calls.length;
    const second = await tab();
    expect(reads.mock.calls.length).toBeGreaterThan(readsBefore);
    const good = (s: typeof first) => s.members.reduce((sum, m) => sum + (m.visible ? m.good : 0), 0);
    expect(good(first) - good(second)).toBe(100);
    expect(second.evaluation!.sli).toBeLessThan(first.evaluation!.sli!);

    const readsAfter = reads.mock.calls.length;
    await tab();
    expect(reads.mock.calls.length).toBe(readsAfter);
  });
});
