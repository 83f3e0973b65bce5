import { existsSync } from 'node:fs';
import { DEMO_END, exactnessScenarioSpec } from './demoScenario';
import { findExecutable } from './findExecutable';
import { generateScenario } from './generateScenario';
import { startPrometheus, type RunningPrometheus } from './startPrometheus';

const HOUR = 3600;
const DAY = 86400;

async function instant(
  prometheus: RunningPrometheus,
  query: string,
  time: number,
): Promise<number> {
  const body = new URLSearchParams({ query, time: String(time) });
  const response = await fetch(`${prometheus.url}/api/v1/query`, {
    method: 'POST',
    body,
  });
  const json = await response.json();
  expect(json.status).toBe('success');
  const result = json.data.result as Array<{ value: [number, string] }>;
  return result.length === 0 ? NaN : Number(result[0].value[1]);
}

describe('startPrometheus', () => {
  const scenario = generateScenario(exactnessScenarioSpec());
  let prometheus: RunningPrometheus;

  beforeAll(async () => {
    prometheus = await startPrometheus({ scenario });
  }, 120_000);

  afterAll(async () => {
    await prometheus?.stop();
  });

  it('serves the scenario on loopback with a long retention', async () => {
    expect(prometheus.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(
      await instant(prometheus, 'count(http_requests_total)', DEMO_END),
    ).toBe(5);
  });

  // The fixture's promise: increase() at aligned times equals the ground truth
  // exactly, through the incident, both counter resets and the late series.
  it.each([
    ['30d', 30 * DAY, DEMO_END],
    ['7d', 7 * DAY, DEMO_END - 2 * DAY],
    ['1h around the late series', HOUR, DEMO_END - 3 * DAY + HOUR],
    ['5m holding the late series first sample', 300, DEMO_END - 3 * DAY + 300],
    ['5m holding the off-boundary reset', 300, DEMO_END - 10 * DAY + 300],
    ['1h ending on the on-boundary reset', HOUR, DEMO_END - 5 * DAY],
    ['1h starting on the on-boundary reset', HOUR, DEMO_END - 5 * DAY + HOUR],
  ])('increase over %s is exact', async (_label, seconds, end) => {
    const truth = scenario.groundTruth.events(
      'checkout:availability',
      end - seconds,
      end,
    );
    const range = `${seconds}s`;
    const total = await instant(
      prometheus,
      `sum(increase(http_requests_total{service="checkout"}[${range}]))`,
      end,
    );
    const good = await instant(
      prometheus,
      `sum(increase(http_requests_total{service="checkout",code!~"5.."}[${range}]))`,
      end,
    );
    expect({ good, total }).toEqual(truth);
  });

  it('stops and deletes its temporary data', async () => {
    const other = await startPrometheus({
      openMetricsText: 'x_total 1 1000\nx_total 5 1060\n# EOF\n',
    });
    expect(existsSync(other.dataDir)).toBe(true);
    expect(await instant(other, 'increase(x_total[60s])', 1060)).toBe(4);
    await other.stop();
    expect(existsSync(other.dataDir)).toBe(false);
    await expect(fetch(`${other.url}/-/ready`)).rejects.toThrow();
  }, 60_000);
});

describe('findExecutable', () => {
  it('says how to install Prometheus when it is missing', () => {
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      expect(() => findExecutable('promtool')).toThrow(
        /'promtool' was not found on PATH. Install Debian's 'prometheus' package/,
      );
    } finally {
      process.env.PATH = path;
    }
  });
});
