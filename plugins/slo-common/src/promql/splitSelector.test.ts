import { splitSelector } from './splitSelector';
import { prometheusSliProblems } from './prometheusSliProblems';
import { parseEntitySlos } from '../parse';

describe('splitSelector', () => {
  it('splits a PromQL selector into metric and matchers', () => {
    expect(splitSelector('http_requests_total{code!~"5..", service="checkout"}')).toEqual({
      metric: 'http_requests_total',
      matchers: 'code!~"5..", service="checkout"',
    });
  });

  it('accepts dotted metric names with tags, as Datadog spells them', () => {
    expect(splitSelector('trace.http.request.hits{service:checkout,env:prod}')).toEqual({
      metric: 'trace.http.request.hits',
      matchers: 'service:checkout,env:prod',
    });
  });

  it('refuses expressions', () => {
    expect(splitSelector('sum(rate(x[5m]))')).toBeUndefined();
    expect(splitSelector('x{a="b"} / y')).toBeUndefined();
  });
});

describe('prometheusSliProblems', () => {
  it('says a dotted metric name belongs to another source', () => {
    const problems = prometheusSliProblems(
      {
        kind: 'ratio',
        bad: { selector: 'trace.http.request.errors{service:checkout}' },
        total: { selector: 'trace.http.request.hits{service:checkout}' },
      },
      300,
    );
    expect(problems).toEqual([
      expect.stringContaining('sli.bad: "trace.http.request.errors" is not a Prometheus metric name'),
      expect.stringContaining('sli.total: "trace.http.request.hits" is not a Prometheus metric name'),
    ]);
    expect(problems[0]).toContain('Datadog');
  });

  it('accepts PromQL selectors', () => {
    expect(
      prometheusSliProblems(
        {
          kind: 'ratio',
          good: { selector: 'http_requests_total{code!~"5.."}' },
          total: { selector: 'http_requests_total' },
        },
        300,
      ),
    ).toEqual([]);
  });
});

describe('Datadog selectors in annotations', () => {
  it('parse without problems', () => {
    const { slos, problems } = parseEntitySlos({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: 'checkout',
        annotations: {
          'slo-kit.dev/slos': [
            '- name: availability',
            '  source: datadog',
            '  objective: 99.9',
            '  sli:',
            '    ratio:',
            '      bad: trace.http.request.errors{service:checkout}',
            '      total: trace.http.request.hits{service:checkout}',
          ].join('\n'),
        },
      },
    });
    expect(problems).toEqual([]);
    expect(slos[0].sli).toEqual({
      kind: 'ratio',
      bad: { selector: 'trace.http.request.errors{service:checkout}' },
      total: { selector: 'trace.http.request.hits{service:checkout}' },
    });
  });
});
