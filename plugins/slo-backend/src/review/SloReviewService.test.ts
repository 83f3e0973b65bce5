import {
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { SloCollector } from '../collector/SloCollector';
import { readSloBackendConfig } from '../config/readSloBackendConfig';
import { DatabaseSloStore } from '../database/DatabaseSloStore';
import { DatabaseSloEpisodeStore } from '../episodes/DatabaseSloEpisodeStore';
import { SloEvaluator } from '../evaluator/SloEvaluator';
import { SloSourceRegistry } from '../sources/SloSourceRegistry';
import { FakeSloSource } from '../testing/FakeSloSource';
import { component, MapLoader, ratioSlo } from '../testing/testDefinitions';
import { SloReviewReader } from './SloReviewReader';
import { SloReviewService } from './SloReviewService';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const T0 = 1_740_787_200; // 2025-03-01T00:00:00Z
const payments = 'group:default/payments';

const team: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'payments', namespace: 'default' },
  spec: { type: 'team', children: [] },
};

async function setup() {
  const knex = await databases.init('SQLITE_3');
  const store = await DatabaseSloStore.create({
    database: { getClient: async () => knex },
  });
  const episodes = await DatabaseSloEpisodeStore.create({
    database: { getClient: async () => knex },
  });
  const config = readSloBackendConfig(
    new ConfigReader({ slo: { collector: { backfillDays: 35 } } }),
  );
  const sources = new SloSourceRegistry([new FakeSloSource()]);
  let now = T0;
  const clock = { now: () => now };
  const refs = ['checkout', 'payments-api'].map(
    name => `component:default/${name}`,
  );
  const loader = new MapLoader(
    Object.fromEntries(refs.map(ref => [ref, [ratioSlo(ref, 'availability')]])),
  );
  const entities = [
    component('checkout', { owner: payments }),
    component('payments-api', { owner: payments }),
    team,
  ];
  const catalog = catalogServiceMock({ entities });
  const collector = new SloCollector({
    catalog,
    auth: mockServices.auth(),
    logger: mockServices.logger.mock(),
    store,
    sources,
    loader,
    clock,
    settings: config.collector,
  });
  await collector.collectOnce();
  const evaluator = new SloEvaluator({ store, sources, clock, config });
  const reader = new SloReviewReader({ store, evaluator, config, episodes });
  const service = new SloReviewService({
    catalog,
    loader,
    evaluator,
    reader,
    defaultTimeZone: 'UTC',
    catalogCacheMs: 10_000,
  });
  const figures = jest.spyOn(reader, 'figures');
  return {
    service,
    store,
    figures,
    episodes,
    /** Sets the clock without collecting. */
    setNow: (seconds: number) => {
      now = seconds;
    },
    /** Moves the clock on and runs one more collection cycle. */
    collectAt: async (seconds: number) => {
      now = seconds;
      await collector.collectOnce();
    },
  };
}

const parse = (bytes: Buffer) => JSON.parse(bytes.toString());

describe('SloReviewService', () => {
  it('serves a caller the same review within the minute until a cycle or an episode changes it', async () => {
    const { service, figures, episodes, setNow, collectAt } = await setup();
    const credentials = mockCredentials.user();
    const request = { groupRef: payments };

    const first = await service.reviewJson(request, credentials);
    expect(parse(first)).toEqual(await service.review(request, credentials));
    expect(parse(first).slos).toHaveLength(2);
    figures.mockClear();
    await expect(service.reviewJson(request, credentials)).resolves.toBe(
      first,
    );
    // Later in the same minute: the same answer, nothing rolled up again.
    setNow(T0 + 59);
    await expect(service.reviewJson(request, credentials)).resolves.toBe(
      first,
    );
    expect(figures).not.toHaveBeenCalled();

    // Another caller, or another question, computes its own.
    await service.reviewJson(
      request,
      mockCredentials.user('user:default/someone-else'),
    );
    const months = parse(
      await service.reviewJson(
        { ...request, period: 'month', count: 2 },
        credentials,
      ),
    );
    expect(months.periods).toHaveLength(2);
    expect(figures).toHaveBeenCalledTimes(2);

    // The next minute: the answer says when it was made.
    figures.mockClear();
    setNow(T0 + 60);
    const nextMinute = parse(await service.reviewJson(request, credentials));
    expect(figures).toHaveBeenCalledTimes(1);
    expect(nextMinute.now).toBe(new Date((T0 + 60) * 1000).toISOString());

    // An episode recorded (here under rules the review does not read) shows at once.
    figures.mockClear();
    await episodes.replaceFrom(
      'component:default/checkout/availability',
      'other-rules',
      T0 - 3600,
      [],
      { from: T0 - 3600, until: T0 },
    );
    await service.reviewJson(request, credentials);
    expect(figures).toHaveBeenCalledTimes(1);

    // A finished cycle shows at once, not after the catalog answers expire.
    figures.mockClear();
    await collectAt(T0 + 3600);
    const afterCycle = parse(await service.reviewJson(request, credentials));
    expect(figures).toHaveBeenCalledTimes(1);
    expect(afterCycle).toEqual(await service.review(request, credentials));
    expect(afterCycle.now).toBe(new Date((T0 + 3600) * 1000).toISOString());
  });

  it('warms every SLO review figures after a cycle, so the first review a person opens reads no bucket', async () => {
    const { service, store, collectAt } = await setup();
    await collectAt(T0 + 3600);
    const warmed = await service.warmReview(mockCredentials.service());
    expect(warmed.slos).toBe(2);
    const reads = jest.spyOn(store, 'readBuckets');
    const credentials = mockCredentials.user();
    const review = parse(
      await service.reviewJson({ groupRef: payments }, credentials),
    );
    expect(reads).not.toHaveBeenCalled();
    expect(review.slos).toHaveLength(2);
    expect(review).toEqual(await service.review({ groupRef: payments }, credentials));
  });
});
