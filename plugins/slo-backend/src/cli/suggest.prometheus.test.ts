/**
 * `yarn slo suggest` against Debian's Prometheus: a service that matches two
 * instrumentations gets both suggestions, each named, with the attainment
 * the ground truth gives; a template that matches no series says "no data
 * for"; and the printed annotation, applied to the catalog, yields SLOs
 * that `yarn slo evaluate` reports with the same figures.
 */
import {
  generateInstrumentationData,
  startPrometheus,
  type RunningPrometheus,
} from '@internal/prometheus-fixture';
import type { SloSuggestion } from '@slo-kit/plugin-slo-common';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import type { CliEvaluation } from './evaluateFromSources';
import { main } from './main';

jest.setTimeout(180_000);

/** On the hour, so the suggestion's hourly window and evaluate's 5-minute one end together. */
const AT = 1_699_999_200;

const data = generateInstrumentationData(
  {
    counters: [
      // 200 at up to 399 a minute, 500 at up to 1: about 99.75% available.
      { name: 'http_requests_total', series: [{ job: 'checkout', code: '200' }, { job: 'checkout', code: '500' }], rates: [400, 2] },
      {
        name: 'istio_requests_total',
        series: [
          { reporter: 'destination', destination_workload: 'checkout-k8s', destination_workload_namespace: 'shop', response_code: '200' },
          { reporter: 'destination', destination_workload: 'checkout-k8s', destination_workload_namespace: 'shop', response_code: '503' },
          // The calling side's view is not the service's: left out.
          { reporter: 'source', destination_workload: 'checkout-k8s', destination_workload_namespace: 'shop', response_code: '503' },
        ],
        rates: [100, 2, 50],
      },
    ],
  },
  { end: AT, hours: 24 },
);

const catalog = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: checkout
  annotations:
    backstage.io/kubernetes-id: checkout-k8s
spec: {type: service, owner: payments, lifecycle: production}
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: payments
spec: {type: service, owner: payments, lifecycle: production}
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: orders
  annotations:
    slo-kit.dev/templates: "http-availability: {job: checkout}"
spec: {type: service, owner: payments, lifecycle: production}
`;

describe('yarn slo suggest against a real Prometheus', () => {
  let prometheus: RunningPrometheus;
  let dir: string;

  beforeAll(async () => {
    prometheus = await startPrometheus({ openMetricsText: data.openMetricsText });
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'slo-suggest-'));
    await fs.writeFile(path.join(dir, 'catalog-info.yaml'), catalog);
    await fs.writeFile(
      path.join(dir, 'app-config.yaml'),
      YAML.stringify({ slo: { defaultSource: 'fixture', sources: { prometheus: { fixture: { baseUrl: prometheus.url } } } } }),
    );
  }, 180_000);

  afterAll(async () => {
    await prometheus?.stop();
    if (dir) await fs.rm(dir, { recursive: true, force: true });
  });

  async function run(args: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(args, { out: text => out.push(text), err: text => err.push(text), cwd: dir });
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  const truth = {
    http: (() => {
      const total = data.counterEvents('http_requests_total', l => l.job === 'checkout', data.start, AT);
      const bad = data.counterEvents('http_requests_total', l => l.job === 'checkout' && l.code === '500', data.start, AT);
      return { good: total - bad, total };
    })(),
    istio: (() => {
      const dest = (l: Record<string, string>) => l.reporter === 'destination';
      const total = data.counterEvents('istio_requests_total', dest, data.start, AT);
      const bad = data.counterEvents('istio_requests_total', l => dest(l) && l.response_code === '503', data.start, AT);
      return { good: total - bad, total };
    })(),
  };

  it('suggests each matching instrumentation, named, with the true attainment', async () => {
    const result = await run(['suggest', path.join(dir, 'catalog-info.yaml'), '--at', String(AT), '--format', 'json']);
    expect(result.code).toBe(0);
    const rows = JSON.parse(result.out) as Array<{ entityRef: string; suggestions: SloSuggestion[] }>;
    // orders declares SLOs: not searched at all.
    expect(rows.map(row => row.entityRef)).toEqual(['component:default/checkout', 'component:default/payments']);
    const [checkout, payments] = rows;
    expect(payments.suggestions).toEqual([]);
    expect(checkout.suggestions.map(s => [s.template, s.parameters, s.good, s.total])).toEqual([
      // The name matched the job; the Kubernetes id matched the Istio workload.
      ['http-availability', { job: 'checkout' }, truth.http.good, truth.http.total],
      ['istio-availability', { workload: 'checkout-k8s' }, truth.istio.good, truth.istio.total],
    ]);
    for (const suggestion of checkout.suggestions) {
      const exact = suggestion.good / suggestion.total;
      expect(Math.abs(suggestion.attainment - exact) / exact).toBeLessThanOrEqual(1e-9);
      expect(suggestion.objective).toBeLessThanOrEqual(suggestion.attainment * 100);
    }
    expect(truth.http.good / truth.http.total).toBeGreaterThan(0.995);
    // About 99.75% and 99.0x%: rounded down to a standard objective each.
    expect(checkout.suggestions.map(s => s.objective)).toEqual([99.5, 99]);
  });

  it('says "no data for" a template whose parameters match no series', async () => {
    const result = await run(['suggest', path.join(dir, 'catalog-info.yaml'), '--at', String(AT), '--template', 'http-availability']);
    expect(result.err).toContain('component:default/payments: no data for http-availability { job: payments }');
    expect(result.out).not.toContain('name: payments');
  });

  it('prints an annotation that, applied to the catalog, gives SLOs with the suggested figures', async () => {
    const yaml = await run(['suggest', path.join(dir, 'catalog-info.yaml'), '--at', String(AT)]);
    expect(yaml.out).toMatch(/^# component:default\/checkout: 2 suggested SLO\(s\)/);
    const suggestion = YAML.parse(yaml.out);
    const annotation = suggestion.metadata.annotations['slo-kit.dev/templates'] as string;
    expect(annotation).toBe('http-availability: { job: checkout, objective: 99.5 }\nistio-availability: { workload: checkout-k8s, objective: 99 }\n');

    const applied = YAML.parseAllDocuments(catalog).map(doc => doc.toJS());
    applied[0].metadata.annotations['slo-kit.dev/templates'] = annotation;
    await fs.writeFile(path.join(dir, 'applied.yaml'), applied.map(doc => YAML.stringify(doc)).join('---\n'));
    const evaluated = await run(['evaluate', path.join(dir, 'applied.yaml'), '--at', String(AT)]);
    expect(evaluated.code).toBe(0);
    const rows = (JSON.parse(evaluated.out) as CliEvaluation[]).filter(row => row.entityRef === 'component:default/checkout');
    expect(rows.map(row => [row.name, row.objective, row.good, row.total])).toEqual([
      ['http-availability', 0.995, truth.http.good, truth.http.total],
      ['istio-availability', 0.99, truth.istio.good, truth.istio.total],
    ]);
  });
});
