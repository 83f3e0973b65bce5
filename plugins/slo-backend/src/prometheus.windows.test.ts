/**
 * Alert windows and rolling windows at an evaluation time that is not on the
 * hour, against Debian's Prometheus loaded with counts known exactly. Every
 * burn rate the API and `yarn slo evaluate` label with a duration must equal
 * the true burn over that duration, every window's counts the true counts,
 * and the exported rules must ask Prometheus for exactly those windows.
 */
import type { Entity } from '@backstage/catalog-model';
import {
  DEMO_END,
  exactnessScenarioSpec,
  generateScenario,
} from '@internal/prometheus-fixture';
import {
  parseDuration,
  promDuration,
  type EntitySlosResponse,
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

const OBJECTIVE = 0.999;
/** 22:40, the day before the data ends: on a 5-minute bucket, not on the hour. */
const AT = DEMO_END - 80 * 60;
const SLI = 'checkout:availability';
const WINDOWS = ['7d', '28d', 'week', 'month', '90d', '30d'];

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'checkout',
    namespace: 'default',
    annotations: {
      'slo-kit.dev/slos': YAML.stringify(
        WINDOWS.map(window => ({
          name: `availability-${window}`,
          objective: OBJECTIVE * 100,
          window,
          sli: {
            ratio: {
              good: 'http_requests_total{service="checkout",code!~"5.."}',
              total: 'http_requests_total{service="checkout"}',
            },
          },
        })),
      ),
    },
  },
  spec: { type: 'service', owner: 'payments', lifecycle: 'production' },
};

const relativeError = (actual: number | null, expected: number) =>
  actual === null
    ? Infinity
    : Math.abs(actual - expected) / Math.max(Math.abs(expected), 1e-300);

describe('alert windows and rolling windows off the hour, against a real Prometheus', () => {
  const scenario = generateScenario(exactnessScenarioSpec());
  const truth = scenario.groundTruth;
  const prometheus = useRealPrometheus(scenario);
  const config = () =>
    prometheusAppConfig(prometheus.url, { now: AT, backfillDays: 35 });
  const trueBurn = (seconds: number) => {
    const events = truth.events(SLI, AT - seconds, AT);
    return (events.total - events.good) / events.total / (1 - OBJECTIVE);
  };

  /** Every labelled burn rate, next to the true burn over its label's duration. */
  const burnErrors = (burnRates: Record<string, number | null>) =>
    Object.entries(burnRates).map(([label, value]) => ({
      label,
      error: relativeError(value, trueBurn(parseDuration(label)!)),
    }));

  it('serves burn rates, windows and rules that equal the ground truth', async () => {
    const server = await startSloBackend([entity], config());
    const res = await request(server).get(
      '/api/slo/entities/component/default/checkout/slos',
    );
    expect(res.status).toBe(200);
    const body = res.body as EntitySlosResponse;
    const rules = YAML.parse(
      (
        await request(server).get(
          '/api/slo/rules?entityRef=component:default/checkout',
        )
      ).text,
    );
    expect(body.slos).toHaveLength(WINDOWS.length);
    let checked = 0;
    for (const status of body.slos) {
      const [evaluation] = status.evaluations;
      const name = status.definition.name;
      expect({ name, at: evaluation.at }).toEqual({ name, at: AT });
      // The window itself: every event from its start, a 5-minute boundary.
      const window = truth.events(SLI, evaluation.windowStart, AT);
      expect({ name, good: evaluation.good, total: evaluation.total }).toEqual({
        name,
        good: window.good,
        total: window.total,
      });
      for (const { label, error } of burnErrors(evaluation.burnRates)) {
        expect({ name, label, exact: error <= 1e-9 }).toEqual({
          name,
          label,
          exact: true,
        });
        checked++;
      }
      for (const alert of evaluation.alerts) {
        expect(alert.longBurnRate).toBe(
          evaluation.burnRates[promDuration(alert.longWindowSeconds)],
        );
        expect(
          relativeError(
            alert.shortBurnRate,
            trueBurn(alert.shortWindowSeconds),
          ),
        ).toBeLessThanOrEqual(1e-9);
      }
      // The rule file asks Prometheus for exactly these windows.
      const group = rules.groups.find((g: { name: string }) =>
        g.name.endsWith(`/${name}`),
      );
      const ruleWindows = group.rules
        .filter((r: { alert?: string }) => r.alert)
        .map(
          (r: { labels: Record<string, string> }) =>
            `${r.labels.long_window}/${r.labels.short_window}`,
        );
      expect({ name, windows: ruleWindows }).toEqual({
        name,
        windows: evaluation.alerts.map(
          a =>
            `${promDuration(a.longWindowSeconds)}/${promDuration(
              a.shortWindowSeconds,
            )}`,
        ),
      });
    }
    // 6 SLOs, 8 alert windows each (some shared) and the 1h "burn now".
    expect(checked).toBeGreaterThanOrEqual(40);
  });

  it('yarn slo evaluate labels the same windows with the true burn', async () => {
    const rows = await cliEvaluate([entity], config(), AT);
    expect(rows).toHaveLength(WINDOWS.length);
    for (const row of rows) {
      for (const { label, error } of burnErrors(row.burnRates)) {
        expect({ name: row.name, label, exact: error <= 1e-9 }).toEqual({
          name: row.name,
          label,
          exact: true,
        });
      }
      for (const alert of row.alerts) {
        expect(alert.longBurnRate).toBe(row.burnRates[alert.longWindow]);
      }
    }
  });
});
