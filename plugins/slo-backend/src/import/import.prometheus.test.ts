/**
 * The round trip of `yarn slo import`: Sloth, Pyrra and OpenSLO files are
 * imported, and `yarn slo evaluate` over the imported annotations, against
 * Debian's Prometheus loaded with counts known exactly, prints the very
 * figures of the same SLOs written by hand (and the true counts).
 */
import type { Entity } from '@backstage/catalog-model';
import {
  DEMO_END,
  exactnessScenarioSpec,
  generateScenario,
} from '@internal/prometheus-fixture';
import path from 'node:path';
import YAML from 'yaml';
import {
  cliEvaluate,
  prometheusAppConfig,
  useRealPrometheus,
} from '../__testUtils__/realPrometheus';
import { main } from '../cli/main';

jest.setTimeout(180_000);

const FIXTURES = path.join(__dirname, '__fixtures__', 'roundtrip');
const AT = DEMO_END - 80 * 60;
const DAY = 86400;

const availability = {
  ratio: {
    bad: 'http_requests_total{service="checkout",code=~"5.."}',
    total: 'http_requests_total{service="checkout"}',
  },
};
const latency = {
  latency: {
    histogram: 'http_request_duration_seconds{service="checkout"}',
    threshold: 0.25,
  },
};

/** The same SLOs, written by hand in the annotation. */
const byHand: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'checkout',
    namespace: 'default',
    annotations: {
      'slo-kit.dev/slos': YAML.stringify([
        {
          name: 'sloth-availability',
          sli: availability,
          objective: 99.9,
          window: '30d',
        },
        { name: 'sloth-latency', sli: latency, objective: 99, window: '30d' },
        {
          name: 'sloth-raw-availability',
          sli: availability,
          objective: 99.9,
          window: '30d',
        },
        {
          name: 'pyrra-availability',
          sli: availability,
          objective: 99.9,
          window: '30d',
        },
        { name: 'pyrra-latency', sli: latency, objective: 99, window: '30d' },
        {
          name: 'openslo-availability',
          sli: {
            ratio: {
              good: 'http_requests_total{service="checkout",code!~"5.."}',
              total: 'http_requests_total{service="checkout"}',
            },
          },
          objective: 99.9,
          window: '30d',
        },
      ]),
    },
  },
};

async function importFixtures(): Promise<{
  entities: Entity[];
  report: string;
  code: number;
}> {
  let out = '';
  let err = '';
  const code = await main(
    [
      'import',
      path.join(FIXTURES, 'sloth-checkout.yml'),
      path.join(FIXTURES, 'pyrra-checkout.yaml'),
      path.join(FIXTURES, 'openslo-checkout.yaml'),
      '--entity',
      'checkout',
    ],
    { out: text => (out += `${text}\n`), err: text => (err += `${text}\n`) },
  );
  const entities = YAML.parseAllDocuments(out).map(
    document => document.toJS() as Entity,
  );
  return { entities, report: err, code };
}

describe('yarn slo import, round trip through yarn slo evaluate on a real Prometheus', () => {
  const scenario = generateScenario(exactnessScenarioSpec());
  const prometheus = useRealPrometheus(scenario);
  const config = () =>
    prometheusAppConfig(prometheus.url, { now: AT, backfillDays: 35 });

  it('evaluates every imported SLO to the figures of the same SLO written by hand', async () => {
    const imported = await importFixtures();
    expect(imported.code).toBe(0);
    expect(imported.entities).toHaveLength(1);
    // The latency SLO of Sloth stays a full query (_count minus the bucket); the rest become selectors.
    const items = YAML.parse(
      imported.entities[0].metadata.annotations!['slo-kit.dev/slos'],
    );
    expect(items.map((item: { name: string }) => item.name)).toEqual([
      'sloth-availability',
      'sloth-latency',
      'sloth-raw-availability',
      'pyrra-availability',
      'pyrra-latency',
      'openslo-availability',
    ]);
    expect(items[1].sli.ratio.badQuery).toContain(
      'sum(increase(http_request_duration_seconds_count{service="checkout"}[{{window}}]))',
    );
    expect(items[2].sli.ratio.badQuery).toContain('or vector(0)');
    expect(items[4].sli).toEqual(latency);

    const [fromImport, fromHand] = await Promise.all([
      cliEvaluate(imported.entities, config(), AT),
      cliEvaluate([byHand], config(), AT),
    ]);
    expect(fromImport).toHaveLength(6);
    for (const row of fromImport) {
      const hand = fromHand.find(other => other.name === row.name);
      expect(row).toEqual(hand);
      expect(row.state).toBe('ok');
    }

    // And both are the true counts of the window.
    const windowStart = fromImport[0].at - 30 * DAY;
    const truthOf = (name: string) =>
      scenario.groundTruth.events(name, windowStart, fromImport[0].at);
    const sloth = fromImport.find(row => row.name === 'sloth-availability')!;
    expect({ good: sloth.good, total: sloth.total }).toEqual(
      truthOf('checkout:availability'),
    );
    const slow = fromImport.find(row => row.name === 'sloth-latency')!;
    expect({ good: slow.good, total: slow.total }).toEqual(
      truthOf('checkout:latency:0.25'),
    );
  });
});
