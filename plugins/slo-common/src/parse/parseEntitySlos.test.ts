import type { Entity } from '@backstage/catalog-model';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { hasSloAnnotations, parseEntitySlos } from './parseEntitySlos';

function entity(annotations: Record<string, string>, name = 'checkout'): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'Default', annotations },
    spec: {},
  };
}

const parse = (yaml: string) => parseEntitySlos(entity({ 'slo-kit.dev/slos': yaml }));

describe('parseEntitySlos', () => {
  it('reads a ratio SLI from counter selectors', () => {
    const result = parse(`
- name: availability
  description: Successful checkout requests
  source: prometheus
  sli:
    ratio:
      good: http_requests_total{service="checkout",code!~"5.."}
      total: http_requests_total{service="checkout"}
  objective: 99.9
  window: 30d
  labels: {tier: critical, pager: 1}
  minimumEvents: 100
`);
    expect(result.problems).toEqual([]);
    expect(result.slos).toEqual([
      {
        id: 'component:default/checkout/availability',
        entityRef: 'component:default/checkout',
        name: 'availability',
        description: 'Successful checkout requests',
        source: 'prometheus',
        sli: {
          kind: 'ratio',
          good: { selector: 'http_requests_total{service="checkout",code!~"5.."}' },
          total: { selector: 'http_requests_total{service="checkout"}' },
        },
        objectives: [{ name: '', target: 0.999 }],
        window: { type: 'rolling', durationSeconds: 2592000, label: '30d' },
        labels: { tier: 'critical', pager: '1' },
        minimumEvents: 100,
        origin: { kind: 'annotation', annotation: 'slo-kit.dev/slos' },
      },
    ]);
  });

  it('reads Sloth-style full queries, named objectives and a calendar window', () => {
    const result = parse(`
- name: availability
  sli:
    ratio:
      badQuery: sum(increase(http_requests_total{code=~"5.."}[{{window}}]))
      totalQuery: sum(increase(http_requests_total[{{ window }}]))
  objectives: [{name: standard, target: 99.9}, {name: stretch, target: "99.95%"}]
  window: {calendar: month, timeZone: Europe/Berlin}
`);
    expect(result.problems).toEqual([]);
    expect(result.slos[0]).toMatchObject({
      sli: {
        kind: 'ratio',
        bad: { query: 'sum(increase(http_requests_total{code=~"5.."}[{{window}}]))' },
        total: { query: 'sum(increase(http_requests_total[{{ window }}]))' },
      },
      objectives: [
        { name: 'standard', target: 0.999 },
        { name: 'stretch', target: 0.9995 },
      ],
      window: { type: 'calendar', unit: 'month', timeZone: 'Europe/Berlin', label: 'month (Europe/Berlin)' },
    });
  });

  it('reads histogram and gauge latency SLIs, thresholds with units', () => {
    const result = parse(`
- name: latency
  sli:
    latency:
      histogram: http_request_duration_seconds_bucket{service="checkout",method="GET"}
      threshold: 300ms
  objective: 99
  window: month
- name: probe
  sli:
    latency:
      gauge: probe_duration_seconds{job="blackbox"}
      operator: "<"
      threshold: 0.5
  objective: 99
- name: probe-default-operator
  sli:
    latency: {gauge: probe_duration_seconds, threshold: 1.5s}
  objective: 99
`);
    expect(result.problems).toEqual([]);
    expect(result.slos.map(slo => slo.sli)).toEqual([
      // The base name is kept; matchers are written one way.
      { kind: 'latency', mode: 'histogram', metric: 'http_request_duration_seconds{service="checkout", method="GET"}', threshold: 0.3 },
      { kind: 'latency', mode: 'gauge', query: 'probe_duration_seconds{job="blackbox"}', operator: '<', threshold: 0.5 },
      { kind: 'latency', mode: 'gauge', query: 'probe_duration_seconds', operator: '<=', threshold: 1.5 },
    ]);
    expect(result.slos[0].window).toEqual({ type: 'calendar', unit: 'month', timeZone: 'UTC', label: 'month' });
    // No window: 30 days rolling.
    expect(result.slos[1].window.label).toBe('30d');
  });

  it('reads time-slice SLIs over a query or a ratio', () => {
    const result = parse(`
- name: p99-latency
  sli:
    timeSlice:
      slice: 1m
      query: histogram_quantile(0.99, sum by (le) (rate(x_bucket[{{window}}])))
      operator: "<="
      threshold: 0.5
  objective: 99
- name: good-minutes
  sli:
    timeSlice:
      slice: 5m
      ratio:
        good: 'http_requests_total{code!~"5.."}'
        total: http_requests_total
      threshold: 99%
  objective: 95
  window: week
`);
    expect(result.problems).toEqual([]);
    expect(result.slos.map(slo => slo.sli)).toEqual([
      {
        kind: 'timeSlice',
        sliceSeconds: 60,
        operator: '<=',
        threshold: 0.5,
        value: { query: 'histogram_quantile(0.99, sum by (le) (rate(x_bucket[{{window}}])))' },
      },
      {
        kind: 'timeSlice',
        sliceSeconds: 300,
        operator: '>=',
        threshold: 0.99,
        value: { good: { selector: 'http_requests_total{code!~"5.."}' }, total: { selector: 'http_requests_total' } },
      },
    ]);
  });

  it('accepts a single mapping as a list of one', () => {
    const result = parse('name: a\nsli: {ratio: {bad: x_errors_total, total: x_total}}\nobjective: 99');
    expect(result.problems).toEqual([]);
    expect(result.slos).toHaveLength(1);
  });

  it('applies built-in templates with parameters and overrides', () => {
    const result = parseEntitySlos(
      entity({
        'slo-kit.dev/templates':
          'http-availability: {job: checkout}\nhttp-latency: [{job: checkout}, {job: checkout, name: fast, threshold: 100ms, objective: 95, window: 7d}]',
      }),
    );
    expect(result.problems).toEqual([]);
    expect(result.slos.map(slo => [slo.name, slo.objectives[0].target, slo.window.label, slo.origin])).toEqual([
      ['http-availability', 0.999, '30d', { kind: 'template', annotation: 'slo-kit.dev/templates', detail: 'http-availability' }],
      ['http-latency', 0.99, '30d', { kind: 'template', annotation: 'slo-kit.dev/templates', detail: 'http-latency' }],
      ['fast', 0.95, '7d', { kind: 'template', annotation: 'slo-kit.dev/templates', detail: 'http-latency' }],
    ]);
    expect(result.slos[0].sli).toEqual({
      kind: 'ratio',
      bad: { selector: 'http_requests_total{job="checkout",code=~"5.."}' },
      total: { selector: 'http_requests_total{job="checkout"}' },
    });
    expect(result.slos[2].sli).toEqual({
      kind: 'latency',
      mode: 'histogram',
      metric: 'http_request_duration_seconds{job="checkout"}',
      threshold: 0.1,
    });
  });

  it('reads OpenSLO documents handed in by the backend', () => {
    const result = parseEntitySlos(
      entity({
        'slo-kit.dev/openslo': 'openslo/checkout.yaml',
        'backstage.io/managed-by-location': 'url:https://git.example/org/repo/blob/main/catalog-info.yaml',
      }),
      {
        openSloDocuments: [
          {
            location: 'https://git.example/org/repo/blob/main/openslo/checkout.yaml',
            content: `apiVersion: openslo/v1
kind: SLO
metadata: {name: availability}
spec:
  service: checkout
  indicatorRef: good-requests
  timeWindow: [{duration: 28d, isRolling: true}]
  budgetingMethod: Occurrences
  objectives: [{target: 0.995}]
---
apiVersion: openslo/v1
kind: SLI
metadata: {name: good-requests}
spec:
  ratioMetric:
    counter: true
    good: {metricSource: {metricSourceRef: thanos, spec: {query: 'http_requests_total{code!~"5.."}'}}}
    total: {metricSource: {metricSourceRef: thanos, spec: {query: http_requests_total}}}
`,
          },
        ],
      },
    );
    expect(result.problems).toEqual([]);
    expect(result.slos[0]).toMatchObject({
      id: 'component:default/checkout/availability',
      source: 'thanos',
      window: { label: '28d' },
      origin: { kind: 'openslo', detail: 'https://git.example/org/repo/blob/main/openslo/checkout.yaml' },
    });
  });

  it('reads an OpenSLO composite as a composite of the entity, its members as its SLOs, without a hint to copy it', () => {
    const content = readFileSync(path.join(__dirname, '../openslo/__fixtures__/v1-composite.yaml'), 'utf8');
    const result = parseEntitySlos(
      entity({
        'slo-kit.dev/openslo': 'openslo/journeys.yaml',
        'backstage.io/managed-by-location': 'url:https://git.example/org/repo/blob/main/catalog-info.yaml',
      }),
      { openSloDocuments: [{ location: 'openslo/journeys.yaml', content }] },
    );
    // The fixture's broken-journey is refused with problems of its own; no hint about entries is left.
    expect(result.problems.filter(problem => problem.sloName?.startsWith('checkout-journey'))).toEqual([]);
    expect(result.problems.some(problem => problem.message.includes('slo-kit.dev/composite-slos'))).toBe(false);
    expect(result.slos.map(slo => slo.name)).toEqual(['checkout-journey-cart', 'checkout-journey-payments']);
    expect(result.composites).toHaveLength(1);
    const [composite] = result.composites;
    expect(composite).toMatchObject({ id: 'component:default/checkout/checkout-journey', name: 'checkout-journey', semantics: 'weighted' });
    expect(composite.members.map(member => member.sloId)).toEqual(result.slos.map(slo => slo.id));
  });

  it('reads no composites from an entity without OpenSLO files', () => {
    const result = parseEntitySlos(entity({ 'slo-kit.dev/templates': 'http-availability: {job: checkout}' }));
    expect(result.composites).toEqual([]);
  });

  it('normalises the entity ref in ids', () => {
    const result = parseEntitySlos(
      entity({ 'slo-kit.dev/templates': 'http-availability: {job: checkout}' }, 'CheckOut'),
    );
    expect(result.slos[0].id).toBe('component:default/checkout/http-availability');
    expect(result.slos[0].entityRef).toBe('component:default/checkout');
  });

  it('returns nothing, and no problems, without annotations', () => {
    expect(parseEntitySlos(entity({}))).toEqual({ slos: [], composites: [], problems: [] });
  });
});

describe('hasSloAnnotations', () => {
  it('is true for any SLO annotation with content', () => {
    expect(hasSloAnnotations(entity({ 'slo-kit.dev/slos': '- name: a' }))).toBe(true);
    expect(hasSloAnnotations(entity({ 'slo-kit.dev/templates': 'http-availability: {job: a}' }))).toBe(true);
    expect(hasSloAnnotations(entity({ 'slo-kit.dev/openslo': 'slo.yaml' }))).toBe(true);
    expect(hasSloAnnotations(entity({ 'slo-kit.dev/slos': '  ' }))).toBe(false);
    expect(hasSloAnnotations(entity({ 'backstage.io/techdocs-ref': 'dir:.' }))).toBe(false);
  });
});
