import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { SloSourceError } from '@slo-kit/plugin-slo-node';
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
const DAY = 86400;
const checkout = 'component:default/checkout';

async function setup(config: object = {}) {
  const knex = await databases.init('SQLITE_3');
  const store = await DatabaseSloStore.create({
    database: { getClient: async () => knex },
  });
  const settings = readSloBackendConfig(
    new ConfigReader({ slo: { collector: { backfillDays: 31 }, ...config } }),
  );
  const source = new FakeSloSource();
  const sources = new SloSourceRegistry([source]);
  const clock = {
    current: T0,
    now() {
      return this.current;
    },
  };
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
  const evaluator = new SloEvaluator({
    store,
    sources,
    clock,
    config: settings,
  });
  return { source, clock, collector, evaluator, definition, store };
}

describe('SloEvaluator', () => {
  it('evaluates fresh figures as ok, with collection status', async () => {
    const { collector, evaluator, definition } = await setup();
    await collector.collectOnce();
    const [status] = await evaluator.statuses([definition]);
    const expected = FakeSloSource.expected(T0 - 30 * DAY, T0);
    expect(status.evaluations[0]).toMatchObject({
      ...expected,
      at: T0,
      dataState: 'ok',
      health: 'met',
    });
    expect(status.collection).toMatchObject({
      source: 'fake',
      sourceType: 'fake',
      demo: false,
      lastSuccessAt: '2025-03-01T00:00:00.000Z',
      collectedUntil: '2025-03-01T00:00:00.000Z',
      lastError: null,
      consecutiveFailures: 0,
    });
  });

  it('keeps the last good figures, marked stale with the error, when collection fails', async () => {
    const { collector, evaluator, definition, source, clock } = await setup();
    await collector.collectOnce();
    source.beforeAnswer = () => {
      throw new SloSourceError('Prometheus answered 503', { retryable: true });
    };
    clock.current = T0 + 3600;
    await collector.collectOnce();
    const [status] = await evaluator.statuses([definition]);
    const expected = FakeSloSource.expected(T0 - 30 * DAY, T0);
    // Evaluated where the data ends, not at a "now" with an empty last hour.
    expect(status.evaluations[0]).toMatchObject({
      ...expected,
      at: T0,
      dataState: 'stale',
      health: 'met',
    });
    expect(status.collection.lastError).toMatch(/^Prometheus answered 503/);
  });

  it('says error, not no-data, for an SLO that was never collected', async () => {
    const { collector, evaluator, definition, source } = await setup();
    source.beforeAnswer = () => {
      throw new SloSourceError('Prometheus answered 400: unknown function', {
        retryable: false,
      });
    };
    await collector.collectOnce();
    const [status] = await evaluator.statuses([definition]);
    expect(status.evaluations[0]).toMatchObject({
      sli: null,
      dataState: 'error',
      health: 'unknown',
    });
  });

  it('marks figures stale when the collector has not run for a while', async () => {
    const { collector, evaluator, definition, clock } = await setup();
    await collector.collectOnce();
    clock.current = T0 + 2 * 3600;
    const [status] = await evaluator.statuses([definition]);
    expect(status.evaluations[0]).toMatchObject({ at: T0, dataState: 'stale' });
  });

  it('applies slo.minimumEvents to SLOs that set no minimum', async () => {
    const { collector, evaluator, definition } = await setup({
      minimumEvents: 1e9,
    });
    await collector.collectOnce();
    const [status] = await evaluator.statuses([definition]);
    expect(status.evaluations[0]).toMatchObject({
      dataState: 'low-traffic',
      health: 'unknown',
    });
  });

  it('serves figures from its cache only while the buckets are unchanged', async () => {
    const { collector, evaluator, definition, store } = await setup();
    await collector.collectOnce();
    const [first] = await evaluator.statuses([definition]);
    // Cached: the same figures, without reading a bucket again.
    const reads = jest.spyOn(store, 'readBuckets');
    const [again] = await evaluator.statuses([definition]);
    expect(reads).not.toHaveBeenCalled();
    expect(again).toStrictEqual(first);
    expect(again.definition).toBe(definition);

    // A corrected bucket (as a re-fetched overlap brings) changes the figures at once.
    const last = T0 - 300;
    await store.saveBuckets(definition.id, [
      { start: last, durationSeconds: 300, good: 0, total: 300 },
    ]);
    const [corrected] = await evaluator.statuses([definition]);
    expect(reads).toHaveBeenCalled();
    expect(corrected.evaluations[0].good).toBe(
      first.evaluations[0].good - (300 - 1),
    );
    const series = await evaluator.series(definition, {
      from: T0 - DAY,
      to: T0,
    });
    expect(series.points[series.points.length - 1].good).toBe(0);
  });

  it('keeps one cached series per SLO and span, and drops figures once "now" has moved on', async () => {
    const { collector, evaluator, definition, clock } = await setup();
    await collector.collectOnce();
    for (let minute = 0; minute < 5; minute++) {
      const to = T0 - 3600 + minute * 60;
      await evaluator.series(definition, { from: to - DAY, to });
    }
    await evaluator.statuses([definition]);
    expect(evaluator.cachedEvaluations).toBe(2);

    clock.current = T0 + 1800;
    await collector.collectOnce();
    const [status] = await evaluator.statuses([definition]);
    expect(evaluator.cachedEvaluations).toBe(1);
    expect(status.evaluations[0].at).toBe(T0 + 1800);
  });

  it('says paging, with the episode start read from the stored buckets, while a page fires above target', async () => {
    const { collector, evaluator, definition, source } = await setup();
    // 20% of events fail from 2 h 10 min before T0: 20× a 99% objective's budget.
    const incident = T0 - 7800;
    const answer = source.fetchBuckets.bind(source);
    source.fetchBuckets = async request => {
      const result = await answer(request);
      return {
        ...result,
        buckets: result.buckets.map(bucket =>
          bucket.start >= incident
            ? { ...bucket, good: bucket.total * 0.8 }
            : bucket,
        ),
      };
    };
    await collector.collectOnce();
    const [status] = await evaluator.statuses([definition]);
    const evaluation = status.evaluations[0];
    // 26 bad buckets of 12,000 events in 30 days: still above 99%.
    expect(evaluation.sli).toBeGreaterThan(0.99);
    expect(evaluation.health).toBe('paging');
    // The 1h burn reaches 14.4× at the 9th 5-minute bucket of the incident:
    // (9 × 60 + 3 × 1) bad of 3600 events = 15.1×; 8 buckets give 13.4×.
    expect(evaluation.episode).toEqual({
      severity: 'page',
      since: incident + 9 * 300,
      startedBefore: false,
    });
    const [overview] = await evaluator.overviews([definition], {
      period: () => 'month',
      sparklinePoints: 30,
    });
    expect(overview).toMatchObject({ health: 'paging', paging: true });
  });

  it('gives scorecard overviews equal to separate status, history and series', async () => {
    const { collector, evaluator, definition, clock } = await setup();
    await collector.collectOnce();
    clock.current = T0 + 1800;
    await collector.collectOnce();
    const [overview] = await evaluator.overviews([definition], {
      period: () => 'month',
      sparklinePoints: 30,
    });
    const [status] = await evaluator.statuses([definition]);
    const evaluation = status.evaluations[0];
    const history = await evaluator.history(definition, {
      period: 'month',
      count: 2,
    });
    const series = await evaluator.series(definition, {
      from: evaluation.windowStart,
      to: evaluation.at,
      maxPoints: 30,
    });
    expect(overview).toMatchObject({
      objective: evaluation.objective.target,
      sli: evaluation.sli,
      budgetRemaining: evaluation.errorBudget.remainingFraction,
      health: evaluation.health,
      paging: evaluation.alerts.some(a => a.severity === 'page' && a.firing),
      ticketing: evaluation.alerts.some(
        a => a.severity === 'ticket' && a.firing,
      ),
      dataState: evaluation.dataState,
    });
    expect(overview.previousPeriodSli).toBe(history.periods[0].sli);
    expect(overview.sparkline).toEqual(series.points.map(p => p.sli));
    expect(overview.sparkline).toHaveLength(30);
    expect(overview.sparkline.every(sli => sli !== null)).toBe(true);
  });
});
