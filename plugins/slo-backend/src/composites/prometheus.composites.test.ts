/**
 * Composite SLOs against Debian's Prometheus loaded with counts known
 * exactly: an `events` composite over the fixture services' availability
 * SLOs must equal the pooled ground truth (every event of every member), and
 * a `weighted` one the weighted mean of the members' true SLIs, for 30-day
 * and 7-day windows.
 */
import type { Entity } from '@backstage/catalog-model';
import {
  DEMO_END,
  exactnessScenarioSpec,
  generateScenario,
} from '@internal/prometheus-fixture';
import {
  parseDuration,
  type EntityCompositesResponse,
  type SloHistoryResponse,
  type SloSeriesResponse,
} from '@slo-kit/plugin-slo-common';
import request from 'supertest';
import YAML from 'yaml';
import {
  prometheusAppConfig,
  startSloBackend,
  useRealPrometheus,
} from '../__testUtils__/realPrometheus';

jest.setTimeout(180_000);

/** 22:40, the day before the data ends: on a 5-minute bucket, not on the hour. */
const AT = DEMO_END - 80 * 60;
const OBJECTIVE = 0.995;
const SERVICES = ['checkout', 'late-service'];
const WEIGHTS: Record<string, number> = { checkout: 2, 'late-service': 1 };
const WINDOWS = ['30d', '7d'];

const service = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    namespace: 'default',
    annotations: {
      'slo-kit.dev/slos': YAML.stringify(
        WINDOWS.map(window => ({
          name: `availability-${window}`,
          objective: 99.9,
          window,
          sli: {
            ratio: {
              good: `http_requests_total{service="${name}",code!~"5.."}`,
              total: `http_requests_total{service="${name}"}`,
            },
          },
        })),
      ),
    },
  },
  spec: { type: 'service', owner: 'payments', lifecycle: 'production' },
});

const system: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: {
    name: 'shop',
    namespace: 'default',
    annotations: {
      'slo-kit.dev/composite-slos': YAML.stringify(
        WINDOWS.flatMap(window =>
          (['events', 'weighted'] as const).map(semantics => ({
            name: `journey-${semantics}-${window}`,
            objective: OBJECTIVE * 100,
            window,
            semantics,
            members: SERVICES.map(name => ({
              slo: `component:default/${name}/availability-${window}`,
              weight: WEIGHTS[name],
            })),
          })),
        ),
      ),
    },
  },
  spec: { owner: 'payments' },
};

const relativeError = (actual: number | null | undefined, expected: number) =>
  actual === null || actual === undefined
    ? Infinity
    : Math.abs(actual - expected) / Math.max(Math.abs(expected), 1e-300);

describe('composite SLOs against a real Prometheus', () => {
  const scenario = generateScenario(exactnessScenarioSpec());
  const truth = scenario.groundTruth;
  const prometheus = useRealPrometheus(scenario);
  const events = (name: string, seconds: number) =>
    truth.events(`${name}:availability`, AT - seconds, AT);
  const pooled = (seconds: number) =>
    SERVICES.map(name => events(name, seconds)).reduce((sum, e) => ({
      good: sum.good + e.good,
      total: sum.total + e.total,
    }));
  const weightedSli = (seconds: number) => {
    let weighted = 0;
    let weights = 0;
    for (const name of SERVICES) {
      const e = events(name, seconds);
      if (e.total === 0) continue;
      weighted += (WEIGHTS[name] * e.good) / e.total;
      weights += WEIGHTS[name];
    }
    return weighted / weights;
  };

  it("pools events exactly and weights the members' true SLIs", async () => {
    const server = await startSloBackend(
      [...SERVICES.map(service), system],
      prometheusAppConfig(prometheus.url, { now: AT, backfillDays: 35 }),
    );
    const res = await request(server).get(
      '/api/slo/entities/system/default/shop/composites',
    );
    expect(res.status).toBe(200);
    const body = res.body as EntityCompositesResponse;
    expect(body.problems).toEqual([]);
    expect(body.composites).toHaveLength(4);
    let checked = 0;
    for (const window of WINDOWS) {
      const seconds = parseDuration(window)!;
      const pooledComposite = body.composites.find(
        c => c.name === `journey-events-${window}`,
      )!;
      const evaluation = pooledComposite.evaluation!;
      const truthWindow = pooled(seconds);
      expect({
        window,
        at: evaluation.at,
        good: evaluation.good,
        total: evaluation.total,
      }).toEqual({
        window,
        at: AT,
        good: truthWindow.good,
        total: truthWindow.total,
      });
      expect(
        relativeError(evaluation.sli, truthWindow.good / truthWindow.total),
      ).toBeLessThanOrEqual(1e-9);
      const trueRemaining =
        1 -
        (truthWindow.total - truthWindow.good) /
          (truthWindow.total * (1 - OBJECTIVE));
      expect(
        relativeError(evaluation.errorBudget.remainingFraction, trueRemaining),
      ).toBeLessThanOrEqual(1e-9);
      for (const [label, rate] of Object.entries(evaluation.burnRates)) {
        const e = pooled(parseDuration(label)!);
        const trueRate = (e.total - e.good) / e.total / (1 - OBJECTIVE);
        expect({
          window,
          label,
          exact: relativeError(rate, trueRate) <= 1e-9,
        }).toEqual({ window, label, exact: true });
        checked++;
      }
      // Each member's share of the bad events.
      const bad = truthWindow.total - truthWindow.good;
      pooledComposite.members.forEach((member, i) => {
        const e = events(SERVICES[i], seconds);
        expect(
          member.visible &&
            relativeError(member.badShare, (e.total - e.good) / bad),
        ).toBeLessThanOrEqual(1e-9);
      });

      const weighted = body.composites.find(
        c => c.name === `journey-weighted-${window}`,
      )!.weighted!;
      expect(
        relativeError(weighted.sli, weightedSli(seconds)),
      ).toBeLessThanOrEqual(1e-9);
      expect(
        relativeError(
          weighted.errorBudgetRemaining,
          1 - (1 - weightedSli(seconds)) / (1 - OBJECTIVE),
        ),
      ).toBeLessThanOrEqual(1e-9);
      for (const [label, rate] of Object.entries(weighted.burnRates)) {
        const trueRate =
          (1 - weightedSli(parseDuration(label)!)) / (1 - OBJECTIVE);
        expect({
          window,
          label,
          exact: relativeError(rate, trueRate) <= 1e-9,
        }).toEqual({ window, label, exact: true });
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(16);
    // Month by month, the pooled events of both services.
    const history = await request(server).get(
      '/api/slo/composites/history?entityRef=system:default/shop&name=journey-events-30d&period=month&count=2',
    );
    expect(history.status).toBe(200);
    for (const period of (history.body as SloHistoryResponse).periods) {
      const e = SERVICES.map(name =>
        truth.events(
          `${name}:availability`,
          period.start,
          Math.min(period.end, AT),
        ),
      ).reduce((sum, x) => ({
        good: sum.good + x.good,
        total: sum.total + x.total,
      }));
      expect({
        label: period.label,
        good: period.good,
        total: period.total,
      }).toEqual({
        label: period.label,
        ...e,
      });
    }
    // The series: every point's events and its window's attainment, pooled.
    const series = await request(server).get(
      `/api/slo/composites/series?entityRef=system:default/shop&name=journey-events-7d&from=${
        AT - 86400
      }&to=${AT}&maxPoints=24`,
    );
    expect(series.status).toBe(200);
    const points = (series.body as SloSeriesResponse).points;
    expect(points.length).toBeGreaterThanOrEqual(20);
    for (const point of points) {
      const span = SERVICES.map(name =>
        truth.events(`${name}:availability`, point.from, point.t),
      ).reduce((sum, x) => ({
        good: sum.good + x.good,
        total: sum.total + x.total,
      }));
      const window = SERVICES.map(name =>
        truth.events(`${name}:availability`, point.t - 7 * 86400, point.t),
      ).reduce((sum, x) => ({
        good: sum.good + x.good,
        total: sum.total + x.total,
      }));
      expect({ t: point.t, good: point.good, total: point.total }).toEqual({
        t: point.t,
        ...span,
      });
      expect(
        relativeError(point.sli, window.good / window.total),
      ).toBeLessThanOrEqual(1e-9);
    }
    // late-service started 20 days before the data ends: its 30-day SLO is
    // partial, and so are the composites over it; over 7 days both are whole.
    const byName = new Map(body.composites.map(c => [c.name, c]));
    expect(byName.get('journey-events-30d')!.partialMembers).toEqual([
      'component:default/late-service/availability-30d',
    ]);
    expect(byName.get('journey-events-30d')!.dataState).toBe('partial');
    expect(byName.get('journey-events-7d')!.dataState).toBe('ok');
  });
});
