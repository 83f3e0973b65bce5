import type { Entity } from '@backstage/catalog-model';
import { parse } from 'yaml';
import type { SloDefinition } from '../model/SloDefinition';
import { parseEntitySlos } from '../parse/parseEntitySlos';
import { getOpenSloTargets } from './getOpenSloTargets';
import { parseOpenSlo } from './parseOpenSlo';
import { toOpenSlo } from './toOpenSlo';

const options = { entityRef: 'component:default/checkout', location: 'openslo/checkout.yaml' };

const SLO_WITH_SLI_REF = `
apiVersion: openslo/v1
kind: DataSource
metadata: {name: prometheus-main}
spec: {type: Prometheus, connectionDetails: {url: http://prometheus:9090}}
---
apiVersion: openslo/v1
kind: SLI
metadata: {name: checkout-good-requests}
spec:
  ratioMetric:
    counter: true
    good:
      metricSource:
        metricSourceRef: prometheus-main
        type: Prometheus
        spec: {query: 'http_requests_total{service="checkout",code!~"5.."}'}
    total:
      metricSource:
        metricSourceRef: prometheus-main
        type: Prometheus
        spec: {query: 'http_requests_total{service="checkout"}'}
---
apiVersion: openslo/v1
kind: SLO
metadata:
  name: checkout-availability
  displayName: Checkout availability
  labels: {tier: critical, teams: [payments, checkout]}
spec:
  description: Successful checkout requests
  service: checkout
  indicatorRef: checkout-good-requests
  timeWindow:
    - duration: 30d
      isRolling: true
  budgetingMethod: Occurrences
  objectives:
    - displayName: standard
      target: 0.999
    - displayName: stretch
      targetPercent: 99.95
  alertPolicies: [page-on-burn]
---
apiVersion: openslo/v1
kind: AlertPolicy
metadata: {name: page-on-burn}
spec: {conditions: []}
`;

describe('parseOpenSlo', () => {
  it('maps an SLO that references an SLI and a DataSource', () => {
    const result = parseOpenSlo(SLO_WITH_SLI_REF, options);
    expect(result.problems).toEqual([]);
    expect(result.slos).toEqual([
      {
        id: 'component:default/checkout/checkout-availability',
        entityRef: 'component:default/checkout',
        name: 'checkout-availability',
        description: 'Successful checkout requests',
        source: 'prometheus-main',
        sourceType: 'prometheus',
        sli: {
          kind: 'ratio',
          good: { selector: 'http_requests_total{service="checkout",code!~"5.."}' },
          total: { selector: 'http_requests_total{service="checkout"}' },
        },
        objectives: [
          { name: 'standard', target: 0.999 },
          { name: 'stretch', target: 0.9995 },
        ],
        window: { type: 'rolling', durationSeconds: 2592000, label: '30d' },
        labels: { tier: 'critical', teams: 'payments,checkout' },
        origin: { kind: 'openslo', annotation: 'slo-kit.dev/openslo', detail: 'openslo/checkout.yaml' },
      },
    ]);
  });

  it('maps inline threshold indicators, calendar windows and time slices', () => {
    const result = parseOpenSlo(
      `
apiVersion: openslo/v1
kind: SLO
metadata: {name: probe-latency}
spec:
  service: checkout
  indicator:
    metadata: {name: probe}
    spec:
      thresholdMetric:
        metricSource: {type: Prometheus, spec: {query: 'probe_duration_seconds{job="blackbox"}'}}
  timeWindow: [{duration: 1M, isRolling: false, calendar: {startTime: "2024-01-01 00:00:00", timeZone: Europe/Berlin}}]
  budgetingMethod: Occurrences
  objectives: [{op: lte, value: 0.5, target: 0.99}]
---
apiVersion: openslo/v1
kind: SLO
metadata: {name: good-minutes}
spec:
  service: checkout
  indicator:
    metadata: {name: ratio}
    spec:
      ratioMetric:
        counter: true
        good: {metricSource: {spec: {query: 'http_requests_total{code!~"5.."}'}}}
        total: {metricSource: {spec: {query: http_requests_total}}}
  timeWindow: [{duration: 1w, isRolling: false}]
  budgetingMethod: Timeslices
  objectives: [{target: 0.95, timeSliceTarget: 0.99, timeSliceWindow: 1m}]
`,
      options,
    );
    expect(result.problems).toEqual([]);
    expect(result.slos.map(slo => [slo.name, slo.sli, slo.window.label])).toEqual([
      ['probe-latency', { kind: 'latency', mode: 'gauge', query: 'probe_duration_seconds{job="blackbox"}', operator: '<=', threshold: 0.5 }, 'month (Europe/Berlin)'],
      [
        'good-minutes',
        {
          kind: 'timeSlice',
          sliceSeconds: 60,
          operator: '>=',
          threshold: 0.99,
          value: { good: { selector: 'http_requests_total{code!~"5.."}' }, total: { selector: 'http_requests_total' } },
        },
        'week',
      ],
    ]);
  });

  it('splits objectives with different thresholds into separate SLOs', () => {
    const result = parseOpenSlo(
      `
apiVersion: openslo/v1
kind: SLO
metadata: {name: latency}
spec:
  service: checkout
  indicator: {metadata: {name: p}, spec: {thresholdMetric: {metricSource: {spec: {query: latency_seconds}}}}}
  timeWindow: [{duration: 28d, isRolling: true}]
  budgetingMethod: Occurrences
  objectives:
    - {displayName: Fast, op: lt, value: 0.1, target: 0.9}
    - {displayName: Acceptable, op: lt, value: 0.5, target: 0.99}
`,
      options,
    );
    expect(result.problems).toEqual([]);
    expect(result.slos.map(slo => [slo.name, slo.sli.kind === 'latency' && slo.sli.mode === 'gauge' && slo.sli.threshold, slo.objectives])).toEqual([
      ['latency-fast', 0.1, [{ name: 'Fast', target: 0.9 }]],
      ['latency-acceptable', 0.5, [{ name: 'Acceptable', target: 0.99 }]],
    ]);
  });

  it('reads openslo/v1alpha', () => {
    const result = parseOpenSlo(
      `
apiVersion: openslo/v1alpha
kind: SLO
metadata: {name: availability, displayName: Availability}
spec:
  service: checkout
  budgetingMethod: Occurrences
  timeWindows: [{count: 28, unit: Day, isRolling: true}]
  objectives:
    - displayName: main
      target: 0.99
      ratioMetrics:
        counter: true
        good: {source: prometheus, queryType: promql, query: 'http_requests_total{code!~"5.."}'}
        total: {source: prometheus, queryType: promql, query: http_requests_total}
`,
      options,
    );
    expect(result.problems).toEqual([]);
    expect(result.slos[0]).toMatchObject({
      name: 'availability',
      description: 'Availability',
      source: 'prometheus',
      window: { label: '28d' },
      objectives: [{ name: 'main', target: 0.99 }],
    });
  });

  it.each([
    ['a newer apiVersion', 'apiVersion: openslo/v2\nkind: SLO\nmetadata: {name: a}', '[0].apiVersion', /apiVersion "openslo\/v2" is not supported yet; supported: openslo\/v1, openslo\/v1alpha, openslo.com\/v2alpha\.$/],
    ['a misspelled kind', 'apiVersion: openslo/v1\nkind: SLi\nmetadata: {name: a}', '[0].kind', /kind "SLi" is not an OpenSLO kind. Did you mean "SLI"\?/],
    ['no metadata.name', 'apiVersion: openslo/v1\nkind: SLO\nspec: {}', '[0].metadata.name', /the SLO has no metadata.name/],
    ['a missing SLI', 'apiVersion: openslo/v1\nkind: SLO\nmetadata: {name: a}\nspec: {indicatorRef: nope, timeWindow: [{duration: 30d, isRolling: true}], objectives: [{target: 0.99}]}', '[0].spec.indicatorRef', /no SLI named "nope" was found/],
    ['a percent as target', 'apiVersion: openslo/v1\nkind: SLO\nmetadata: {name: a}\nspec: {indicator: {spec: {thresholdMetric: {metricSource: {spec: {query: x}}}}}, timeWindow: [{duration: 30d, isRolling: true}], objectives: [{target: 99.9, op: lt, value: 1}]}', '[0].spec.objectives[0].target', /the target 99.9 is not a fraction .* use targetPercent/],
    ['a rolling month', 'apiVersion: openslo/v1\nkind: SLO\nmetadata: {name: a}\nspec: {indicatorRef: x, timeWindow: [{duration: 1M, isRolling: true}], objectives: [{target: 0.99}]}', '[0].spec.timeWindow[0].duration', /the rolling window "1M" is not a duration between 1h and 366d/],
    ['RatioTimeslices over a threshold metric', 'apiVersion: openslo/v1\nkind: SLO\nmetadata: {name: a}\nspec: {budgetingMethod: RatioTimeslices, indicator: {metadata: {name: x}, spec: {thresholdMetric: {metricSource: {spec: {query: up}}}}}, timeWindow: [{duration: 30d, isRolling: true}], objectives: [{op: gt, value: 0, target: 0.99, timeSliceWindow: 1m}]}', '[0].spec.budgetingMethod', /RatioTimeslices averages every time slice's good\/total ratio, so it needs a ratioMetric/],
    ['a misspelt budgeting method', 'apiVersion: openslo/v1\nkind: SLO\nmetadata: {name: a}\nspec: {budgetingMethod: RatioTimeSlice, indicatorRef: x, timeWindow: [{duration: 30d, isRolling: true}], objectives: [{target: 0.99}]}', '[0].spec.budgetingMethod', /budgetingMethod "RatioTimeSlice" is not an OpenSLO budgeting method\. Did you mean "RatioTimeslices"\?/],
    ['a rate query without {{window}}', 'apiVersion: openslo/v1\nkind: SLO\nmetadata: {name: a}\nspec: {indicator: {spec: {ratioMetric: {good: {metricSource: {spec: {query: "sum(rate(x[5m]))"}}}, total: {metricSource: {spec: {query: y}}}}}}, timeWindow: [{duration: 30d, isRolling: true}], objectives: [{target: 0.99}]}', '[0].spec.indicator.spec.ratioMetric.good.metricSource.spec.query', /has no \{\{window\}\} placeholder/],
    ['a threshold without op', 'apiVersion: openslo/v1\nkind: SLO\nmetadata: {name: a}\nspec: {indicator: {spec: {thresholdMetric: {metricSource: {spec: {query: x}}}}}, timeWindow: [{duration: 30d, isRolling: true}], objectives: [{target: 0.99, value: 1}]}', '[0].spec.objectives[0].op', /needs "op"/],
    ['Timeslices without a slice window', 'apiVersion: openslo/v1\nkind: SLO\nmetadata: {name: a}\nspec: {budgetingMethod: Timeslices, indicator: {spec: {thresholdMetric: {metricSource: {spec: {query: x}}}}}, timeWindow: [{duration: 30d, isRolling: true}], objectives: [{target: 0.99, op: lt, value: 1}]}', '[0].spec.objectives[0].timeSliceWindow', /need a timeSliceWindow between 10s and 1d/],
    ['a calendar fortnight', 'apiVersion: openslo/v1\nkind: SLO\nmetadata: {name: a}\nspec: {indicatorRef: x, timeWindow: [{duration: 2w, isRolling: false}], objectives: [{target: 0.99}]}', '[0].spec.timeWindow[0].duration', /the calendar window "2w" is not a week, month or quarter/],
    ['not YAML', 'apiVersion: [', '', /YAML syntax error/],
    ['a metric source of a type no source reads', 'apiVersion: openslo/v1\nkind: SLO\nmetadata: {name: a}\nspec: {indicator: {spec: {ratioMetric: {counter: true, good: {metricSource: {type: Any, spec: {query: Any}}}, total: {metricSource: {type: Any, spec: {query: Any}}}}}}, timeWindow: [{duration: 30d, isRolling: true}], objectives: [{target: 0.99}]}', '[0].spec.indicator.spec.ratioMetric.good.metricSource.type', /the data source type "Any" is not one this portal reads.*types read: Prometheus .* and Datadog/],
    ['a DataSource of a type no source reads', 'apiVersion: openslo/v1\nkind: DataSource\nmetadata: {name: cw}\nspec: {type: CloudWatch}\n---\napiVersion: openslo/v1\nkind: SLO\nmetadata: {name: a}\nspec: {indicator: {spec: {thresholdMetric: {metricSource: {metricSourceRef: cw, spec: {query: x}}}}}, timeWindow: [{duration: 30d, isRolling: true}], objectives: [{target: 0.99, op: lt, value: 1}]}', '[1].spec.indicator.spec.thresholdMetric.metricSource.metricSourceRef', /the data source type "CloudWatch" \(the type of DataSource "cw"\) is not one this portal reads/],
    ['a gauge counted as events (counter: false)', 'apiVersion: openslo/v1\nkind: SLO\nmetadata: {name: a}\nspec: {indicator: {spec: {ratioMetric: {counter: false, good: {metricSource: {spec: {query: "sum(up)"}}}, total: {metricSource: {spec: {query: "count(up)"}}}}}}, timeWindow: [{duration: 30d, isRolling: true}], objectives: [{target: 0.99}]}', '[0].spec.indicator.spec.ratioMetric.good.metricSource.spec.query', /"counter: false" says the metric is a value that goes up and down/],
    ['v2alpha spelled with v1\'s prefix', 'apiVersion: openslo/v2alpha\nkind: SLO\nmetadata: {name: a}', '[0].apiVersion', /apiVersion "openslo\/v2alpha" is spelled "openslo.com\/v2alpha"/],
    ['a BudgetAdjustment in v1', 'apiVersion: openslo/v1\nkind: BudgetAdjustment\nmetadata: {name: a}', '[0].kind', /kind "BudgetAdjustment" is a kind of openslo.com\/v2alpha, not of openslo\/v1/],

  ])('reports %s', (_, content, path, message) => {
    const result = parseOpenSlo(content, options);
    expect(result.slos).toEqual([]);
    expect(result.problems).toContainEqual(
      expect.objectContaining({ path, message: expect.stringMatching(message), location: 'openslo/checkout.yaml', annotation: 'slo-kit.dev/openslo' }),
    );
  });
});

describe('parseOpenSlo, issue 23', () => {
  const counterSlo = (query: string, type = 'Prometheus') => `
apiVersion: openslo/v1
kind: SLO
metadata: {name: a}
spec:
  indicator:
    spec:
      ratioMetric:
        counter: true
        good: {metricSource: {type: ${type}, spec: {query: '${query}'}}}
        total: {metricSource: {type: ${type}, spec: {query: 'sum(http_requests)'}}}
  timeWindow: [{duration: 30d, isRolling: true}]
  objectives: [{target: 0.99}]
`;

  it.each([
    ['sum(http_requests{code!~"5.."})'],
    ['sum by (code) (http_requests{code!~"5.."})'],
    ['sum(http_requests{code!~"5.."}) by (code)'],
  ])('counts a counter under %s with the increase inside the sum', query => {
    const result = parseOpenSlo(counterSlo(query), options);
    expect(result.problems).toEqual([]);
    expect(result.slos[0]).toMatchObject({
      sourceType: 'prometheus',
      sli: { kind: 'ratio', good: { selector: 'http_requests{code!~"5.."}' }, total: { selector: 'http_requests' } },
    });
  });

  it('keeps Datadog queries as Datadog queries and routes them to a Datadog source', () => {
    const result = parseOpenSlo(counterSlo('sum:trace.http.request.errors{service:checkout}.as_count()', 'Datadog').replace("'sum(http_requests)'", "'trace.http.request.hits{service:checkout}'"), options);
    expect(result.problems).toEqual([]);
    expect(result.slos[0]).toMatchObject({
      sourceType: 'datadog',
      sli: { kind: 'ratio', good: { query: 'sum:trace.http.request.errors{service:checkout}.as_count()' }, total: { selector: 'trace.http.request.hits{service:checkout}' } },
    });
  });

  it('offers no "did you mean" for a version that is not a typo', () => {
    const result = parseOpenSlo('apiVersion: openslo/v2\nkind: SLO\nmetadata: {name: a}', options);
    expect(result.problems[0].didYouMean).toBeUndefined();
    expect(parseOpenSlo('apiVersion: opensol/v1\nkind: SLO\nmetadata: {name: a}', options).problems[0].didYouMean).toBe('openslo/v1');
  });
});

describe('toOpenSlo', () => {
  const entity: Entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'checkout',
      annotations: {
        'slo-kit.dev/slos': `
- name: availability
  description: Successful checkout requests
  source: thanos
  sli: {ratio: {good: 'http_requests_total{service="checkout",code!~"5.."}', total: 'http_requests_total{service="checkout"}'}}
  objectives: [{name: standard, target: 99.9}, {name: stretch, target: 99.95}]
  window: 30d
  labels: {tier: critical}
  minimumEvents: 500
- name: errors-sloth
  sli: {ratio: {badQuery: 'sum(increase(http_requests_total{code=~"5.."}[{{window}}]))', totalQuery: 'sum(increase(http_requests_total[{{window}}]))'}}
  objective: 99.5
  window: {calendar: quarter, timeZone: America/New_York}
- name: latency
  sli: {latency: {histogram: 'http_request_duration_seconds{service="checkout",method="GET"}', threshold: 300ms}}
  objective: 99
  window: month
- name: probe
  sli: {latency: {gauge: 'probe_duration_seconds{job="blackbox"}', operator: "<", threshold: 0.5}}
  objective: 99
  window: 7d
- name: p99-slices
  sli: {timeSlice: {slice: 1m, query: 'histogram_quantile(0.99, sum by (le) (rate(x_bucket[{{window}}])))', operator: "<=", threshold: 0.5}}
  objective: 99
  window: week
- name: good-slices
  sli: {timeSlice: {slice: 5m, ratio: {good: 'a_total{code="200"}', total: a_total}, threshold: 0.99}}
  objective: 95
  window: 90d
`,
      },
    },
    spec: {},
  };

  const withoutOrigin = (slos: SloDefinition[]) => slos.map(({ origin: _origin, ...rest }) => rest);

  it('round-trips every SLO that OpenSLO can express, losslessly', () => {
    const original = parseEntitySlos(entity);
    expect(original.problems).toEqual([]);
    expect(original.slos).toHaveLength(6);
    const yaml = toOpenSlo(original.slos);
    const back = parseOpenSlo(yaml, { entityRef: 'component:default/checkout', location: 'export.yaml' });
    expect(back.problems).toEqual([]);
    expect(withoutOrigin(back.slos)).toEqual(withoutOrigin(original.slos));
  });

  it('writes OpenSLO v1 SLO documents with inline indicators', () => {
    const yaml = toOpenSlo(parseEntitySlos(entity).slos.slice(0, 1));
    expect(yaml).toContain('apiVersion: openslo/v1\nkind: SLO\n');
    expect(yaml).toContain('budgetingMethod: Occurrences');
    expect(yaml).toContain('metricSourceRef: thanos');
    expect(yaml).toContain('slo-kit.dev/minimum-events: "500"');
    expect(yaml).toContain('target: 0.999');
    expect(yaml).toContain('displayName: standard');
  });

  it('writes openslo.com/v2alpha on request, and the source type where the SLO states one', () => {
    const [slo] = parseEntitySlos(entity).slos;
    const yaml = toOpenSlo([{ ...slo, sourceType: 'prometheus' }], { apiVersion: 'openslo.com/v2alpha' });
    expect(yaml).toContain('apiVersion: openslo.com/v2alpha\nkind: SLO\n');
    expect(yaml).toContain('  sli:\n');
    // v2alpha has no metricSource: the metric itself names its DataSource and type.
    expect(yaml).not.toContain('metricSource');
    expect(yaml).toMatch(/good:\n\s+dataSourceRef: thanos\n\s+dataSourceSpec:\n\s+type: Prometheus\n\s+spec:\n\s+query: /);
    expect(toOpenSlo([{ ...slo, source: undefined }])).not.toContain('type:');
  });

  it('writes a histogram as the ratio of its bucket and count series', () => {
    const yaml = toOpenSlo(parseEntitySlos(entity).slos.filter(slo => slo.name === 'latency'));
    expect(yaml).toContain('query: http_request_duration_seconds_bucket{service="checkout", method="GET", le="0.3"}');
    expect(yaml).toContain('query: http_request_duration_seconds_count{service="checkout", method="GET"}');
  });

  it('writes the portal\'s burn-rate rules as alert policies on request, one condition each', () => {
    const [slo] = parseEntitySlos(entity).slos;
    expect(slo.window).toMatchObject({ type: 'rolling', durationSeconds: 30 * 86400 });
    const document = parse(toOpenSlo([slo], { alertPolicies: true }));
    const conditions = document.spec.alertPolicies.map((policy: { spec: { conditions: Array<{ spec: unknown }> } }) => {
      expect(policy.spec.conditions).toHaveLength(1);
      return policy.spec.conditions[0].spec;
    });
    expect(conditions).toEqual([
      { severity: 'page', condition: { kind: 'burnrate', op: 'gte', threshold: 14.4, lookbackWindow: '1h', alertAfter: '0m' } },
      { severity: 'page', condition: { kind: 'burnrate', op: 'gte', threshold: 6, lookbackWindow: '6h', alertAfter: '0m' } },
      { severity: 'ticket', condition: { kind: 'burnrate', op: 'gte', threshold: 3, lookbackWindow: '1d', alertAfter: '0m' } },
      { severity: 'ticket', condition: { kind: 'burnrate', op: 'gte', threshold: 1, lookbackWindow: '3d', alertAfter: '0m' } },
    ]);
    expect(toOpenSlo([slo])).not.toContain('alertPolicies');
  });
});

describe('getOpenSloTargets', () => {
  const withAnnotations = (annotations: Record<string, string>): Entity => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'checkout', annotations },
  });

  it('resolves paths against a url location', () => {
    expect(
      getOpenSloTargets(
        withAnnotations({
          'slo-kit.dev/openslo': 'openslo/checkout.yaml, ../shared/slos.yaml',
          'backstage.io/managed-by-location': 'url:https://github.com/acme/checkout/blob/main/catalog-info.yaml',
        }),
      ),
    ).toEqual([
      'https://github.com/acme/checkout/blob/main/openslo/checkout.yaml',
      'https://github.com/acme/checkout/blob/shared/slos.yaml',
    ]);
  });

  it('resolves paths against a file location and keeps absolute URLs', () => {
    expect(
      getOpenSloTargets(
        withAnnotations({
          'slo-kit.dev/openslo': './openslo/checkout.yaml\nhttps://slos.example/checkout.yaml',
          'backstage.io/managed-by-location': 'file:/srv/catalog/examples/entities.yaml',
        }),
      ),
    ).toEqual(['/srv/catalog/examples/openslo/checkout.yaml', 'https://slos.example/checkout.yaml']);
  });

  it('leaves out what cannot be resolved', () => {
    expect(getOpenSloTargets(withAnnotations({ 'slo-kit.dev/openslo': 'openslo.yaml' }))).toEqual([]);
    expect(getOpenSloTargets(withAnnotations({}))).toEqual([]);
  });
});
