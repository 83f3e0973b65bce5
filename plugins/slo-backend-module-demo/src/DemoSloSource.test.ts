import type { EventBucket, SliSpec } from '@slo-kit/plugin-slo-common';
import { SloSourceError } from '@slo-kit/plugin-slo-node';
import { DemoSloSource } from './DemoSloSource';

const anchor = 1_740_787_200; // 2025-03-01T00:00:00Z (a Saturday)
const DAY = 86400;
const ratio: SliSpec = {
  kind: 'ratio',
  good: { selector: 'good' },
  total: { selector: 'total' },
};

const sum = (buckets: EventBucket[]) =>
  buckets.reduce(
    (acc, b) => ({ good: acc.good + b.good, total: acc.total + b.total }),
    { good: 0, total: 0 },
  );

describe('DemoSloSource', () => {
  const source = new DemoSloSource({ anchor });
  const fetch = (
    sloId: string,
    start: number,
    end: number,
    bucketSeconds = 300,
    sli: SliSpec = ratio,
  ) => source.fetchBuckets({ sloId, sli, start, end, bucketSeconds });

  it('is labelled as demo data', () => {
    expect(source).toMatchObject({ name: 'demo', type: 'demo', isDemo: true });
  });

  it('gives the same figures every time and for every bucket size', async () => {
    const start = anchor - 2 * DAY;
    const fine = await fetch('component:default/a/x', start, anchor, 300);
    const again = await fetch('component:default/a/x', start, anchor, 300);
    const hourly = await fetch('component:default/a/x', start, anchor, 3600);
    expect(again.buckets).toEqual(fine.buckets);
    expect(fine.buckets).toHaveLength(2 * 288);
    expect(hourly.buckets).toHaveLength(48);
    expect(sum(hourly.buckets)).toEqual(sum(fine.buckets));
    // Another SLO gets other figures.
    const other = await fetch('component:default/b/y', start, anchor, 300);
    expect(sum(other.buckets)).not.toEqual(sum(fine.buckets));
  });

  it('has a daily traffic shape and a weekly quiet period', async () => {
    const { buckets } = await fetch(
      'component:default/a/x',
      anchor - 7 * DAY,
      anchor,
      3600,
    );
    const byHour = (h: number) =>
      buckets.filter(b => (b.start % DAY) / 3600 === h && b.total > 0);
    const night = sum(byHour(3)).total / byHour(3).length;
    const afternoon = sum(byHour(15)).total / byHour(15).length;
    expect(afternoon).toBeGreaterThan(2 * night);
    // Sunday maintenance: one hour with data but no traffic.
    expect(buckets.filter(b => b.total === 0)).toHaveLength(1);
  });

  it('keeps healthy SLOs within a 99.9% objective', async () => {
    const { buckets } = await fetch(
      'component:default/search-api/query-availability',
      anchor - 30 * DAY,
      anchor,
      3600,
    );
    const { good, total } = sum(buckets);
    expect(good / total).toBeGreaterThan(0.999);
  });

  it('burns fast at the anchor for the checkout SLO', async () => {
    const sloId = 'component:default/checkout/checkout-availability';
    // 14.4× of a 99.9% budget over 1h and 5m pages; the demo burns at about 20×.
    for (const seconds of [3600, 300]) {
      const recent = sum(
        (await fetch(sloId, anchor - seconds, anchor)).buckets,
      );
      const errorRate = 1 - recent.good / recent.total;
      expect(errorRate / 0.001).toBeGreaterThan(16);
    }
    const month = sum(
      (await fetch(sloId, anchor - 30 * DAY, anchor, 3600)).buckets,
    );
    expect(month.good / month.total).toBeGreaterThan(0.999);
  });

  it('overspends a 99.5% budget for the fraud-detection SLO', async () => {
    const sloId = 'component:default/fraud-detection/scoring-availability';
    const month = sum(
      (await fetch(sloId, anchor - 28 * DAY, anchor, 3600)).buckets,
    );
    const consumed = (1 - month.good / month.total) / 0.005;
    expect(consumed).toBeGreaterThan(1.1);
    expect(consumed).toBeLessThan(1.6);
  });

  it('has only recent data, with a gap, for the partial scenario', async () => {
    const sloId =
      'component:default/recommendations/recommendations-availability';
    const { buckets } = await fetch(sloId, anchor - 30 * DAY, anchor, 3600);
    expect(buckets[0].start).toBe(anchor - 12 * DAY);
    expect(buckets.length).toBe(12 * 24 - 6);
  });

  it('has few events for the low-traffic scenario', async () => {
    const sloId =
      'component:default/notification-service/delivery-availability';
    const week = sum(
      (await fetch(sloId, anchor - 7 * DAY, anchor, 3600)).buckets,
    );
    expect(week.total).toBeGreaterThan(100);
    expect(week.total).toBeLessThan(1000);
  });

  it('counts good slices for time-slice SLIs', async () => {
    const sli: SliSpec = {
      kind: 'timeSlice',
      sliceSeconds: 60,
      operator: '<=',
      threshold: 1,
      value: { query: 'q' },
    };
    const { buckets } = await fetch(
      'component:default/idx/minutes',
      anchor - DAY,
      anchor,
      300,
      sli,
    );
    for (const b of buckets) {
      expect(b.total).toBeLessThanOrEqual(5);
      expect(b.good).toBeLessThanOrEqual(b.total);
    }
    expect(sum(buckets).total).toBe(1440);
  });

  it('takes scenarios from options over the built-in ones', async () => {
    const custom = new DemoSloSource({
      anchor,
      scenarios: {
        'component:default/checkout/checkout-availability': 'healthy',
      },
    });
    expect(
      custom.scenarioOf('component:default/checkout/checkout-availability'),
    ).toBe('healthy');
    expect(
      custom.scenarioOf(
        'component:default/fraud-detection/scoring-availability',
      ),
    ).toBe('overspent');
  });

  it('rejects buckets that are not whole minutes with a clear error', async () => {
    await expect(fetch('x', anchor - 90, anchor, 90 / 2)).rejects.toThrow(
      SloSourceError,
    );
    await expect(fetch('x', anchor - 90, anchor, 45)).rejects.toThrow(
      /counts whole minutes.*Use a multiple of 60 seconds/,
    );
  });

  describe('with the series it holds', () => {
    const held = new DemoSloSource({
      anchor,
      series: { metrics: ['http_requests_total', 'http_request_duration_seconds'], labels: ['service', 'code', 'le'] },
    });
    const ask = (sli: SliSpec) =>
      held.fetchBuckets({ sloId: 'component:default/status-page/x', sli, start: anchor - DAY, end: anchor, bucketSeconds: 3600 });

    it('answers SLIs over its metrics and labels', async () => {
      const answer = await ask({
        kind: 'ratio',
        bad: { selector: 'http_requests_total{service="status-page",code=~"5.."}' },
        total: { selector: 'http_requests_total{service="status-page"}' },
      });
      expect(answer.buckets).toHaveLength(24);
      const latency = await ask({ kind: 'latency', mode: 'histogram', metric: 'http_request_duration_seconds{service="status-page"}', threshold: 0.3 });
      expect(latency.buckets).toHaveLength(24);
    });

    it('has no data for other metrics or labels, as a metric store would', async () => {
      await expect(
        ask({
          kind: 'ratio',
          bad: { selector: 'istio_requests_total{destination_workload="status-page",response_code=~"5.."}' },
          total: { selector: 'istio_requests_total{destination_workload="status-page"}' },
        }),
      ).resolves.toEqual({ buckets: [], queryCount: 1 });
      await expect(
        ask({ kind: 'ratio', bad: { selector: 'http_requests_total{job="status-page",code=~"5.."}' }, total: { selector: 'http_requests_total{job="status-page"}' } }),
      ).resolves.toEqual({ buckets: [], queryCount: 1 });
    });
  });
});
