import type { SliSpec } from '../model';
import { prometheusSliProblems } from './prometheusSliProblems';
import { promDuration, leftOpenRange } from './promDuration';
import { bucketEventQueries, histogramSelectors } from './sliQueries';
import { errorRatioQuery, sliRatioQuery } from './windowQueries';
import { splitSelector } from './splitSelector';

describe('promDuration', () => {
  it.each([
    [300, '5m'],
    [3600, '1h'],
    [5400, '1h30m'],
    [2592000, '30d'],
    [93784, '1d2h3m4s'],
    [70, '1m10s'],
    [299.999, '299999ms'],
  ])('%p s is %p', (seconds, text) => {
    expect(promDuration(seconds)).toBe(text);
  });

  it('leftOpenRange stops one millisecond short so boundaries are counted once', () => {
    expect(leftOpenRange(300)).toBe('299999ms');
  });
});

describe('splitSelector', () => {
  it('splits name and matchers, keeping braces inside quoted values', () => {
    expect(splitSelector('http_requests_total{code=~"5.{2}"}')).toEqual({
      metric: 'http_requests_total',
      matchers: 'code=~"5.{2}"',
    });
    expect(splitSelector(' up ')).toEqual({ metric: 'up', matchers: '' });
    expect(splitSelector('{__name__="up",}')).toEqual({
      metric: '',
      matchers: '__name__="up"',
    });
  });

  it('rejects expressions instead of throwing', () => {
    expect(splitSelector('sum(rate(x[5m]))')).toBeUndefined();
    expect(splitSelector('x[5m]')).toBeUndefined();
    expect(splitSelector('')).toBeUndefined();
  });
});

describe('bucketEventQueries', () => {
  it('wraps counter selectors in sum(increase(...[bucket]))', () => {
    const sli: SliSpec = {
      kind: 'ratio',
      good: { selector: 'http_requests_total{code!~"5.."}' },
      total: { selector: 'http_requests_total' },
    };
    expect(bucketEventQueries(sli, 300)).toEqual({
      good: 'sum(increase(http_requests_total{code!~"5.."}[5m]))',
      total: 'sum(increase(http_requests_total[5m]))',
      stepSeconds: 300,
    });
  });

  it('keeps the bad side bad and substitutes {{window}} in full queries', () => {
    const sli: SliSpec = {
      kind: 'ratio',
      bad: { query: 'sum(increase(errors_total[{{ window }}]))' },
      total: { query: 'sum(increase(requests_total[{{window}}])) by (x)' },
    };
    expect(bucketEventQueries(sli, 3600)).toEqual({
      bad: 'sum(increase(errors_total[1h]))',
      total: 'sum(increase(requests_total[1h])) by (x)',
      stepSeconds: 3600,
    });
  });

  it('builds histogram queries that accept every le spelling', () => {
    const sli: SliSpec = {
      kind: 'latency',
      mode: 'histogram',
      metric: 'http_request_duration_seconds{service="checkout"}',
      threshold: 1,
    };
    const queries = bucketEventQueries(sli, 300);
    expect(queries.good).toBe(
      'sum(increase(http_request_duration_seconds_bucket{service="checkout", le=~"(?:1(?:[.]0*)?|1(?:[.]0*)?[eE][+]?0*0)"}[5m]))',
    );
    expect(queries.total).toBe(
      'sum(increase(http_request_duration_seconds_count{service="checkout"}[5m]))',
    );
  });

  it('accepts a histogram named by its _bucket series', () => {
    expect(
      histogramSelectors({
        kind: 'latency',
        mode: 'histogram',
        metric: 'rpc_seconds_bucket',
        threshold: 0.5,
      })?.total,
    ).toBe('rpc_seconds_count');
  });

  it('samples gauges on a grid with a left-open range', () => {
    const sli: SliSpec = {
      kind: 'latency',
      mode: 'gauge',
      query: 'probe_duration_seconds{job="web"}',
      operator: '<=',
      threshold: 0.3,
    };
    expect(bucketEventQueries(sli, 300)).toEqual({
      good: 'sum(sum_over_time(((probe_duration_seconds{job="web"}) <= bool 0.3)[299999ms:1m]))',
      total:
        'sum(count_over_time((probe_duration_seconds{job="web"})[299999ms:1m]))',
      stepSeconds: 300,
    });
  });

  it('counts time slices inside a bucket, and steps per slice when slices are longer', () => {
    const sli: SliSpec = {
      kind: 'timeSlice',
      sliceSeconds: 60,
      operator: '>=',
      threshold: 0.99,
      value: {
        good: { selector: 'ok_total' },
        total: { selector: 'all_total' },
      },
    };
    const queries = bucketEventQueries(sli, 300);
    expect(queries.good).toBe(
      'sum(sum_over_time(((((sum(increase(ok_total[1m]))) or (sum(increase(all_total[1m]))) * 0) / ((sum(increase(all_total[1m]))) > 0)) >= bool 0.99)[299999ms:1m]))',
    );
    expect(queries.stepSeconds).toBe(300);
    expect(
      bucketEventQueries({ ...sli, sliceSeconds: 3600 }, 300).stepSeconds,
    ).toBe(3600);
  });
});

describe('errorRatioQuery', () => {
  it('computes long windows from increase over the whole window', () => {
    const sli: SliSpec = {
      kind: 'ratio',
      bad: { selector: 'http_requests_total{code=~"5.."}' },
      total: { selector: 'http_requests_total' },
    };
    expect(errorRatioQuery(sli, 3 * 86400)).toBe(
      '(sum(increase(http_requests_total{code=~"5.."}[3d])) or vector(0))\n/\nsum(increase(http_requests_total[3d]))',
    );
  });

  it('sums full queries so both sides match without labels', () => {
    const sli: SliSpec = {
      kind: 'ratio',
      good: { query: 'increase(ok_total[{{window}}])' },
      total: { query: 'increase(all_total[{{window}}])' },
    };
    expect(errorRatioQuery(sli, 3600)).toContain(
      '(sum(increase(ok_total[1h])) or vector(0))',
    );
  });
});

describe('prometheusSliProblems', () => {
  it('accepts SLIs that fit the bucket', () => {
    expect(
      prometheusSliProblems(
        {
          kind: 'timeSlice',
          sliceSeconds: 60,
          operator: '<=',
          threshold: 1,
          value: { query: 'max(x)' },
        },
        300,
      ),
    ).toEqual([]);
  });

  it('names the field and the fix', () => {
    expect(
      prometheusSliProblems(
        {
          kind: 'timeSlice',
          sliceSeconds: 420,
          operator: '<=',
          threshold: 1,
          value: { query: 'max(x)' },
        },
        300,
      ),
    ).toEqual([
      'sli.slice: slices of 420 s do not line up with 300 s buckets; use a slice that divides 300 s or is a whole multiple of it (e.g. 1m, 5m, 1h)',
    ]);
    expect(
      prometheusSliProblems(
        {
          kind: 'ratio',
          good: { selector: 'sum(rate(x[5m]))' },
          total: { selector: 'x' },
        },
        300,
      )[0],
    ).toMatch(/^sli.good: "sum\(rate\(x\[5m\]\)\)" is not a series selector/);
    expect(
      prometheusSliProblems(
        {
          kind: 'latency',
          mode: 'histogram',
          metric: '{le="1"}',
          threshold: 1,
        },
        300,
      )[0],
    ).toMatch(/^sli.histogram: .* is not a histogram name/);
  });
});

describe('sliRatioQuery', () => {
  it('is good over total, whichever side the SLI counts', () => {
    expect(
      sliRatioQuery(
        {
          kind: 'ratio',
          good: { selector: 'ok_total' },
          total: { selector: 'all_total' },
        },
        300,
      ),
    ).toBe(
      '(sum(increase(ok_total[5m])) or vector(0))\n/\nsum(increase(all_total[5m]))',
    );
    expect(
      sliRatioQuery(
        {
          kind: 'ratio',
          bad: { selector: 'err_total' },
          total: { selector: 'all_total' },
        },
        300,
      ),
    ).toBe(
      '1 - (\n  (sum(increase(err_total[5m])) or vector(0))\n  /\n  sum(increase(all_total[5m]))\n)',
    );
  });
});
