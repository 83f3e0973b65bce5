/**
 * Issue 23: an SLO read from OpenSLO with `counter: true` over `sum(...)` is
 * evaluated by `yarn slo evaluate`, against Debian's Prometheus loaded with
 * counts known exactly, to the same figures as the same SLO written as an
 * annotation, and to the ground truth.
 */
import type { Entity } from '@backstage/catalog-model';
import {
  DEMO_END,
  exactnessScenarioSpec,
  generateScenario,
  startPrometheus,
  type RunningPrometheus,
} from '@internal/prometheus-fixture';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { parseDuration } from '@slo-kit/plugin-slo-common';
import { main } from './cli/main';
import type { CliEvaluation } from './cli/evaluateFromSources';

jest.setTimeout(180_000);

/** 22:40, the day before the data ends: on a 5-minute bucket, not on the hour. */
const AT = DEMO_END - 80 * 60;
const SLI = 'checkout:availability';

const OPENSLO = `apiVersion: openslo/v1
kind: SLO
metadata: {name: availability-openslo}
spec:
  service: checkout
  indicator:
    metadata: {name: checkout-ok}
    spec:
      ratioMetric:
        counter: true
        good:
          metricSource:
            type: Prometheus
            spec: {query: 'sum(http_requests_total{service="checkout",code!~"5.."})'}
        total:
          metricSource:
            type: Prometheus
            spec: {query: 'sum by (code) (http_requests_total{service="checkout"})'}
  timeWindow: [{duration: 28d, isRolling: true}]
  budgetingMethod: Occurrences
  objectives: [{target: 0.999}]
`;

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'checkout',
    namespace: 'default',
    annotations: {
      'slo-kit.dev/slos': YAML.stringify([
        {
          name: 'availability-annotation',
          objective: 99.9,
          window: '28d',
          sli: {
            ratio: {
              good: 'http_requests_total{service="checkout",code!~"5.."}',
              total: 'http_requests_total{service="checkout"}',
            },
          },
        },
      ]),
      'slo-kit.dev/openslo': './checkout.openslo.yaml',
    },
  },
  spec: { type: 'service', owner: 'payments', lifecycle: 'production' },
};

const relativeError = (actual: number | null, expected: number | null) =>
  actual === null || expected === null
    ? Infinity
    : Math.abs(actual - expected) / Math.max(Math.abs(expected), 1e-300);

describe('an OpenSLO counter under sum(...), against a real Prometheus', () => {
  const scenario = generateScenario(exactnessScenarioSpec());
  let prometheus: RunningPrometheus;

  beforeAll(async () => {
    prometheus = await startPrometheus({ scenario });
  }, 180_000);

  afterAll(async () => {
    await prometheus?.stop();
  });

  /** `yarn slo evaluate` of an entity whose OpenSLO file is `openSlo`, at AT, as JSON rows by name. */
  async function evaluate(target: Entity, openSlo: string): Promise<Map<string, CliEvaluation>> {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'slo-openslo-'));
    const catalogFile = path.join(dir, 'catalog-info.yaml');
    const configFile = path.join(dir, 'app-config.yaml');
    await fs.writeFile(catalogFile, YAML.stringify(target));
    await fs.writeFile(path.join(dir, 'checkout.openslo.yaml'), openSlo);
    await fs.writeFile(
      configFile,
      YAML.stringify({
        slo: {
          now: new Date(AT * 1000).toISOString(),
          defaultSource: 'fixture',
          sources: { prometheus: { fixture: { baseUrl: prometheus.url } } },
        },
      }),
    );
    let out = '';
    let err = '';
    const code = await main(
      ['evaluate', catalogFile, '--config', configFile, '--at', String(AT), '--format', 'json'],
      { out: text => (out += text), err: text => (err += text) },
    );
    await fs.rm(dir, { recursive: true, force: true });
    expect({ code, err }).toEqual({ code: 0, err: '' });
    const rows = JSON.parse(out) as CliEvaluation[];
    return new Map(rows.map(row => [row.name, row]));
  }

  it('gives exactly the figures of the same SLO written as an annotation', async () => {
    const byName = await evaluate(entity, OPENSLO);
    const annotation = byName.get('availability-annotation')!;
    const openSlo = byName.get('availability-openslo')!;
    expect(openSlo.source).toBe(annotation.source);

    const truth = scenario.groundTruth.events(SLI, AT - 28 * 86400, AT);
    expect({ good: annotation.good, total: annotation.total }).toEqual({ good: truth.good, total: truth.total });
    const figures = (row: CliEvaluation) => ({
      good: row.good,
      total: row.total,
      sli: row.sli,
      errorBudgetRemaining: row.errorBudgetRemaining,
      ...row.burnRates,
    });
    const expected = figures(annotation);
    const actual = figures(openSlo);
    expect(Object.keys(actual)).toEqual(Object.keys(expected));
    for (const [figure, value] of Object.entries(expected)) {
      const error = relativeError(actual[figure as keyof typeof actual] as number | null, value as number | null);
      expect({ figure, exact: error <= 1e-9 || actual[figure as keyof typeof actual] === value }).toEqual({ figure, exact: true });
    }
  });

  it('gives RatioTimeslices as the average of every 5-minute slice\'s ratio, window and burn rates alike', async () => {
    const ratioSlo = `apiVersion: openslo/v1
kind: SLO
metadata: {name: ratio-minutes}
spec:
  service: checkout
  indicator:
    metadata: {name: checkout-ok}
    spec:
      ratioMetric:
        counter: true
        good: {metricSource: {type: Prometheus, spec: {query: 'sum(http_requests_total{service="checkout",code!~"5.."})'}}}
        total: {metricSource: {type: Prometheus, spec: {query: 'http_requests_total{service="checkout"}'}}}
  timeWindow: [{duration: 7d, isRolling: true}]
  budgetingMethod: RatioTimeslices
  objectives: [{target: 0.999, timeSliceWindow: 5m}]
`;
    const annotations = { 'slo-kit.dev/openslo': './checkout.openslo.yaml' };
    const byName = await evaluate({ ...entity, metadata: { ...entity.metadata, annotations } }, ratioSlo);
    const row = byName.get('ratio-minutes')!;
    expect(row.state).not.toBe('error');

    // The truth: each slice (t − 5m, t] on the 5-minute grid, its good/total from the scenario's increments.
    const slice = 300;
    const truthOver = (seconds: number) => {
      let ratios = 0;
      let slices = 0;
      for (let end = AT; end > AT - seconds; end -= slice) {
        const { good, total } = scenario.groundTruth.events(SLI, end - slice, end);
        if (total > 0) {
          ratios += good / total;
          slices += 1;
        }
      }
      return { ratios, slices };
    };
    const week = truthOver(7 * 86400);
    expect(week.slices).toBe(2016);
    expect(row.total).toBe(week.slices);
    expect(relativeError(row.good, week.ratios)).toBeLessThanOrEqual(1e-9);
    expect(relativeError(row.sli, week.ratios / week.slices)).toBeLessThanOrEqual(1e-9);
    // The incident three days before the data ends is inside the week: slices below the average are there.
    expect(week.ratios / week.slices).toBeLessThan(0.999);

    const labels = Object.keys(row.burnRates);
    expect(labels.length).toBeGreaterThanOrEqual(4);
    for (const label of labels) {
      const seconds = parseDuration(label)!;
      const truth = truthOver(seconds);
      const expected = (1 - truth.ratios / truth.slices) / (1 - 0.999);
      expect({ label, error: relativeError(row.burnRates[label], expected) <= 1e-9 }).toEqual({ label, error: true });
    }
  });
});
