import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { SloDefinition } from '@slo-kit/plugin-slo-common';
import {
  SloSourceError,
  type SloSourceQueryBudget,
  type SloSourceRequest,
  type SloSourceResult,
} from '@slo-kit/plugin-slo-node';
import { readSloBackendConfig } from '../../config/readSloBackendConfig';
import { DatabaseSloStore } from '../../database/DatabaseSloStore';
import { SloSourceRegistry } from '../../sources/SloSourceRegistry';
import { FakeSloSource } from '../../testing/FakeSloSource';
import { component, MapLoader, ratioSlo } from '../../testing/testDefinitions';
import { SloCollector } from '../SloCollector';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const T0 = 1_740_787_200; // 2025-03-01T00:00:00Z
const HOUR = 3600;

/** A fake source with an hourly query budget, or a rate limit that answers 429. */
class BudgetedFakeSource extends FakeSloSource {
  budget: Omit<SloSourceQueryBudget, 'label'> = {};
  /** Refuses this SLO as rate limited until the time given. */
  rateLimited?: { sloId: string; until: number };

  queryBudget(): SloSourceQueryBudget {
    return { label: 'Fake query budget', ...this.budget };
  }

  async fetchBuckets(request: SloSourceRequest): Promise<SloSourceResult> {
    if (this.rateLimited?.sloId === request.sloId) {
      throw new SloSourceError('Fake answered HTTP 429 (rate limited).', {
        retryable: false,
        rateLimitedUntil: this.rateLimited.until,
      });
    }
    return super.fetchBuckets(request);
  }
}

async function setup(definitions: SloDefinition[], source: FakeSloSource) {
  const knex = await databases.init('SQLITE_3');
  const store = await DatabaseSloStore.create({
    database: { getClient: async () => knex },
  });
  const clock = { now: T0 };
  const byEntity: Record<string, SloDefinition[]> = {};
  for (const definition of definitions) {
    (byEntity[definition.entityRef] ??= []).push(definition);
  }
  const collector = new SloCollector({
    catalog: catalogServiceMock({
      entities: Object.keys(byEntity).map(ref => component(ref.split('/')[1])),
    }),
    auth: mockServices.auth(),
    logger: mockServices.logger.mock(),
    store,
    sources: new SloSourceRegistry([source], source.name),
    loader: new MapLoader(byEntity),
    clock: { now: () => clock.now },
    settings: readSloBackendConfig(
      new ConfigReader({ slo: { collector: { backfillDays: 1 } } }),
    ).collector,
    sleep: async () => {},
    retryBaseDelayMs: 1,
  });
  return { collector, store, clock };
}

const slos = ['a', 'b', 'c', 'd', 'e', 'f'].map(name =>
  ratioSlo(`component:default/${name}`, 'availability'),
);
const ids = slos.map(slo => slo.id);

describe('collection within a query budget', () => {
  it('defers what the hourly budget cannot pay for, keeps every figure, and goes round all SLOs in turn', async () => {
    // Learn what one SLO costs, without a budget.
    const free = await setup(slos, new BudgetedFakeSource());
    const unbudgeted = await free.collector.collectOnce();
    expect(unbudgeted.deferred).toEqual({});
    const perSlo = unbudgeted.queries / slos.length;

    const source = new BudgetedFakeSource();
    // Two SLOs' backfills per hour.
    source.budget = { queriesPerHour: 2 * perSlo };
    const { collector, store, clock } = await setup(slos, source);

    const collectedAt = new Map<string, number>();
    const cycles: Array<{ collected: string[]; deferred: string[] }> = [];
    for (let cycle = 0; cycle < 12 && collectedAt.size < slos.length; cycle++) {
      clock.now = T0 + cycle * 1800;
      const summary = await collector.collectOnce();
      expect(summary).toMatchObject({ failed: 0, errors: {} });
      const states = await store.getStates(ids);
      const collected = ids.filter(
        id => states.get(id)?.lastSuccessAt === clock.now * 1000,
      );
      collected.forEach(id => collectedAt.set(id, clock.now));
      cycles.push({ collected, deferred: Object.keys(summary.deferred) });
      expect([...collected, ...Object.keys(summary.deferred)].sort()).toEqual(
        [...ids].sort(),
      );
      // The budget holds over every hour.
      expect(summary.queries).toBeLessThanOrEqual(2 * perSlo);
    }
    // Every SLO got its turn: two per hour, the deferred ones first.
    expect(collectedAt.size).toBe(slos.length);
    expect(cycles[0].collected).toHaveLength(2);
    expect(cycles[1].collected).toEqual([]);
    expect(cycles[2].collected).toHaveLength(2);
    expect(cycles[2].collected).not.toContain(cycles[0].collected[0]);

    const states = await store.getStates(ids);
    const later = ids.find(id => collectedAt.get(id)! > T0)!;
    expect(states.get(later)).toMatchObject({
      lastError: null,
      consecutiveFailures: 0,
      deferral: {
        reason: `Fake query budget: ${2 * perSlo} queries per hour, ${
          2 * perSlo
        } sent in the last hour`,
        // Six SLOs at two per hour: each every three hours.
        intervalSeconds: 3 * HOUR,
      },
    });
    // Deferred SLOs keep what they stored.
    const first = cycles[0].collected[0];
    expect(
      await store.readBuckets(first, { from: T0 - 86400, to: T0 }),
    ).toEqual(await free.store.readBuckets(first, { from: T0 - 86400, to: T0 }));
  });

  it('defers an SLO refused with 429 until the reset instead of failing it, and the rest while the window is spent', async () => {
    const source = new BudgetedFakeSource();
    source.rateLimited = { sloId: slos[0].id, until: T0 + 900 };
    const { collector, store } = await setup(slos, source);
    const summary = await collector.collectOnce();
    expect(summary.failed).toBe(0);
    expect(summary.deferred[slos[0].id]).toBe(
      'Fake query budget: the source answered "rate limited" (HTTP 429) until 00:15 UTC',
    );
    const state = (await store.getStates([slos[0].id])).get(slos[0].id);
    expect(state).toMatchObject({ lastError: null, consecutiveFailures: 0 });

    source.rateLimited = undefined;
    source.budget = { rateLimit: { remaining: 0, resetAt: T0 + 900 } };
    const spent = await collector.collectOnce();
    expect(Object.keys(spent.deferred).sort()).toEqual([...ids].sort());
    expect(spent.queries).toBe(0);
  });
});
