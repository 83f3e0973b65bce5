import { mockServices, TestDatabases, type TestDatabaseId } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { BUILTIN_SLI_TEMPLATES, type EventBucket } from '@slo-kit/plugin-slo-common';
import type { SloSource, SloSourceCapabilities, SloSourceRequest, SloSourceResult } from '@slo-kit/plugin-slo-node';
import knexFactory, { type Knex } from 'knex';
import { holdCollectionCycle } from '../__testUtils__/holdCollectionCycle';
import { testDatabaseIds } from '../database/testDatabaseIds';
import { SloSourceRegistry } from '../sources/SloSourceRegistry';
import { CollectionActivity } from './CollectionActivity';
import { DatabaseSuggestionStore } from './DatabaseSuggestionStore';
import { SloSuggestionJob, type SuggestionJobSettings } from './SloSuggestionJob';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: testDatabaseIds() });
const NOW = 1_795_132_800; // 2026-11-20T00:00:00Z, on the hour
const HTTP_TEMPLATES = BUILTIN_SLI_TEMPLATES.filter(t => t.name === 'http-availability' || t.name === 'http-latency');

const service = (name: string, annotations: Record<string, string> = {}): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', annotations },
  spec: { type: 'service', owner: 'group:default/platform', lifecycle: 'production' },
});

/**
 * A metric store in miniature: `http_requests_total` has series for the
 * listed jobs only, with `errorsPerThousand` failing requests in every
 * thousand each hour; no histogram exists.
 */
class MetricsSource implements SloSource {
  readonly name = 'prometheus';
  readonly type = 'fake';
  readonly requests: SloSourceRequest[] = [];
  constructor(private readonly jobs: Record<string, { errorsPerThousand: number }>) {}
  capabilities(): SloSourceCapabilities {
    return { sliKinds: ['ratio', 'latency', 'timeSlice'], minBucketSeconds: 60, maxBucketsPerRequest: 11000 };
  }
  async fetchBuckets(request: SloSourceRequest): Promise<SloSourceResult> {
    this.requests.push(request);
    const text = JSON.stringify(request.sli);
    const job = Object.keys(this.jobs).find(name => text.includes(`http_requests_total{job=\\"${name}\\"`));
    const buckets: EventBucket[] = [];
    if (job) {
      for (let start = request.start; start < request.end; start += request.bucketSeconds) {
        buckets.push({ start, durationSeconds: request.bucketSeconds, good: 1000 - this.jobs[job].errorsPerThousand, total: 1000 });
      }
    }
    return { buckets, queryCount: 1 };
  }
}

/**
 * Resolves once `activity` has answered that a cycle is running: from then
 * on the job is waiting, so a test's pause measures waiting, not set-up
 * (which takes long on a loaded machine).
 */
function seesCollection(activity: CollectionActivity): Promise<void> {
  let seen = () => {};
  const result = new Promise<void>(resolve => (seen = resolve));
  const collecting = activity.collecting.bind(activity);
  activity.collecting = async () => {
    const running = await collecting();
    if (running) seen();
    return running;
  };
  return result;
}

async function setUp(
  databaseId: TestDatabaseId,
  entities: Entity[],
  settings: Partial<SuggestionJobSettings> = {},
  options: { gated?: boolean } = {},
) {
  const knex = await databases.init(databaseId);
  const store = await DatabaseSuggestionStore.create({ database: { getClient: async () => knex } });
  const collection = options.gated ? new CollectionActivity({ db: knex, leaseMs: 60_000, pollMs: 20 }) : undefined;
  const source = new MetricsSource({ 'status-page': { errorsPerThousand: 3 }, billing: { errorsPerThousand: 80 } });
  const catalog = { entities };
  const job = () =>
    new SloSuggestionJob({
      catalog: catalogServiceMock({ entities: catalog.entities }),
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
      store,
      sources: new SloSourceRegistry([source]),
      templates: HTTP_TEMPLATES,
      clock: { now: () => NOW },
      settings: { concurrency: 2, maxQueriesPerRun: 1000, ...settings },
      collection,
    });
  return { knex, store, source, catalog, job, collection: collection! };
}

describe.each(databases.eachSupportedId())('SloSuggestionJob on %p', databaseId => {
  it('stores a suggestion for each service without SLOs whose metrics have data, and skips services with SLOs', async () => {
    const { store, source, job } = await setUp(databaseId, [
      service('status-page'),
      service('billing'),
      service('quiet'),
      service('checkout', { 'slo-kit.dev/templates': 'http-availability: {job: checkout}' }),
    ]);
    const summary = await job().runOnce();
    expect(summary).toMatchObject({ candidates: 3, searched: 3, withSuggestions: 1, deferred: 0, queries: 6, aborted: false });
    expect(source.requests.every(r => !JSON.stringify(r.sli).includes('checkout'))).toBe(true);

    const statusPage = await store.get('component:default/status-page');
    expect(statusPage?.suggestions).toEqual([
      expect.objectContaining({
        template: 'http-availability',
        parameters: { job: 'status-page' },
        good: 997 * 720,
        total: 1000 * 720,
        objective: 99.5,
        windowEnd: NOW,
        windowStart: NOW - 30 * 86400,
      }),
    ]);
    expect(statusPage?.misses).toEqual(['no data for http-latency { job: status-page }']);
    // 92%: below every standard objective, so no suggestion, and it says why.
    expect((await store.get('component:default/billing'))?.misses).toEqual([
      expect.stringMatching(/^http-availability \{ job: billing \}: 92\.000% over the last 30 days, below every standard objective/),
      'no data for http-latency { job: billing }',
    ]);
    expect((await store.get('component:default/quiet'))?.suggestions).toEqual([]);
    expect(await store.get('component:default/checkout')).toBeUndefined();
    expect([...(await store.refsWithSuggestions())]).toEqual(['component:default/status-page']);
  });

  it('deletes the suggestions of a service once it declares SLOs', async () => {
    const { store, catalog, job } = await setUp(databaseId, [service('status-page'), service('quiet')]);
    await job().runOnce();
    expect(await store.get('component:default/status-page')).toBeDefined();
    catalog.entities = [service('status-page', { 'slo-kit.dev/templates': 'http-availability: {job: status-page, objective: 99.5}' }), service('quiet')];
    const summary = await job().runOnce();
    expect(summary).toMatchObject({ candidates: 1, deleted: 1 });
    expect(await store.get('component:default/status-page')).toBeUndefined();
    expect(await store.refsWithSuggestions()).toEqual(new Set());
  });

  it('stops at the query cap and starts the next run with the services it left', async () => {
    const names = ['a', 'b', 'c', 'd', 'e'];
    const { store, source, job } = await setUp(databaseId, names.map(name => service(name)), { concurrency: 1, maxQueriesPerRun: 7 });
    const first = await job().runOnce();
    // Two templates per service, at most two queries each: after two services (4 queries) the third could cost 4 more, over 7.
    expect(first).toMatchObject({ candidates: 5, searched: 2, deferred: 3, queries: 4 });
    expect([...(await store.checkedAt()).keys()].sort()).toEqual(['a', 'b'].map(n => `component:default/${n}`));
    source.requests.length = 0;
    const second = await job().runOnce();
    expect(second).toMatchObject({ searched: 2, queries: 4 });
    expect(source.requests.map(r => r.sloId.split('/')[1])).toEqual(['c', 'c', 'd', 'd']);
    expect(source.requests.length).toBeLessThanOrEqual(7);
  });

  it('pauses a search between queries when a collection cycle starts', async () => {
    const { source, job, collection } = await setUp(databaseId, [service('status-page')], {}, { gated: true });
    const waiting = seesCollection(collection);
    let cycle: ReturnType<typeof holdCollectionCycle> | undefined;
    // The cycle starts while the first template's query is being answered.
    const answer = source.fetchBuckets.bind(source);
    source.fetchBuckets = async request => {
      if (!cycle) {
        cycle = holdCollectionCycle(collection);
        await cycle.started;
      }
      return answer(request);
    };
    const run = job().runOnce();
    await waiting;
    await new Promise(resolve => setTimeout(resolve, 200));
    expect(source.requests).toHaveLength(1);
    cycle!.end();
    await cycle!.done;
    const summary = await run;
    expect(summary.queries).toBe(2);
    expect(summary.waitedForCollectionMs).toBeGreaterThanOrEqual(150);
    expect(source.requests).toHaveLength(2);
  });

  it('asks no source while a collection cycle runs, and starts when it ends', async () => {
    const { source, job, collection } = await setUp(databaseId, [service('status-page')], {}, { gated: true });
    const waiting = seesCollection(collection);
    const cycle = holdCollectionCycle(collection);
    await cycle.started;
    const run = job().runOnce();
    await waiting;
    await new Promise(resolve => setTimeout(resolve, 200));
    expect(source.requests).toHaveLength(0);
    cycle.end();
    await cycle.done;
    const summary = await run;
    expect(summary.searched).toBe(1);
    expect(summary.waitedForCollectionMs).toBeGreaterThanOrEqual(150);
    expect(source.requests).toHaveLength(2);
  });

  describe('with another replica on the same database', () => {
    // On PostgreSQL the other replica has its own pool, as a separate process
    // would; SQLite's test database lives in its one connection (one process).
    const otherReplica = (knex: Knex) => (databaseId === 'SQLITE_3' ? knex : knexFactory(knex.client.config));
    const closeReplica = async (knex: Knex, other: Knex) => {
      if (other !== knex) await other.destroy();
    };

    it('asks no source while the other replica collects, and starts when its cycle ends', async () => {
      const { knex, source, job, collection } = await setUp(databaseId, [service('status-page')], {}, { gated: true });
      const waiting = seesCollection(collection);
      const other = otherReplica(knex);
      try {
        const cycle = holdCollectionCycle(new CollectionActivity({ db: other, leaseMs: 60_000 }));
        await cycle.started;
        const run = job().runOnce();
        await waiting;
        await new Promise(resolve => setTimeout(resolve, 300));
        expect(source.requests).toHaveLength(0);
        cycle.end();
        await cycle.done;
        const summary = await run;
        expect(summary).toMatchObject({ searched: 1, queries: 2 });
        expect(summary.waitedForCollectionMs).toBeGreaterThanOrEqual(250);
        expect(source.requests).toHaveLength(2);
      } finally {
        await closeReplica(knex, other);
      }
    });

    it('pauses a search between queries when the other replica starts a cycle', async () => {
      const { knex, source, job, collection } = await setUp(databaseId, [service('status-page')], {}, { gated: true });
      const waiting = seesCollection(collection);
      const other = otherReplica(knex);
      try {
        let cycle: ReturnType<typeof holdCollectionCycle> | undefined;
        // The other replica's cycle starts while the first query is being answered.
        const answer = source.fetchBuckets.bind(source);
        source.fetchBuckets = async request => {
          if (!cycle) {
            cycle = holdCollectionCycle(new CollectionActivity({ db: other, leaseMs: 60_000 }));
            await cycle.started;
          }
          return answer(request);
        };
        const run = job().runOnce();
        await waiting;
        await new Promise(resolve => setTimeout(resolve, 300));
        expect(source.requests).toHaveLength(1);
        cycle!.end();
        await cycle!.done;
        const summary = await run;
        expect(summary.queries).toBe(2);
        expect(summary.waitedForCollectionMs).toBeGreaterThanOrEqual(250);
        expect(source.requests).toHaveLength(2);
      } finally {
        await closeReplica(knex, other);
      }
    });
  });
});
