import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { sumBuckets } from '@slo-kit/plugin-slo-common';
import { SloSourceError } from '@slo-kit/plugin-slo-node';
import { readSloBackendConfig } from '../config/readSloBackendConfig';
import { ConfigReader } from '@backstage/config';
import { DatabaseSloStore } from '../database/DatabaseSloStore';
import { SloSourceRegistry } from '../sources/SloSourceRegistry';
import { FakeSloSource } from '../testing/FakeSloSource';
import { component, MapLoader, ratioSlo } from '../testing/testDefinitions';
import { SloCollector } from './SloCollector';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const DAY = 86400;
const T0 = 1_740_787_200; // 2025-03-01T00:00:00Z

const checkout = 'component:default/checkout';
const search = 'component:default/search';

async function setup(
  options: { sources?: FakeSloSource[]; settings?: object } = {},
) {
  const knex = await databases.init('SQLITE_3');
  const store = await DatabaseSloStore.create({
    database: { getClient: async () => knex },
  });
  const sources = options.sources ?? [new FakeSloSource()];
  const clock = {
    current: T0,
    now() {
      return this.current;
    },
  };
  const loader = new MapLoader({
    [checkout]: [ratioSlo(checkout, 'availability')],
    [search]: [ratioSlo(search, 'availability')],
  });
  const settings = readSloBackendConfig(
    new ConfigReader({
      slo: { collector: { backfillDays: 30, ...options.settings } },
    }),
  ).collector;
  const collector = new SloCollector({
    catalog: catalogServiceMock({
      entities: [component('checkout'), component('search')],
    }),
    auth: mockServices.auth(),
    logger: mockServices.logger.mock(),
    store,
    sources: new SloSourceRegistry(sources, sources[0].name),
    loader,
    clock,
    settings,
    sleep: async () => {},
    retryBaseDelayMs: 1,
  });
  const stored = async (sloId: string, from: number, to: number) =>
    sumBuckets(await store.readBuckets(sloId, { from, to }), from, to);
  return { store, clock, loader, collector, sources, stored };
}

describe('SloCollector', () => {
  it('backfills on first sight: fine buckets for the window and its alert windows, hours before', async () => {
    const { collector, store, stored } = await setup({
      settings: { backfillDays: 40 },
    });
    const summary = await collector.collectOnce();
    expect(summary).toMatchObject({
      entities: 2,
      slos: 2,
      succeeded: 2,
      failed: 0,
    });

    const sloId = `${checkout}/availability`;
    // Every second of the 40 days is stored exactly once.
    const backfill = await stored(sloId, T0 - 40 * DAY, T0);
    expect(backfill).toMatchObject({
      ...FakeSloSource.expected(T0 - 40 * DAY, T0),
      coveredSeconds: 40 * DAY,
    });
    const buckets = await store.readBuckets(sloId, {
      from: T0 - 40 * DAY,
      to: T0,
    });
    // A 30-day window, 3 days of alert window and a day of margin: 34 days fine,
    // so a window that starts at any 5-minute boundary is summed exactly.
    expect(buckets.filter(b => b.durationSeconds === 300)).toHaveLength(
      34 * 288,
    );
    expect(buckets.filter(b => b.durationSeconds === 3600)).toHaveLength(
      6 * 24,
    );

    const state = (await store.getStates([sloId])).get(sloId);
    expect(state).toMatchObject({
      collectedFrom: T0 - 40 * DAY,
      collectedUntil: T0,
      lastSuccessAt: T0 * 1000,
      lastError: null,
    });
    expect(await store.latestRun()).toMatchObject({
      sloCount: 2,
      failedCount: 0,
    });
  });

  it('collects incrementally and never counts a bucket twice', async () => {
    const { collector, clock, sources, stored } = await setup();
    await collector.collectOnce();
    const [source] = sources;
    source.requests.length = 0;

    clock.current = T0 + 3600 + 120; // an hour and two minutes later
    await collector.collectOnce();
    // Only the new hour, plus two re-fetched buckets, for each SLO.
    expect(source.requests.map(r => [r.start, r.end, r.bucketSeconds])).toEqual(
      [
        [T0 - 600, T0 + 3600, 300],
        [T0 - 600, T0 + 3600, 300],
      ],
    );
    const sloId = `${checkout}/availability`;
    expect(await stored(sloId, T0 - 29 * DAY, T0 + 3600)).toMatchObject(
      FakeSloSource.expected(T0 - 29 * DAY, T0 + 3600),
    );
  });

  it('records every attempt and success, with no write of their own in an incremental success', async () => {
    const { collector, clock, sources, store } = await setup();
    const sloId = `${checkout}/availability`;
    const times = async () => {
      const state = (await store.getStates([sloId])).get(sloId)!;
      return [state.lastAttemptAt, state.lastSuccessAt, state.lastErrorAt];
    };
    const attempts = jest.spyOn(store, 'recordAttempt');
    const successes = jest.spyOn(store, 'recordSuccess');
    // A backfill shows its attempt while it runs.
    await collector.collectOnce();
    expect(attempts).toHaveBeenCalledWith(sloId, T0 * 1000);
    expect(await times()).toEqual([T0 * 1000, T0 * 1000, null]);

    // An incremental success writes its attempt and success with its buckets.
    attempts.mockClear();
    successes.mockClear();
    clock.current = T0 + 3600;
    await collector.collectOnce();
    expect(attempts).not.toHaveBeenCalled();
    expect(successes).not.toHaveBeenCalled();
    const t1 = (T0 + 3600) * 1000;
    expect(await times()).toEqual([t1, t1, null]);

    // A failure still records its attempt; the last success stays.
    const [source] = sources;
    source.beforeAnswer = () => {
      throw new SloSourceError('Prometheus answered 503', {
        retryable: false,
      });
    };
    clock.current = T0 + 7200;
    await collector.collectOnce();
    const t2 = (T0 + 7200) * 1000;
    expect(await times()).toEqual([t2, t1, t2]);
  });

  it('keeps stored figures and marks the error when a source fails; other SLOs go on', async () => {
    const { collector, clock, sources, store, stored } = await setup();
    await collector.collectOnce();
    const [source] = sources;
    source.beforeAnswer = request => {
      if (request.sloId.startsWith(checkout)) {
        throw new SloSourceError(
          'Prometheus answered 400: parse error at char 12',
          { retryable: false },
        );
      }
    };
    clock.current = T0 + 3600;
    const summary = await collector.collectOnce();
    expect(summary).toMatchObject({ succeeded: 1, failed: 1 });
    const failedId = `${checkout}/availability`;
    expect(summary.errors[failedId]).toMatch(
      /^Prometheus answered 400: parse error at char 12 \(while collecting 2025-02-28T23:50Z to 2025-03-01T01:00Z\)$/,
    );

    const state = (await store.getStates([failedId])).get(failedId)!;
    expect(state).toMatchObject({
      lastSuccessAt: T0 * 1000,
      lastErrorAt: (T0 + 3600) * 1000,
      consecutiveFailures: 1,
      collectedUntil: T0,
    });
    // Nothing already stored is lost.
    expect(await stored(failedId, T0 - 30 * DAY, T0)).toMatchObject(
      FakeSloSource.expected(T0 - 30 * DAY, T0),
    );
    // The other SLO moved on.
    const otherId = `${search}/availability`;
    expect(
      (await store.getStates([otherId])).get(otherId)?.collectedUntil,
    ).toBe(T0 + 3600);

    // Recovery: the next cycle fills the gap exactly.
    source.beforeAnswer = () => {};
    clock.current = T0 + 7200;
    expect(await collector.collectOnce()).toMatchObject({ failed: 0 });
    expect(await stored(failedId, T0 - 29 * DAY, T0 + 7200)).toMatchObject(
      FakeSloSource.expected(T0 - 29 * DAY, T0 + 7200),
    );
  });

  it('retries retryable errors with backoff and succeeds', async () => {
    const { collector, sources, store } = await setup();
    const [source] = sources;
    let failures = 0;
    source.beforeAnswer = () => {
      if (failures < 2) {
        failures += 1;
        throw new SloSourceError('Prometheus answered 503', {
          retryable: true,
        });
      }
    };
    const summary = await collector.collectOnce();
    expect(summary.failed).toBe(0);
    expect(failures).toBe(2);
    const states = await store.getStates([`${checkout}/availability`]);
    expect(states.get(`${checkout}/availability`)?.lastError).toBeNull();
  });

  it('times out a source that does not answer, with a message naming the setting', async () => {
    const { collector, sources } = await setup({
      settings: { requestTimeout: { milliseconds: 50 }, maxAttempts: 1 },
    });
    sources[0].beforeAnswer = () => new Promise(() => {});
    const summary = await collector.collectOnce();
    expect(summary.failed).toBe(2);
    expect(Object.values(summary.errors)[0]).toMatch(
      /^Source "fake" \(fake\) for SLO .* got no answer within 50 ms \(slo.collector.requestTimeout\)/,
    );
  });

  it('keeps the chunks stored before a failure and resumes from them', async () => {
    const source = new FakeSloSource('fake', { maxBucketsPerRequest: 24 * 12 }); // one day per request
    const { collector, store, stored } = await setup({ sources: [source] });
    let calls = 0;
    source.beforeAnswer = request => {
      calls += 1;
      if (request.sloId.startsWith(checkout) && request.start >= T0 - 3 * DAY) {
        throw new SloSourceError('boom', { retryable: false });
      }
    };
    await collector.collectOnce();
    expect(calls).toBeGreaterThan(2);
    const sloId = `${checkout}/availability`;
    const state = (await store.getStates([sloId])).get(sloId)!;
    expect(state.collectedUntil).toBe(T0 - 3 * DAY);
    expect(await stored(sloId, T0 - 30 * DAY, T0 - 3 * DAY)).toMatchObject(
      FakeSloSource.expected(T0 - 30 * DAY, T0 - 3 * DAY),
    );

    source.beforeAnswer = () => {};
    await collector.collectOnce();
    expect(await stored(sloId, T0 - 30 * DAY, T0)).toMatchObject(
      FakeSloSource.expected(T0 - 30 * DAY, T0),
    );
  });

  it('collects the history again when what an SLO measures changes', async () => {
    const { collector, loader, sources, store } = await setup();
    await collector.collectOnce();
    const sloId = `${checkout}/availability`;
    loader.definitions[checkout] = [
      ratioSlo(checkout, 'availability', {
        sli: {
          kind: 'ratio',
          bad: { selector: 'errors_total' },
          total: { selector: 'requests_total' },
        },
      }),
    ];
    sources[0].requests.length = 0;
    await collector.collectOnce();
    const refetched = sources[0].requests.filter(r => r.sloId === sloId);
    expect(refetched[0].start).toBe(T0 - 30 * DAY);
    expect((await store.getStates([sloId])).get(sloId)?.collectedFrom).toBe(
      T0 - 30 * DAY,
    );

    // A new objective is evaluated from the same counts: no re-collection.
    loader.definitions[checkout] = [
      {
        ...loader.definitions[checkout][0],
        objectives: [{ name: '', target: 0.95 }],
      },
    ];
    sources[0].requests.length = 0;
    await collector.collectOnce();
    expect(sources[0].requests.filter(r => r.sloId === sloId)[0].start).toBe(
      T0 - 600,
    );
  });

  it('records a clear error for an SLO whose source does not exist', async () => {
    const { collector, loader, store } = await setup();
    loader.definitions[checkout] = [
      ratioSlo(checkout, 'availability', { source: 'thanos-eu' }),
    ];
    const summary = await collector.collectOnce();
    const sloId = `${checkout}/availability`;
    expect(summary.errors[sloId]).toBe(
      'SLO component:default/checkout/availability names source "thanos-eu", but no source of that name is registered. Available sources: fake.',
    );
    expect((await store.getStates([sloId])).get(sloId)?.lastError).toBe(
      summary.errors[sloId],
    );
  });

  it('compacts fine buckets once they leave the fine history (the window, its alert windows and a day)', async () => {
    const { collector, clock, store, stored } = await setup({
      settings: { backfillDays: 40 },
    });
    await collector.collectOnce();
    clock.current = T0 + 2 * DAY;
    const summary = await collector.collectOnce();
    expect(summary.compacted).toBe(2 * 2 * 288); // two days of two SLOs
    const sloId = `${checkout}/availability`;
    const buckets = await store.readBuckets(sloId, {
      from: T0 - 40 * DAY,
      to: T0 + 2 * DAY,
    });
    expect(buckets.filter(b => b.durationSeconds === 300)).toHaveLength(
      34 * 288,
    );
    expect(buckets.filter(b => b.durationSeconds === 3600)).toHaveLength(
      8 * 24,
    );
    expect(await stored(sloId, T0 - 40 * DAY, T0 + 2 * DAY)).toMatchObject(
      FakeSloSource.expected(T0 - 40 * DAY, T0 + 2 * DAY),
    );
  });

  it('records the cycle and applies retention when packing and compaction fail', async () => {
    const { collector, clock, store } = await setup({
      settings: { backfillDays: 40, retentionDays: 35 },
    });
    await collector.collectOnce();
    jest
      .spyOn(store, 'packHistory')
      .mockRejectedValue(new Error('deadlock detected'));
    clock.current = T0 + 2 * DAY;
    const summary = await collector.collectOnce();
    expect(summary).toMatchObject({ succeeded: 2, failed: 0, compacted: 0 });
    // Retention still ran: the backfill's first five days are gone.
    expect(summary.deleted).toBeGreaterThan(0);
    expect((await store.latestRun())?.startedAt).toBe(summary.startedAt);
  });
});
