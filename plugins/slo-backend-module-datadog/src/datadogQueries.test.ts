import {
  datadogEventCountQuery,
  datadogSliQueries,
  DatadogQueryProblem,
  splitDatadogSelector,
  withRollup,
} from './datadogQueries';

describe('datadogEventCountQuery', () => {
  it('wraps a selector as a summed count rolled up to the bucket', () => {
    expect(
      datadogEventCountQuery(
        { selector: 'trace.http.request.hits{service:checkout,env:prod}' },
        300,
      ),
    ).toBe(
      'sum:trace.http.request.hits{service:checkout,env:prod}.as_count().rollup(sum, 300)',
    );
  });

  it('scopes a bare metric name to every tag set', () => {
    expect(datadogEventCountQuery({ selector: 'checkout.orders' }, 60)).toBe(
      'sum:checkout.orders{*}.as_count().rollup(sum, 60)',
    );
  });

  it('refuses a selector that is a full query, saying how to write one', () => {
    expect(() =>
      datadogEventCountQuery(
        { selector: 'sum:trace.http.request.hits{*}.as_count()' },
        60,
        'The total selector',
      ),
    ).toThrow(
      /The total selector "sum:trace.http.request.hits\{\*\}.as_count\(\)" is not a Datadog metric selector/,
    );
  });
});

describe('withRollup', () => {
  it('replaces every {{window}}, spaces allowed, with the step in seconds', () => {
    expect(
      withRollup(
        'sum:a{x}.as_count().rollup(sum, {{ window }}) + sum:b{y}.as_count().rollup(sum, {{window}})',
        'sum',
        300,
      ),
    ).toBe(
      'sum:a{x}.as_count().rollup(sum, 300) + sum:b{y}.as_count().rollup(sum, 300)',
    );
  });

  it('appends a rollup to a single metric query', () => {
    expect(
      withRollup(
        'sum:trace.http.request.hits{service:check-out,resource_name:get_/api/v1}.as_count()',
        'sum',
        300,
      ),
    ).toBe(
      'sum:trace.http.request.hits{service:check-out,resource_name:get_/api/v1}.as_count().rollup(sum, 300)',
    );
  });

  it('refuses a query with a fixed rollup of its own', () => {
    expect(() => withRollup('sum:a{*}.rollup(sum, 60)', 'sum', 300)).toThrow(
      DatadogQueryProblem,
    );
    expect(() => withRollup('sum:a{*}.rollup(sum, 60)', 'sum', 300)).toThrow(
      /Write the interval as \{\{window\}\}, e.g. .rollup\(sum, \{\{window\}\}\)/,
    );
  });

  it('refuses arithmetic between metric queries without {{window}}', () => {
    expect(() =>
      withRollup('sum:a{*}.as_count() - sum:b{*}.as_count()', 'sum', 300),
    ).toThrow(/Add .rollup\(sum, \{\{window\}\}\) to each metric query/);
  });
});

describe('splitDatadogSelector', () => {
  it('splits metric and scope, and refuses anything else', () => {
    expect(splitDatadogSelector('trace.http.request{service:a}')).toEqual({
      metric: 'trace.http.request',
      scope: 'service:a',
    });
    expect(splitDatadogSelector('trace.http.request{}')).toEqual({
      metric: 'trace.http.request',
      scope: '*',
    });
    expect(splitDatadogSelector('avg:trace.http.request{*}')).toBeUndefined();
    expect(splitDatadogSelector('a{b}{c}')).toBeUndefined();
  });
});

describe('datadogSliQueries', () => {
  it('counts good or bad events next to total for ratios', () => {
    expect(
      datadogSliQueries(
        {
          kind: 'ratio',
          bad: { selector: 'trace.http.request.errors{service:a}' },
          total: { selector: 'trace.http.request.hits{service:a}' },
        },
        300,
      ),
    ).toEqual({
      kind: 'counts',
      stepSeconds: 300,
      bad: 'sum:trace.http.request.errors{service:a}.as_count().rollup(sum, 300)',
      total:
        'sum:trace.http.request.hits{service:a}.as_count().rollup(sum, 300)',
    });
  });

  it('uses a threshold query on a distribution for histogram latency', () => {
    expect(
      datadogSliQueries(
        {
          kind: 'latency',
          mode: 'histogram',
          metric: 'trace.http.request{service:a}',
          threshold: 0.25,
        },
        60,
      ),
    ).toEqual({
      kind: 'counts',
      stepSeconds: 60,
      good: 'count(v: v<=0.25):trace.http.request{service:a}.rollup(sum, 60)',
      total: 'count:trace.http.request{service:a}.rollup(sum, 60)',
    });
  });

  it('samples gauges at the configured interval, which must divide the bucket', () => {
    const sli = {
      kind: 'latency' as const,
      mode: 'gauge' as const,
      query: 'avg:synthetics.http.response.time{*}',
      operator: '<' as const,
      threshold: 1,
    };
    expect(datadogSliQueries(sli, 300, { gaugeSampleSeconds: 30 })).toEqual({
      kind: 'samples',
      stepSeconds: 30,
      value: 'avg:synthetics.http.response.time{*}.rollup(avg, 30)',
      operator: '<',
      threshold: 1,
    });
    expect(() =>
      datadogSliQueries(sli, 300, { gaugeSampleSeconds: 120 }),
    ).toThrow(/Gauge samples every 120 s do not fit 300-second buckets/);
  });

  it('queries a time slice at the slice length', () => {
    expect(
      datadogSliQueries(
        {
          kind: 'timeSlice',
          sliceSeconds: 120,
          operator: '>=',
          threshold: 0.99,
          value: {
            good: { selector: 'a.ok' },
            total: { query: 'sum:a.all{*}.as_count()' },
          },
        },
        300,
      ),
    ).toEqual({
      kind: 'slices',
      stepSeconds: 120,
      value: {
        good: 'sum:a.ok{*}.as_count().rollup(sum, 120)',
        total: 'sum:a.all{*}.as_count().rollup(sum, 120)',
      },
      operator: '>=',
      threshold: 0.99,
    });
  });
});
