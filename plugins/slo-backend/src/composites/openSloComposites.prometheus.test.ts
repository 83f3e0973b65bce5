/**
 * Issue 23: an OpenSLO composite SLO (v1 `indicator` + `compositeWeight` per
 * objective) is computed by the backend as the `weighted` composite it maps
 * to, against Debian's Prometheus loaded with counts known exactly: its
 * figures from `GET /entities/…/composites` equal those of the same
 * composite written in `slo-kit.dev/composite-slos` over the same SLOs
 * written as annotations, and the weighted mean of the members' true SLIs;
 * `yarn slo evaluate` gives its members exactly the figures of those
 * annotation SLOs, with no problem.
 */
import type { Entity } from '@backstage/catalog-model';
import {
  DEMO_END,
  exactnessScenarioSpec,
  generateScenario,
} from '@internal/prometheus-fixture';
import type {
  CompositeSloStatus,
  EntityCompositesResponse,
} from '@slo-kit/plugin-slo-common';
import { parseDuration } from '@slo-kit/plugin-slo-common';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Server } from 'node:http';
import request from 'supertest';
import YAML from 'yaml';
import { main } from '../cli/main';
import type { CliEvaluation } from '../cli/evaluateFromSources';
import {
  prometheusAppConfig,
  startSloBackend,
  useRealPrometheus,
} from '../__testUtils__/realPrometheus';

jest.setTimeout(300_000);

/** 22:40, the day before the data ends: on a 5-minute bucket, not on the hour. */
const AT = DEMO_END - 80 * 60;
const WINDOW = 28 * 86400;
/** Each objective: its service, target and compositeWeight. */
const OBJECTIVES = [
  { name: 'cart', service: 'checkout', target: 0.999, weight: 2 },
  { name: 'late', service: 'late-service', target: 0.99, weight: 1 },
];
/**
 * The weighted composite an Occurrences composite is (docs/annotations.md):
 * weights wᵢ/(1 − Tᵢ), objective 1 − 1/Σ wᵢ/(1 − Tᵢ). Written out here,
 * not taken from the reader, so the test checks the mapping too.
 */
const WEIGHTS = OBJECTIVES.map(o => o.weight / (1 - o.target));
const OBJECTIVE = 1 - 1 / WEIGHTS.reduce((a, b) => a + b);

const counter = (service: string, good: boolean) =>
  `sum(http_requests_total{service="${service}"${good ? ',code!~"5.."' : ''}})`;

const OPENSLO = YAML.stringify({
  apiVersion: 'openslo/v1',
  kind: 'SLO',
  metadata: { name: 'journey' },
  spec: {
    service: 'shop',
    timeWindow: [{ duration: '28d', isRolling: true }],
    budgetingMethod: 'Occurrences',
    objectives: OBJECTIVES.map(o => ({
      displayName: o.name,
      target: o.target,
      compositeWeight: o.weight,
      indicator: {
        metadata: { name: `${o.name}-ok` },
        spec: {
          ratioMetric: {
            counter: true,
            good: { metricSource: { type: 'Prometheus', spec: { query: counter(o.service, true) } } },
            total: { metricSource: { type: 'Prometheus', spec: { query: counter(o.service, false) } } },
          },
        },
      },
    })),
  },
});

const relativeError = (actual: number | null | undefined, expected: number) =>
  actual === null || actual === undefined
    ? Infinity
    : Math.abs(actual - expected) / Math.max(Math.abs(expected), 1e-300);

describe('an OpenSLO composite SLO against a real Prometheus', () => {
  const scenario = generateScenario(exactnessScenarioSpec());
  const prometheus = useRealPrometheus(scenario);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slo-openslo-composite-'));
  const catalogFile = path.join(dir, 'catalog-info.yaml');
  fs.writeFileSync(path.join(dir, 'journey.openslo.yaml'), OPENSLO);
  const shop: Entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'shop',
      namespace: 'default',
      annotations: {
        // Where the backend reads the OpenSLO file from: next to the catalog file.
        'backstage.io/managed-by-location': `file:${catalogFile}`,
        'slo-kit.dev/openslo': './journey.openslo.yaml',
        'slo-kit.dev/slos': YAML.stringify(
          OBJECTIVES.map(o => ({
            name: `${o.name}-annotation`,
            objective: o.target * 100,
            window: '28d',
            sli: {
              ratio: {
                good: `http_requests_total{service="${o.service}",code!~"5.."}`,
                total: `http_requests_total{service="${o.service}"}`,
              },
            },
          })),
        ),
        'slo-kit.dev/composite-slos': YAML.stringify([
          {
            name: 'journey-annotation',
            objective: OBJECTIVE * 100,
            window: '28d',
            semantics: 'weighted',
            members: OBJECTIVES.map((o, i) => ({
              slo: `component:default/shop/${o.name}-annotation`,
              weight: WEIGHTS[i],
            })),
          },
        ]),
      },
    },
    spec: { type: 'service', owner: 'payments', lifecycle: 'production' },
  };
  let server: Server;

  const weightedSli = (start: number) => {
    let weighted = 0;
    let weights = 0;
    OBJECTIVES.forEach((o, i) => {
      const e = scenario.groundTruth.events(`${o.service}:availability`, start, AT);
      if (e.total === 0) return;
      weighted += (WEIGHTS[i] * e.good) / e.total;
      weights += WEIGHTS[i];
    });
    return weighted / weights;
  };

  beforeAll(async () => {
    server = await startSloBackend(
      [shop],
      prometheusAppConfig(prometheus.url, { now: AT, backfillDays: 30 }),
    );
  });

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('is computed by the backend exactly as the same composite written as an annotation, and as the true weighted SLI', async () => {
    const res = await request(server).get('/api/slo/entities/component/default/shop/composites');
    expect(res.status).toBe(200);
    const body = res.body as EntityCompositesResponse;
    expect(body.problems).toEqual([]);
    const byName = new Map<string, CompositeSloStatus>(body.composites.map(c => [c.name, c]));
    expect([...byName.keys()].sort()).toEqual(['journey', 'journey-annotation']);
    const openSlo = byName.get('journey')!;
    const annotation = byName.get('journey-annotation')!;
    expect(openSlo.semantics).toBe('weighted');
    expect(openSlo.dataState).toBe(annotation.dataState);
    expect(relativeError(openSlo.objective, OBJECTIVE)).toBeLessThanOrEqual(1e-12);
    expect(openSlo.members.map(m => (m.visible ? `${m.entityRef}/${m.sloName}` : m.label))).toEqual([
      'component:default/shop/journey-cart',
      'component:default/shop/journey-late',
    ]);

    const figures = (c: CompositeSloStatus) => ({
      sli: c.weighted!.sli,
      errorBudgetRemaining: c.weighted!.errorBudgetRemaining,
      ...c.weighted!.burnRates,
    });
    const expected = figures(annotation);
    const actual = figures(openSlo);
    expect(Object.keys(actual)).toEqual(Object.keys(expected));
    expect(Object.keys(actual).length).toBeGreaterThanOrEqual(6);
    for (const [figure, value] of Object.entries(expected)) {
      const error = relativeError(actual[figure as keyof typeof actual], value as number);
      expect({ figure, exact: error <= 1e-9 }).toEqual({ figure, exact: true });
    }

    const start = AT - WINDOW;
    expect(openSlo.weighted!.windowStart).toBe(start);
    expect(relativeError(openSlo.weighted!.sli, weightedSli(start))).toBeLessThanOrEqual(1e-9);
    expect(
      relativeError(openSlo.weighted!.errorBudgetRemaining, 1 - (1 - weightedSli(start)) / (1 - OBJECTIVE)),
    ).toBeLessThanOrEqual(1e-9);
    for (const [label, rate] of Object.entries(openSlo.weighted!.burnRates)) {
      const trueRate = (1 - weightedSli(AT - parseDuration(label)!)) / (1 - OBJECTIVE);
      expect({ label, exact: relativeError(rate, trueRate) <= 1e-9 }).toEqual({ label, exact: true });
    }
  });

  it('gives, in yarn slo evaluate, its members exactly the figures of the same SLOs written as annotations, with no problem', async () => {
    fs.writeFileSync(catalogFile, YAML.stringify(shop));
    const configFile = path.join(dir, 'app-config.yaml');
    fs.writeFileSync(configFile, YAML.stringify(prometheusAppConfig(prometheus.url, { now: AT, backfillDays: 30 })));
    let out = '';
    let err = '';
    const code = await main(['evaluate', catalogFile, '--config', configFile, '--at', String(AT), '--format', 'json'], {
      out: text => (out += text),
      err: text => (err += text),
    });
    // No problem on stderr: neither a hint to copy the composite nor anything else.
    expect({ code, err }).toEqual({ code: 0, err: '' });
    const rows = JSON.parse(out) as CliEvaluation[];
    const byName = new Map(rows.map(row => [row.name, row]));
    for (const o of OBJECTIVES) {
      const member = byName.get(`journey-${o.name}`)!;
      const annotation = byName.get(`${o.name}-annotation`)!;
      const truth = scenario.groundTruth.events(`${o.service}:availability`, AT - WINDOW, AT);
      expect({ name: o.name, good: member.good, total: member.total }).toEqual({ name: o.name, good: truth.good, total: truth.total });
      const figures = (row: CliEvaluation): Record<string, number | null> => ({
        sli: row.sli,
        errorBudgetRemaining: row.errorBudgetRemaining,
        ...row.burnRates,
      });
      expect(Object.keys(figures(member))).toEqual(Object.keys(figures(annotation)));
      for (const [figure, value] of Object.entries(figures(annotation))) {
        const error = relativeError(figures(member)[figure] ?? null, value as number);
        expect({ member: o.name, figure, exact: error <= 1e-9 }).toEqual({ member: o.name, figure, exact: true });
      }
    }
  });
});
