/**
 * Period history from a backfill that reaches past the start of the data,
 * against Debian's Prometheus loaded with counts known exactly: every week
 * and month equals the ground truth, in whole numbers, also where the data
 * starts inside a stored bucket.
 */
import type { Entity } from '@backstage/catalog-model';
import {
  DEMO_END,
  demoScenarioSpec,
  exactnessScenarioSpec,
  generateScenario,
} from '@internal/prometheus-fixture';
import type {
  EntitySlosResponse,
  SloHistoryResponse,
} from '@slo-kit/plugin-slo-common';
import request from 'supertest';
import YAML from 'yaml';
import {
  cliEvaluate,
  prometheusAppConfig,
  startSloBackend,
  useRealPrometheus,
} from './__testUtils__/realPrometheus';

jest.setTimeout(180_000);

/** A component named `name` that declares `slos`. */
function component(name: string, slos: object[]): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: { 'slo-kit.dev/slos': YAML.stringify(slos) },
    },
    spec: { type: 'service', owner: 'payments', lifecycle: 'production' },
  };
}

describe('period history from a backfill past the start of the data, against a real Prometheus', () => {
  /** 10:40 on the last day: not on the hour. */
  const at = DEMO_END - 13 * 3600 - 20 * 60;
  const scenario = generateScenario(demoScenarioSpec());
  const truth = scenario.groundTruth;
  const prometheus = useRealPrometheus(scenario);
  // Every availability SLI and one latency threshold per service.
  const names = truth
    .names()
    .filter(
      name => name.endsWith(':availability') || name.endsWith(':latency:0.25'),
    );
  const sloName = (name: string) => name.replace(/[:.]/g, '-');
  /** The fixture's SLI, written as the annotation declares it. */
  const annotationSli = (name: string) => {
    const sli = truth.sli(name);
    if (sli.kind === 'latency' && sli.mode === 'histogram') {
      return { latency: { histogram: sli.metric, threshold: sli.threshold } };
    }
    if (
      sli.kind === 'ratio' &&
      sli.good &&
      'selector' in sli.good &&
      'selector' in sli.total
    ) {
      return { ratio: { good: sli.good.selector, total: sli.total.selector } };
    }
    throw new Error(`no annotation form for ${name}`);
  };

  it('gives every week and month exactly the events that happened', async () => {
    const entity = component(
      'fleet',
      names.map(name => ({
        name: sloName(name),
        objective: 99,
        window: '30d',
        sli: annotationSli(name),
      })),
    );
    const server = await startSloBackend(
      [entity],
      prometheusAppConfig(prometheus.url, { now: at, backfillDays: 90 }),
    );
    await request(server)
      .get('/api/slo/entities/component/default/fleet/slos')
      .expect(200);
    const mismatches: string[] = [];
    for (const name of names) {
      for (const period of ['week', 'month'] as const) {
        const res = await request(server).get(
          `/api/slo/slos/history?entityRef=component:default/fleet&name=${sloName(
            name,
          )}&period=${period}&count=8`,
        );
        expect(res.status).toBe(200);
        for (const p of (res.body as SloHistoryResponse).periods) {
          const expected = truth.events(name, p.start, Math.min(p.end, at));
          if (p.good !== expected.good || p.total !== expected.total) {
            mismatches.push(
              `${name} ${p.label}: ${p.good}/${p.total}, truth ${expected.good}/${expected.total}`,
            );
          }
        }
      }
    }
    expect(mismatches).toEqual([]);
  });
});

describe('a backfill whose first bucket holds the start of the data, against a real Prometheus', () => {
  // The data starts at 23:42, inside a 5-minute bucket, with counters well above
  // zero: increase() over that bucket would extrapolate back to 23:40 and invent events.
  const end = DEMO_END - 18 * 60;
  const scenario = generateScenario({ ...exactnessScenarioSpec(), end });
  const truth = scenario.groundTruth;
  const prometheus = useRealPrometheus(scenario);
  const entity = component('checkout', [
    {
      name: 'availability',
      objective: 99.9,
      window: '90d',
      sli: {
        ratio: {
          good: 'http_requests_total{service="checkout",code!~"5.."}',
          total: 'http_requests_total{service="checkout"}',
        },
      },
    },
    {
      name: 'latency',
      objective: 99,
      window: '90d',
      sli: {
        latency: {
          histogram: 'http_request_duration_seconds{service="checkout"}',
          threshold: 0.25,
        },
      },
    },
  ]);
  const expected = (name: string, from: number, to: number) =>
    truth.events(
      name === 'availability'
        ? 'checkout:availability'
        : 'checkout:latency:0.25',
      from,
      to,
    );

  it('counts the first period from the first sample, in whole numbers, in the API and the CLI', async () => {
    const config = prometheusAppConfig(prometheus.url, {
      now: end,
      backfillDays: 90,
    });
    const server = await startSloBackend([entity], config);
    const res = await request(server)
      .get('/api/slo/entities/component/default/checkout/slos')
      .expect(200);
    const beforeData = scenario.start - 86400;
    for (const status of (res.body as EntitySlosResponse).slos) {
      const name = status.definition.name;
      const [evaluation] = status.evaluations;
      // Evaluated at the end of the last whole 5-minute bucket, 23:40.
      expect(evaluation.at).toBe(end - 120);
      expect({ name, good: evaluation.good, total: evaluation.total }).toEqual({
        name,
        ...expected(name, beforeData, evaluation.at),
      });
      const history = await request(server).get(
        `/api/slo/slos/history?entityRef=component:default/checkout&name=${name}&period=week&count=8`,
      );
      for (const p of (history.body as SloHistoryResponse).periods) {
        expect({ label: p.label, good: p.good, total: p.total }).toEqual({
          label: p.label,
          ...expected(name, p.start, Math.min(p.end, evaluation.at)),
        });
      }
    }

    for (const row of await cliEvaluate([entity], config, end)) {
      expect({ name: row.name, good: row.good, total: row.total }).toEqual({
        name: row.name,
        ...expected(row.name, beforeData, row.at),
      });
    }
  });
});
