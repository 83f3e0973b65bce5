import {
  exactnessScenarioSpec,
  demoScenarioSpec,
  DEMO_END,
} from './demoScenario';
import { generateScenario } from './generateScenario';
import { seriesValues } from './seriesValues';

const HOUR = 3600;
const DAY = 86400;

describe('generateScenario', () => {
  const scenario = generateScenario(exactnessScenarioSpec());

  it('is deterministic for a spec', () => {
    const again = generateScenario(exactnessScenarioSpec());
    expect(
      again.groundTruth.events(
        'checkout:availability',
        scenario.start,
        scenario.end,
      ),
    ).toEqual(
      scenario.groundTruth.events(
        'checkout:availability',
        scenario.start,
        scenario.end,
      ),
    );
  });

  it('agrees with the counters it writes, counted the way Prometheus counts resets', () => {
    for (const series of scenario.series) {
      const values = [...seriesValues(series)];
      let prometheusWay = 0;
      for (let j = 1; j < values.length; j++) {
        // A drop is a reset; the new value is what was added since.
        prometheusWay +=
          values[j] < values[j - 1] ? values[j] : values[j] - values[j - 1];
      }
      const actual = scenario.groundTruth.seriesEvents(
        series,
        scenario.start,
        scenario.end,
      );
      expect(actual).toBeCloseTo(prometheusWay, 6);
    }
  });

  it('has the traits the exactness tests rely on', () => {
    const checkout = scenario.series.filter(
      s => s.labels.service === 'checkout',
    );
    // Two counter resets, each visible as a drop.
    const ok = checkout.find(s => s.labels.code === '200')!;
    const values = [...seriesValues(ok)];
    const drops = values.filter((v, j) => j > 0 && v < values[j - 1]).length;
    expect(drops).toBe(2);
    // The late series starts at 0 inside a 5-minute bucket.
    const late = checkout.find(s => s.labels.code === '503')!;
    expect(late.initialValue).toBe(0);
    expect((scenario.start + late.firstIndex * 60) % 300).not.toBe(0);
    // The incident: 30% errors against 0.1% outside it.
    const incidentEnd = DEMO_END - 3 * DAY + 2 * HOUR;
    const during = scenario.groundTruth.events(
      'checkout:availability',
      incidentEnd - HOUR,
      incidentEnd,
    );
    const before = scenario.groundTruth.events(
      'checkout:availability',
      incidentEnd - 5 * HOUR,
      incidentEnd - 4 * HOUR,
    );
    expect(1 - during.good / during.total).toBeGreaterThan(0.25);
    expect(1 - before.good / before.total).toBeLessThan(0.01);
    // Uneven traffic: the busiest hour has more than twice the quietest one's requests.
    const hourly = Array.from(
      { length: 24 },
      (_, h) =>
        scenario.groundTruth.events(
          'checkout:availability',
          DEMO_END - 8 * DAY + h * HOUR,
          DEMO_END - 8 * DAY + (h + 1) * HOUR,
        ).total,
    );
    expect(Math.max(...hourly)).toBeGreaterThan(2 * Math.min(...hourly));
  });

  it('counts a late-starting service only from its first sample', () => {
    const lateStart = DEMO_END - 20 * DAY + 7 * 60;
    expect(
      scenario.groundTruth.events(
        'late-service:availability',
        scenario.start,
        lateStart,
      ),
    ).toEqual({ good: 0, total: 0 });
    expect(
      scenario.groundTruth.events(
        'late-service:availability',
        lateStart,
        lateStart + HOUR,
      ).total,
    ).toBeGreaterThan(0);
  });

  it('keeps latency buckets cumulative: faster-than-0.25 s never exceeds faster-than-0.5 s', () => {
    const a = scenario.groundTruth.events(
      'checkout:latency:0.25',
      scenario.start,
      scenario.end,
    );
    const b = scenario.groundTruth.events(
      'checkout:latency:0.5',
      scenario.start,
      scenario.end,
    );
    expect(a.total).toBe(b.total);
    expect(a.good).toBeLessThanOrEqual(b.good);
    expect(b.good).toBeLessThanOrEqual(b.total);
  });

  it('writes OpenMetrics that promtool can backfill', () => {
    const small = generateScenario({
      end: DEMO_END,
      days: 1 / 24,
      services: exactnessScenarioSpec().services.slice(0, 1),
    });
    const text = small.openMetricsText;
    expect(text.endsWith('# EOF\n')).toBe(true);
    expect(text).toContain('# TYPE http_requests counter\n');
    expect(text).toContain('# TYPE http_request_duration_seconds histogram\n');
    // OpenMetrics spells integral le values with a fraction: le="1.0", not le="1".
    expect(text).toMatch(
      /http_request_duration_seconds_bucket\{service="checkout",le="1\.0"\} \d+ \d+\n/,
    );
    expect(text).toMatch(/le="\+Inf"/);
    // Seconds, not milliseconds.
    expect(text).toMatch(new RegExp(` ${small.end}\\n`));
  });

  it('says which times are off the grid', () => {
    expect(() =>
      generateScenario({ ...exactnessScenarioSpec(), end: DEMO_END + 30 }),
    ).toThrow(/not on the 60 s sample grid/);
    expect(() =>
      generateScenario({
        ...exactnessScenarioSpec(),
        counterResets: [{ service: 'checkout', at: DEMO_END + 60 }],
      }),
    ).toThrow(/counter reset of checkout at .* is not a sample time/);
  });

  it('covers every service of the demo catalog', () => {
    const names = demoScenarioSpec().services.map(s => s.name);
    expect(names).toEqual([
      'checkout',
      'payment-gateway',
      'fraud-detection',
      'search-api',
      'search-indexer',
      'recommendations',
      'auth-service',
      'api-gateway',
      'notification-service',
      'status-page',
    ]);
  });
});
