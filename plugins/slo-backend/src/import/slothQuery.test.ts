import { mapSlothQuery, splitErrorRatio } from './slothQuery';

describe('mapSlothQuery', () => {
  it('writes sum(rate(SELECTOR[{{.window}}])) as the selector, which the source counts the same way', () => {
    expect(
      mapSlothQuery(
        'sum(rate(http_requests_total{job="api",code=~"(5..|429)"}[{{.window}}]))',
      ),
    ).toEqual({
      ok: true,
      events: { selector: 'http_requests_total{job="api",code=~"(5..|429)"}' },
      ratesCounted: true,
    });
    expect(
      mapSlothQuery(
        'sum(\n  increase(http_requests_total[{{ .window }}])\n)\n',
      ),
    ).toEqual({
      ok: true,
      events: { selector: 'http_requests_total' },
      ratesCounted: false,
    });
  });

  it('keeps other queries, with {{window}} for {{.window}} and increase for rate', () => {
    const result = mapSlothQuery(
      '(sum(rate(a_count{verb!="WATCH"}[{{.window}}])) - sum(rate(a_bucket{le="0.4"}[{{- .window -}}])))',
    );
    expect(result).toEqual({
      ok: true,
      events: {
        query:
          '(sum(increase(a_count{verb!="WATCH"}[{{window}}])) - sum(increase(a_bucket{le="0.4"}[{{window}}])))',
      },
      ratesCounted: true,
    });
    // Subqueries and count_over_time are counts already; names that contain "rate" are left alone.
    expect(
      mapSlothQuery(
        'sum_over_time((count(error_rate < 0.5))[{{.window}}:]) OR on() vector(0)',
      ),
    ).toEqual({
      ok: true,
      events: {
        query:
          'sum_over_time((count(error_rate < 0.5))[{{window}}:]) OR on() vector(0)',
      },
      ratesCounted: false,
    });
  });

  it('refuses what cannot count the events of a bucket, saying how to fix it', () => {
    expect(mapSlothQuery('sum(irate(x[{{.window}}]))')).toEqual({
      ok: false,
      message: expect.stringContaining('Use rate('),
    });
    expect(mapSlothQuery('sum(rate(x[5m]))')).toEqual({
      ok: false,
      message: expect.stringContaining('Put [{{.window}}]'),
    });
    expect(mapSlothQuery('sum(rate(x{job="{{.job}}"}[{{.window}}]))')).toEqual({
      ok: false,
      message: expect.stringContaining('{{.job}} has no counterpart'),
    });
    expect(
      mapSlothQuery(`sum(rate(x[{{.window}}]))${' '.repeat(200)}+ 1`),
    ).toEqual({
      ok: false,
      message: expect.stringContaining('more than 100 whitespace'),
    });
  });
});

describe('splitErrorRatio', () => {
  const a = 'sum(rate(x{code=~"5..",path="/a/b"}[{{.window}}]))';
  const b = 'sum(rate(x{path="/a/b"}[{{.window}}]))';

  it('splits A / B into bad over total, and 1 - (A / B) into good over total', () => {
    expect(splitErrorRatio(`${a} / ${b}`)).toEqual({ bad: a, total: b });
    expect(splitErrorRatio(`(\n  ${a}\n  /\n  ${b}\n)\n`)).toEqual({
      bad: a,
      total: b,
    });
    expect(splitErrorRatio(`1 - (\n ${a}\n /\n ${b}\n)`)).toEqual({
      good: a,
      total: b,
    });
    expect(splitErrorRatio(`1 - ${a} / ${b}`)).toEqual({ good: a, total: b });
    expect(splitErrorRatio(`(${a} or vector(0)) / ${b}`)).toEqual({
      bad: `(${a} or vector(0))`,
      total: b,
    });
  });

  it('leaves every other shape alone', () => {
    expect(splitErrorRatio(`${a} / on() ${b}`)).toBeUndefined();
    expect(splitErrorRatio(`${a} / ${b} / 2`)).toBeUndefined();
    expect(splitErrorRatio(`${a} + ${b} / 2`)).toBeUndefined();
    expect(
      splitErrorRatio('avg_over_time(ratio[{{.window}}])'),
    ).toBeUndefined();
    expect(splitErrorRatio(`2 - (${a} / ${b})`)).toBeUndefined();
  });
});
