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
import { SloEvaluator } from '../evaluator/SloEvaluator';
import { SloSourceRegistry } from '../sources/SloSourceRegistry';
import { FakeSloSource } from '../testing/FakeSloSource';
import { component, MapLoader, ratioSlo } from '../testing/testDefinitions';
import { SloService } from './SloService';
import type { SuggestionStore } from '../suggestions/SuggestionStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const T0 = 1_740_787_200; // 2025-03-01T00:00:00Z

const team: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'payments', namespace: 'default' },
  spec: { type: 'team', children: [] },
};

async function setup(
  options: { catalogCacheMs?: number; suggestions?: SuggestionStore } = {},
) {
  const knex = await databases.init('SQLITE_3');
  const store = await DatabaseSloStore.create({
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
    component('checkout', { owner: 'group:default/payments' }),
    component('payments-api', { owner: 'group:default/payments' }),
    team,
  ];
  const catalog = catalogServiceMock.mock({
    getEntities: jest.fn(async () => ({ items: entities })),
    getEntityByRef: jest.fn(async (ref: unknown) =>
      entities.find(e => `component:default/${e.metadata.name}` === ref),
    ),
  });
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
  // Count only what the service asks.
  jest.mocked(catalog.getEntities).mockClear();
  jest.mocked(catalog.getEntityByRef).mockClear();
  const reads = jest.spyOn(store, 'readBuckets');
  const service = new SloService({
    catalog,
    loader,
    evaluator: new SloEvaluator({ store, sources, clock, config }),
    store,
    sources,
    catalogCacheMs: options.catalogCacheMs,
    suggestions: options.suggestions,
  });
  /** Moves the clock on and runs one more collection cycle. */
  const collectAt = async (seconds: number) => {
    now = seconds;
    await collector.collectOnce();
  };
  return { service, reads, catalog, store, collectAt };
}

describe('SloService', () => {
  it('computes scorecard figures ahead, so a scorecard then reads no bucket', async () => {
    const { service, reads } = await setup();
    await expect(service.warmScorecard()).resolves.toMatchObject({ slos: 2 });
    const warmReads = reads.mock.calls.length;
    expect(warmReads).toBe(2);

    const scorecard = await service.scorecard(
      'group:default/payments',
      mockCredentials.user(),
    );
    expect(scorecard.slos).toHaveLength(2);
    expect(scorecard.slos.every(slo => slo.sli !== null)).toBe(true);
    expect(reads.mock.calls.length).toBe(warmReads);
  });

  it('asks the catalog once for identical scorecards requested together', async () => {
    const { service, catalog } = await setup();
    const credentials = mockCredentials.user();
    const [a, b] = await Promise.all([
      service.scorecard(undefined, credentials),
      service.scorecard(undefined, credentials),
    ]);
    expect(b).toBe(a);
    // One call for the entities with SLOs, one for the groups.
    expect(catalog.getEntities).toHaveBeenCalledTimes(2);
  });

  it('reuses a caller’s catalog answers only when told to', async () => {
    const uncached = await setup();
    const credentials = mockCredentials.user();
    await uncached.service.entitySlos(
      'component:default/checkout',
      credentials,
    );
    await uncached.service.entitySlos(
      'component:default/checkout',
      credentials,
    );
    expect(uncached.catalog.getEntityByRef).toHaveBeenCalledTimes(2);

    const cached = await setup({ catalogCacheMs: 10_000 });
    await cached.service.entitySlos('component:default/checkout', credentials);
    await cached.service.entitySlos('component:default/checkout', credentials);
    await cached.service.entitySlos(
      'component:default/checkout',
      mockCredentials.user('user:default/someone-else'),
    );
    expect(cached.catalog.getEntityByRef).toHaveBeenCalledTimes(2);
  });

  it('serves a caller the same scorecard until a cycle or the catalog changes it', async () => {
    const { service, store, catalog, collectAt } = await setup({
      catalogCacheMs: 10_000,
    });
    const credentials = mockCredentials.user();
    const states = jest.spyOn(store, 'getStates');
    const first = await service.scorecardJson(
      'group:default/payments',
      credentials,
    );
    expect(JSON.parse(first.toString())).toEqual(
      await service.scorecard('group:default/payments', credentials),
    );
    states.mockClear();
    await expect(
      service.scorecardJson('group:default/payments', credentials),
    ).resolves.toBe(first);
    expect(states).not.toHaveBeenCalled();

    // Another caller computes its own: what it may see can differ.
    await service.scorecardJson(
      'group:default/payments',
      mockCredentials.user('user:default/someone-else'),
    );
    expect(states).toHaveBeenCalledTimes(1);

    // A finished cycle shows at once, not after the catalog answers expire.
    await collectAt(T0 + 3600);
    states.mockClear();
    jest.mocked(catalog.getEntities).mockClear();
    const afterCycle = JSON.parse(
      (
        await service.scorecardJson('group:default/payments', credentials)
      ).toString(),
    );
    expect(states).toHaveBeenCalledTimes(1);
    expect(afterCycle.now).toBe(new Date((T0 + 3600) * 1000).toISOString());
    expect(afterCycle).toEqual(
      await service.scorecard('group:default/payments', credentials),
    );
    // The caller's catalog answers were still fresh: only the states changed.
    expect(catalog.getEntities).not.toHaveBeenCalled();
  });

  it('reads every SLO’s states once for scorecards requested together, and again after a cycle', async () => {
    const { service, store, collectAt } = await setup({
      catalogCacheMs: 10_000,
    });
    const credentials = mockCredentials.user();
    const first = await service.scorecardJson(undefined, credentials);
    const fingerprints = jest.spyOn(store, 'statesFingerprint');
    const together = await Promise.all(
      Array.from({ length: 10 }, () =>
        service.scorecardJson('group:default/payments', credentials),
      ),
    );
    expect(fingerprints).toHaveBeenCalledTimes(1);
    expect(new Set(together).size).toBe(1);
    expect(JSON.parse(together[0].toString())).toEqual(
      await service.scorecard('group:default/payments', credentials),
    );

    // Asked after the cycle has written, a scorecard shows it.
    await collectAt(T0 + 3600);
    const after = await service.scorecardJson(undefined, credentials);
    expect(fingerprints).toHaveBeenCalledTimes(2);
    expect(after).not.toBe(first);
    expect(JSON.parse(after.toString()).now).toBe(
      new Date((T0 + 3600) * 1000).toISOString(),
    );
  });

  it('reads which services have suggestions when it computes a scorecard, not for one it reuses', async () => {
    let fingerprint = 'one';
    const suggestions = {
      refsWithSuggestions: jest.fn(
        async () => new Set(['component:default/checkout']),
      ),
      fingerprint: jest.fn(async () => fingerprint),
    } as unknown as SuggestionStore;
    const { service } = await setup({ catalogCacheMs: 10_000, suggestions });
    const credentials = mockCredentials.user();
    const first = await service.scorecardJson(undefined, credentials);
    await expect(service.scorecardJson(undefined, credentials)).resolves.toBe(
      first,
    );
    expect(suggestions.refsWithSuggestions).toHaveBeenCalledTimes(1);

    // New suggestions: computed again, with the same count as the object answer.
    fingerprint = 'two';
    const second = await service.scorecardJson(undefined, credentials);
    expect(second).not.toBe(first);
    expect(suggestions.refsWithSuggestions).toHaveBeenCalledTimes(2);
    expect(JSON.parse(second.toString()).summary).toEqual(
      (await service.scorecard(undefined, credentials)).summary,
    );
  });
});
