import type { Entity } from '@backstage/catalog-model';
import { parseEntitySlos } from './parseEntitySlos';

/**
 * The bad-input corpus: every entry is a mistake people make (or an attack),
 * and the message they get for it. Each case asserts the annotation, the
 * field path and the message (and the did-you-mean where there is one).
 */

const SLOS = 'slo-kit.dev/slos';
const TEMPLATES = 'slo-kit.dev/templates';
const OPENSLO = 'slo-kit.dev/openslo';

function entity(annotations: Record<string, unknown>, extra: Record<string, string> = {}): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'checkout', annotations: { ...extra, ...annotations } as Record<string, string> },
    spec: {},
  };
}

/** One valid SLO with `patch` lines replacing or adding fields (YAML text, 2-space indent). */
function slo(fields: Record<string, string | undefined>): string {
  const base: Record<string, string | undefined> = {
    name: 'availability',
    sli: '\n    ratio:\n      good: http_requests_total{code!~"5.."}\n      total: http_requests_total',
    objective: '99.9',
    ...fields,
  };
  const lines = Object.entries(base)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `  ${key}: ${value}`);
  return `-${lines.join('\n').slice(1)}\n`;
}

const ratio = (body: string) => `\n    ratio:\n${body.replace(/^/gm, '      ')}`;
const latency = (body: string) => `\n    latency:\n${body.replace(/^/gm, '      ')}`;
const timeSlice = (body: string) => `\n    timeSlice:\n${body.replace(/^/gm, '      ')}`;

interface BadCase {
  annotations: Record<string, unknown>;
  extra?: Record<string, string>;
  knownSources?: string[];
  annotation: string;
  path: string;
  message: RegExp;
  didYouMean?: string;
}

const aliasBomb = [
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  ...'bcdefghi'.split('').map((name, index) => `${name}: &${name} [${Array(9).fill(`*${'abcdefghi'[index]}`).join(',')}]`),
].join('\n');

const corpus: Record<string, BadCase> = {
  'broken YAML': { annotations: { [SLOS]: '- name: [' }, annotation: SLOS, path: '', message: /^YAML syntax error/ },
  'a scalar instead of a list': { annotations: { [SLOS]: 'just some text' }, annotation: SLOS, path: '', message: /must hold a YAML list of SLOs, not a string/ },
  'an alias bomb': { annotations: { [SLOS]: aliasBomb }, annotation: SLOS, path: '', message: /more than 100 aliases, which looks like an alias bomb/ },
  'an oversized annotation': { annotations: { [SLOS]: `# ${'x'.repeat(300 * 1024)}` }, annotation: SLOS, path: '', message: /is 301 KiB; at most 256 KiB is read/ },
  'deeply nested brackets': { annotations: { [SLOS]: `${'['.repeat(40)}${']'.repeat(40)}` }, annotation: SLOS, path: '', message: /nests brackets deeper than 32 levels/ },
  'deeply nested block sequences': { annotations: { [SLOS]: `${'- '.repeat(5000)}x` }, annotation: SLOS, path: '', message: /Line 1 is nested deeper than 256 columns/ },
  'duplicate keys': { annotations: { [SLOS]: slo({ objective: '99.9\n  objective: 99' }) }, annotation: SLOS, path: '', message: /YAML syntax error: Map keys must be unique/ },
  'an item that is not a mapping': { annotations: { [SLOS]: '- 42' }, annotation: SLOS, path: '[0]', message: /an SLO must be a mapping, not a number \(42\)/ },
  'a missing name': { annotations: { [SLOS]: slo({ name: undefined }) }, annotation: SLOS, path: '[0].name', message: /The SLO name is missing/ },
  'a name that is not kebab-case': { annotations: { [SLOS]: slo({ name: 'Checkout Availability' }) }, annotation: SLOS, path: '[0].name', message: /not a valid name: use lowercase kebab-case/, didYouMean: 'checkout-availability' },
  'a name used twice': { annotations: { [SLOS]: slo({}) + slo({}) }, annotation: SLOS, path: '', message: /The SLO name "availability" is already used by an SLO from slo-kit.dev\/slos/ },
  'a misspelled objective key': { annotations: { [SLOS]: slo({ objective: undefined, objectve: '99.9' }) }, annotation: SLOS, path: '[0].objectve', message: /Unknown key "objectve" in an SLO/, didYouMean: 'objective' },
  'a misspelled description key': { annotations: { [SLOS]: slo({ descripton: 'x' }) }, annotation: SLOS, path: '[0].descripton', message: /Unknown key "descripton"/, didYouMean: 'description' },
  'snake_case for camelCase': { annotations: { [SLOS]: slo({ minimum_events: '10' }) }, annotation: SLOS, path: '[0].minimum_events', message: /Unknown key "minimum_events"/, didYouMean: 'minimumEvents' },
  'no sli': { annotations: { [SLOS]: slo({ sli: undefined }) }, annotation: SLOS, path: '[0].sli', message: /The SLO has no "sli": say what to measure/ },
  'sli as text': { annotations: { [SLOS]: slo({ sli: 'ratio' }) }, annotation: SLOS, path: '[0].sli', message: /the sli must be a mapping, not a string/ },
  'two SLI kinds': { annotations: { [SLOS]: slo({ sli: `${ratio('total: x')}\n    latency: {}` }) }, annotation: SLOS, path: '[0].sli', message: /An SLI has one kind, but ratio and latency are both set/ },
  'a misspelled SLI kind': { annotations: { [SLOS]: slo({ sli: '\n    latancy: {}' }) }, annotation: SLOS, path: '[0].sli.latancy', message: /Unknown key "latancy" in the sli/, didYouMean: 'latency' },
  'good and bad together': { annotations: { [SLOS]: slo({ sli: ratio('good: a_total\nbad: b_total\ntotal: c_total') }) }, annotation: SLOS, path: '[0].sli.ratio', message: /either good or bad events next to total, not both/ },
  'a ratio without total': { annotations: { [SLOS]: slo({ sli: ratio('good: a_total') }) }, annotation: SLOS, path: '[0].sli.ratio.total', message: /needs "total" \(a counter selector\) or "totalQuery"/ },
  'good and goodQuery together': { annotations: { [SLOS]: slo({ sli: ratio('good: a_total\ngoodQuery: sum(increase(a_total[{{window}}]))\ntotal: c_total') }) }, annotation: SLOS, path: '[0].sli.ratio.goodQuery', message: /Set either "good" \(a counter selector\) or "goodQuery" \(a full query\), not both/ },
  'a full query under a selector key': { annotations: { [SLOS]: slo({ sli: ratio('good: sum(rate(a_total[5m]))\ntotal: c_total') }) }, annotation: SLOS, path: '[0].sli.ratio.good', message: /looks like a full query; put full queries with a \{\{window\}\} placeholder under "goodQuery"/, didYouMean: 'goodQuery' },
  'a query without {{window}}': { annotations: { [SLOS]: slo({ sli: ratio('goodQuery: sum(increase(a_total[5m]))\ntotalQuery: sum(increase(b_total[{{window}}]))') }) }, annotation: SLOS, path: '[0].sli.ratio.goodQuery', message: /has no \{\{window\}\} placeholder/ },
  'an unknown placeholder': { annotations: { [SLOS]: slo({ sli: ratio('goodQuery: sum(increase(a_total{job="{{job}}"}[{{window}}]))\ntotal: b_total') }) }, annotation: SLOS, path: '[0].sli.ratio.goodQuery', message: /Unknown placeholder \{\{job\}\} in the query/ },
  'an unbalanced selector': { annotations: { [SLOS]: slo({ sli: ratio('good: \'a_total{code="200"\'\ntotal: b_total') }) }, annotation: SLOS, path: '[0].sli.ratio.good', message: /not a valid series selector/ },
  'a misspelled total': { annotations: { [SLOS]: slo({ sli: ratio('good: a_total\ntotl: b_total') }) }, annotation: SLOS, path: '[0].sli.ratio.totl', message: /Unknown key "totl" in a ratio SLI/, didYouMean: 'total' },
  'latency without histogram or gauge': { annotations: { [SLOS]: slo({ sli: latency('threshold: 0.3') }) }, annotation: SLOS, path: '[0].sli.latency', message: /needs a "histogram" .* or a "gauge"/ },
  'a latency threshold with a bad unit': { annotations: { [SLOS]: slo({ sli: latency('histogram: h_seconds\nthreshold: 300 msec') }) }, annotation: SLOS, path: '[0].sli.latency.threshold', message: /The threshold "300 msec" is not a positive number of seconds/ },
  'le inside a histogram selector': { annotations: { [SLOS]: slo({ sli: latency('histogram: h_seconds{le="0.3"}\nthreshold: 0.3') }) }, annotation: SLOS, path: '[0].sli.latency.histogram', message: /Leave "le" out of the histogram selector/ },
  'histogram and gauge together': { annotations: { [SLOS]: slo({ sli: latency('histogram: h_seconds\ngauge: g\nthreshold: 0.3') }) }, annotation: SLOS, path: '[0].sli.latency', message: /either a "histogram" or a "gauge", not both/ },
  'a reversed operator': { annotations: { [SLOS]: slo({ sli: latency('gauge: probe_duration_seconds\noperator: "=<"\nthreshold: 0.5') }) }, annotation: SLOS, path: '[0].sli.latency.operator', message: /The operator "=<" is not a comparison/, didYouMean: '<=' },
  'a time slice without slice': { annotations: { [SLOS]: slo({ sli: timeSlice('query: up\noperator: ">="\nthreshold: 1') }) }, annotation: SLOS, path: '[0].sli.timeSlice.slice', message: /needs a "slice" length/ },
  'a one-second slice': { annotations: { [SLOS]: slo({ sli: timeSlice('slice: 1s\nquery: up\noperator: ">="\nthreshold: 1') }) }, annotation: SLOS, path: '[0].sli.timeSlice.slice', message: /A slice must be between 10s and 1d/ },
  'a time-slice query without operator': { annotations: { [SLOS]: slo({ sli: timeSlice('slice: 1m\nquery: up\nthreshold: 1') }) }, annotation: SLOS, path: '[0].sli.timeSlice.operator', message: /needs an "operator" that says when a slice is good/ },
  'a time-slice ratio threshold in percent': { annotations: { [SLOS]: slo({ sli: timeSlice('slice: 1m\nratio: {good: a_total, total: b_total}\nthreshold: 99') }) }, annotation: SLOS, path: '[0].sli.timeSlice.threshold', message: /The threshold 99 is not a fraction between 0 and 1/, didYouMean: '0.99' },
  'a time slice with query and ratio': { annotations: { [SLOS]: slo({ sli: timeSlice('slice: 1m\nquery: up\nratio: {good: a_total, total: b_total}\nthreshold: 1') }) }, annotation: SLOS, path: '[0].sli.timeSlice', message: /judged by a "query" or a "ratio", not both/ },
  'an objective written as a fraction': { annotations: { [SLOS]: slo({ objective: '0.999' }) }, annotation: SLOS, path: '[0].objective', message: /The objective 0.999 looks like a fraction; objectives are percentages/, didYouMean: '99.9' },
  'an objective of 100%': { annotations: { [SLOS]: slo({ objective: '100' }) }, annotation: SLOS, path: '[0].objective', message: /100 is out of range: an objective of 100% leaves no error budget/ },
  'an objective in words': { annotations: { [SLOS]: slo({ objective: 'high' }) }, annotation: SLOS, path: '[0].objective', message: /The objective must be a percentage, not a string/ },
  'objective and objectives together': { annotations: { [SLOS]: slo({ objectives: '[{name: a, target: 99}]' }) }, annotation: SLOS, path: '[0].objectives', message: /Set either "objective" \(one target\) or "objectives"/ },
  'an empty objectives list': { annotations: { [SLOS]: slo({ objective: undefined, objectives: '[]' }) }, annotation: SLOS, path: '[0].objectives', message: /must be a non-empty list of \{name, target\}/ },
  'objective names used twice': { annotations: { [SLOS]: slo({ objective: undefined, objectives: '[{name: a, target: 99}, {name: a, target: 99.9}]' }) }, annotation: SLOS, path: '[0].objectives[1].name', message: /The objective name "a" is used twice/ },
  'an objective name with spaces': { annotations: { [SLOS]: slo({ objective: undefined, objectives: '[{name: Stretch Goal, target: 99}]' }) }, annotation: SLOS, path: '[0].objectives[0].name', message: /The objective name "Stretch Goal" is not a valid name/, didYouMean: 'stretch-goal' },
  'a window in words': { annotations: { [SLOS]: slo({ window: '30 days' }) }, annotation: SLOS, path: '[0].window', message: /"30 days" is not a window/ },
  'a misspelled calendar unit': { annotations: { [SLOS]: slo({ window: 'mnth' }) }, annotation: SLOS, path: '[0].window', message: /"mnth" is not a window/, didYouMean: 'month' },
  'an unknown time zone': { annotations: { [SLOS]: slo({ window: '{calendar: month, timeZone: Europe/Springfield}' }) }, annotation: SLOS, path: '[0].window', message: /"Europe\/Springfield" is not a known IANA time zone/ },
  'a window too short': { annotations: { [SLOS]: slo({ window: '5m' }) }, annotation: SLOS, path: '[0].window', message: /A rolling window must be between 1h and 366d/ },
  'labels as a list': { annotations: { [SLOS]: slo({ labels: '[critical]' }) }, annotation: SLOS, path: '[0].labels', message: /"labels" must be a mapping of label names to values/ },
  'a label name with a hyphen': { annotations: { [SLOS]: slo({ labels: '{team-name: payments}' }) }, annotation: SLOS, path: '[0].labels.team-name', message: /"team-name" is not a valid label name/, didYouMean: 'team_name' },
  'negative minimumEvents': { annotations: { [SLOS]: slo({ minimumEvents: '-1' }) }, annotation: SLOS, path: '[0].minimumEvents', message: /must be a whole number of events, 0 or more/ },
  'an unknown source': { annotations: { [SLOS]: slo({ source: 'promethues' }) }, knownSources: ['prometheus', 'thanos'], annotation: SLOS, path: '[0].source', message: /No source named "promethues" is configured/, didYouMean: 'prometheus' },
  'an annotation that is not text': { annotations: { [SLOS]: 42 }, annotation: SLOS, path: '', message: /Annotation values must be text/ },
  'a misspelled template': { annotations: { [TEMPLATES]: 'http-availabilty: {job: checkout}' }, annotation: TEMPLATES, path: 'http-availabilty', message: /There is no SLI template named "http-availabilty"/, didYouMean: 'http-availability' },
  'a missing template parameter': { annotations: { [TEMPLATES]: 'http-availability: {}' }, annotation: TEMPLATES, path: 'http-availability.job', message: /Template "http-availability" needs the parameter "job"/ },
  'a misspelled template parameter': { annotations: { [TEMPLATES]: 'http-availability: {jbo: checkout}' }, annotation: TEMPLATES, path: 'http-availability.jbo', message: /Template "http-availability" has no parameter "jbo"/, didYouMean: 'job' },
  'a template parameter that is a mapping': { annotations: { [TEMPLATES]: 'http-latency: {job: checkout, threshold: {ms: 300}}' }, annotation: TEMPLATES, path: 'http-latency.threshold', message: /The parameter "threshold" must be text, a number or a boolean/ },
  'a template objective as a fraction': { annotations: { [TEMPLATES]: 'http-availability: {job: checkout, objective: 0.99}' }, annotation: TEMPLATES, path: 'http-availability.objective', message: /The objective 0.99 looks like a fraction/, didYouMean: '99' },
  'templates as a list': { annotations: { [TEMPLATES]: '- http-availability' }, annotation: TEMPLATES, path: '', message: /must be a mapping of template names to parameters, not a list/ },
  'a template SLO named like an annotation SLO': { annotations: { [SLOS]: slo({ name: 'http-availability' }), [TEMPLATES]: 'http-availability: {job: checkout}' }, annotation: TEMPLATES, path: 'http-availability', message: /The SLO name "http-availability" is already used by an SLO from slo-kit.dev\/slos/ },
  'a relative OpenSLO path without a location': { annotations: { [OPENSLO]: 'openslo/checkout.yaml' }, annotation: OPENSLO, path: '[0]', message: /is relative, but the entity has no backstage.io\/managed-by-location annotation/ },
  'an OpenSLO location with another scheme': { annotations: { [OPENSLO]: 'ftp://example.com/slo.yaml' }, annotation: OPENSLO, path: '[0]', message: /uses a scheme that is not read/ },
};

describe('bad SLO definitions', () => {
  it('has a corpus of at least 40 cases', () => {
    expect(Object.keys(corpus).length).toBeGreaterThanOrEqual(40);
  });

  it.each(Object.entries(corpus))('%s', (_, bad) => {
    const result = parseEntitySlos(entity(bad.annotations, bad.extra), { knownSources: bad.knownSources });
    const problem = result.problems.find(p => p.annotation === bad.annotation && p.path === bad.path && bad.message.test(p.message));
    if (!problem) {
      throw new Error(`No problem at ${bad.annotation} ${bad.path} matching ${bad.message}; got:\n${JSON.stringify(result.problems, null, 2)}`);
    }
    expect(problem.entityRef).toBe('component:default/checkout');
    expect(problem.didYouMean).toBe(bad.didYouMean);
    for (const each of result.problems) {
      expect(each.message.length).toBeGreaterThan(10);
      expect(each.entityRef).toBe('component:default/checkout');
    }
  });

  it('reports every problem of a definition at once', () => {
    const result = parseEntitySlos(
      entity({
        [SLOS]: `${slo({ name: 'Bad Name', objective: '0.5', window: 'fortnight', labels: '{a-b: c}' })}${slo({ name: 'fine' })}`,
      }),
    );
    expect(result.problems.map(p => p.path)).toEqual(['[0].name', '[0].objective', '[0].window', '[0].labels.a-b']);
    expect(result.slos.map(s => s.name)).toEqual(['fine']);
  });

  it('does not add "missing" on top of a did-you-mean for the same key', () => {
    const result = parseEntitySlos(entity({ [SLOS]: slo({ objective: undefined, objectve: '99.9' }) }));
    expect(result.problems).toHaveLength(1);
  });

  it('never throws, whatever the entity looks like', () => {
    const weird: unknown[] = [
      {},
      { metadata: {} },
      { metadata: { annotations: null } },
      { kind: 5, metadata: { name: ['x'], annotations: { [SLOS]: { not: 'text' } } } },
      null,
    ];
    for (const value of weird) {
      expect(() => parseEntitySlos(value as Entity)).not.toThrow();
    }
  });
});
