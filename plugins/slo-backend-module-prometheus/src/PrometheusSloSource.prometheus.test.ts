/**
 * Exactness against the real thing: Debian's Prometheus 2.42 loaded with a
 * scenario whose event counts are known exactly (incident, two counter
 * resets, a series appearing mid-bucket, a service starting late). Bucket
 * sums over 30d, 7d and 1h must equal the ground truth.
 */
import {
  DEMO_END,
  exactnessScenarioSpec,
  generateScenario,
  startPrometheus,
  type RunningPrometheus,
} from '@internal/prometheus-fixture';
import type { EventBucket, SliSpec } from '@slo-kit/plugin-slo-common';
import { PrometheusSloSource } from './PrometheusSloSource';

const MINUTE = 60;
const HOUR = 3600;
const DAY = 86400;

function sum(buckets: EventBucket[], start: number, end: number) {
  let good = 0;
  let total = 0;
  for (const bucket of buckets) {
    if (bucket.start >= start && bucket.start + bucket.durationSeconds <= end) {
      good += bucket.good;
      total += bucket.total;
    }
  }
  return { good, total };
}

function expectExact(
  actual: { good: number; total: number },
  expected: { good: number; total: number },
) {
  expect(expected.total).toBeGreaterThan(0);
  const relative = (a: number, b: number) =>
    b === 0 ? Math.abs(a) : Math.abs(a - b) / Math.abs(b);
  expect(relative(actual.good, expected.good)).toBeLessThanOrEqual(1e-9);
  expect(relative(actual.total, expected.total)).toBeLessThanOrEqual(1e-9);
}

describe('PrometheusSloSource against a real Prometheus', () => {
  const scenario = generateScenario(exactnessScenarioSpec());
  const truth = scenario.groundTruth;
  let prometheus: RunningPrometheus;
  let source: PrometheusSloSource;

  beforeAll(async () => {
    prometheus = await startPrometheus({ scenario });
    source = new PrometheusSloSource({
      name: 'fixture',
      baseUrl: prometheus.url,
      headers: {},
      timeoutMs: 30_000,
      maxConcurrentQueries: 4,
      maxPointsPerRequest: 10000,
    });
  }, 120_000);

  afterAll(async () => {
    await prometheus?.stop();
  });

  // Windows ending on bucket boundaries, chosen to hold the hard cases.
  const windows: Array<[string, number, number]> = [
    ['30d', DEMO_END - 30 * DAY, DEMO_END],
    ['7d', DEMO_END - 7 * DAY, DEMO_END],
    ['7d across both counter resets', DEMO_END - 11 * DAY, DEMO_END - 4 * DAY],
    ['1h at the end', DEMO_END - HOUR, DEMO_END],
    [
      '1h with the late series appearing mid-bucket',
      DEMO_END - 3 * DAY,
      DEMO_END - 3 * DAY + HOUR,
    ],
    [
      '1h with the reset off a 5m boundary',
      DEMO_END - 10 * DAY,
      DEMO_END - 10 * DAY + HOUR,
    ],
    [
      '1h ending on the reset on an hour boundary',
      DEMO_END - 5 * DAY - HOUR,
      DEMO_END - 5 * DAY,
    ],
  ];
  const slis = [
    'checkout:availability',
    'checkout:latency:0.25',
    // The file spells le="1.0": an exact le="1" matcher would find nothing.
    'checkout:latency:1',
    'late-service:availability',
    'late-service:latency:0.5',
  ];

  describe.each([300, 3600])(
    '%p s buckets over the whole 35 days',
    bucketSeconds => {
      const fetched = new Map<string, EventBucket[]>();

      beforeAll(async () => {
        for (const name of slis) {
          const result = await source.fetchBuckets({
            sloId: `test/${name}`,
            sli: truth.sli(name),
            start: scenario.start,
            end: scenario.end,
            bucketSeconds,
          });
          fetched.set(name, result.buckets);
        }
      }, 120_000);

      it.each(slis)('%s: every window equals the ground truth', name => {
        const buckets = fetched.get(name)!;
        for (const [label, start, end] of windows) {
          if (name.startsWith('late-service') && start < DEMO_END - 20 * DAY)
            continue;
          const expected = truth.events(name, start, end);
          expect([label, sum(buckets, start, end)]).toEqual([label, expected]);
          expectExact(sum(buckets, start, end), expected);
        }
      });

      it('leaves out buckets before a late service has any series', () => {
        const buckets = fetched.get('late-service:availability')!;
        const lateStart = DEMO_END - 20 * DAY + 7 * MINUTE;
        expect(buckets[0].start).toBe(
          Math.floor(lateStart / bucketSeconds) * bucketSeconds,
        );
        expect(sum(buckets, scenario.start, lateStart - bucketSeconds)).toEqual(
          { good: 0, total: 0 },
        );
      });
    },
  );

  it('needs 4 queries for 35 days of 5-minute buckets (two requests of at most 10000 points per side)', async () => {
    const result = await source.fetchBuckets({
      sloId: 'test/checkout',
      sli: truth.sli('checkout:availability'),
      start: DEMO_END - 35 * DAY,
      end: DEMO_END,
      bucketSeconds: 300,
    });
    expect(result.queryCount).toBe(4);
    // Every bucket after the first sample has data.
    expect(result.buckets).toHaveLength(35 * 288);
  });

  it('answers the same figures for a bad/total SLI and a full query with {{window}}', async () => {
    const variants: SliSpec[] = [
      {
        kind: 'ratio',
        bad: {
          selector: 'http_requests_total{service="checkout",code=~"5.."}',
        },
        total: { selector: 'http_requests_total{service="checkout"}' },
      },
      {
        kind: 'ratio',
        good: {
          query:
            'sum by (code) (increase(http_requests_total{service="checkout",code!~"5.."}[{{window}}]))',
        },
        total: {
          query:
            'sum by (code) (increase(http_requests_total{service="checkout"}[{{window}}]))',
        },
      },
    ];
    const start = DEMO_END - 7 * DAY;
    for (const sli of variants) {
      const { buckets } = await source.fetchBuckets({
        sloId: 'test/variant',
        sli,
        start,
        end: DEMO_END,
        bucketSeconds: 300,
      });
      expect(buckets).toHaveLength(7 * 288);
      expectExact(
        sum(buckets, start, DEMO_END),
        truth.events('checkout:availability', start, DEMO_END),
      );
    }
  });

  /** Per-minute ground truth for sampled SLIs: 1-minute increases at aligned times are exact too. */
  function minutes(
    start: number,
    end: number,
    test: (events: { good: number; total: number }) => boolean | undefined,
  ) {
    let good = 0;
    let total = 0;
    for (let t = start + MINUTE; t <= end; t += MINUTE) {
      const verdict = test(
        truth.events('checkout:availability', t - MINUTE, t),
      );
      if (verdict === undefined) continue;
      total++;
      if (verdict) good++;
    }
    return { good, total };
  }

  it('counts time slices exactly: minutes with at least 99% availability, through the incident', async () => {
    const sli: SliSpec = {
      kind: 'timeSlice',
      sliceSeconds: 60,
      operator: '>=',
      threshold: 0.99,
      value: {
        good: {
          selector: 'http_requests_total{service="checkout",code!~"5.."}',
        },
        total: { selector: 'http_requests_total{service="checkout"}' },
      },
    };
    const start = DEMO_END - 3 * DAY - 6 * HOUR;
    const end = DEMO_END - 3 * DAY + 6 * HOUR;
    const { buckets } = await source.fetchBuckets({
      sloId: 'test/slices',
      sli,
      start,
      end,
      bucketSeconds: 300,
    });
    const expected = minutes(start, end, e =>
      e.total > 0 ? e.good / e.total >= 0.99 : undefined,
    );
    expect(expected.total - expected.good).toBeGreaterThan(100); // the incident's bad minutes
    expect(sum(buckets, start, end)).toEqual(expected);
  });

  it('counts a slice whose good series does not exist as ratio 0, not as a slice without events', async () => {
    // "good" here is a series the fixture never writes (status 599), while
    // every minute has events: each slice's ratio is 0, which meets "<= 0.5".
    // Before, the missing good count made every slice vanish (0 slices).
    const sli: SliSpec = {
      kind: 'timeSlice',
      sliceSeconds: 60,
      operator: '<=',
      threshold: 0.5,
      value: {
        good: {
          selector: 'http_requests_total{service="checkout",code="599"}',
        },
        total: { selector: 'http_requests_total{service="checkout"}' },
      },
    };
    const start = DEMO_END - 2 * DAY;
    const end = DEMO_END - DAY;
    const { buckets } = await source.fetchBuckets({
      sloId: 'test/slices-missing-good',
      sli,
      start,
      end,
      bucketSeconds: 300,
    });
    const expected = minutes(start, end, e => (e.total > 0 ? true : undefined));
    expect(expected.total).toBeGreaterThan(1000);
    expect(sum(buckets, start, end)).toEqual(expected);
  });

  it('counts gauge samples exactly: minutes with at most 5 failed requests', async () => {
    const sli: SliSpec = {
      kind: 'latency',
      mode: 'gauge',
      query:
        'sum(increase(http_requests_total{service="checkout",code=~"5.."}[1m]))',
      operator: '<=',
      threshold: 5,
    };
    const start = DEMO_END - 3 * DAY - 6 * HOUR;
    const end = DEMO_END - 3 * DAY + 6 * HOUR;
    const { buckets } = await source.fetchBuckets({
      sloId: 'test/gauge',
      sli,
      start,
      end,
      bucketSeconds: 300,
    });
    const expected = minutes(start, end, e => e.total - e.good <= 5);
    expect(expected.total - expected.good).toBeGreaterThan(100);
    expect(sum(buckets, start, end)).toEqual(expected);
  });
});
