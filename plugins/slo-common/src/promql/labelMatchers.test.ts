import {
  literalAlternation,
  parseLabelMatchers,
  promqlString,
} from './labelMatchers';

describe('parseLabelMatchers', () => {
  it('reads names, operators and values with escapes resolved', () => {
    expect(
      parseLabelMatchers(
        'http_requests_total{service="say \\"hi\\"", code!~"5.."}',
      ),
    ).toEqual({
      metric: 'http_requests_total',
      matchers: [
        {
          name: 'service',
          operator: '=',
          value: 'say "hi"',
          text: 'service="say \\"hi\\""',
        },
        { name: 'code', operator: '!~', value: '5..', text: 'code!~"5.."' },
      ],
    });
  });

  it('gives undefined for what it cannot read for certain', () => {
    expect(parseLabelMatchers('{service="a"}')).toBeUndefined();
    expect(parseLabelMatchers("x{service='a'}")).toBeUndefined();
    expect(parseLabelMatchers('x{service="\\u00e9"}')).toBeUndefined();
    expect(parseLabelMatchers('sum(x)')).toBeUndefined();
    expect(parseLabelMatchers('trace.hits{service:a}')).toBeUndefined();
  });
});

describe('promqlString and literalAlternation', () => {
  it('match each value literally, and only it', () => {
    const values = ['api.v2', 'a|b', 'say "hi"', 'c:\\d', '(x)+[y]*?{z}^$'];
    const regex = new RegExp(`^(?:${literalAlternation(values)})$`);
    for (const value of values) expect(regex.test(value)).toBe(true);
    for (const other of ['apixv2', 'a', 'b', 'c:d', 'x', '']) {
      expect(regex.test(other)).toBe(false);
    }
    expect(promqlString(literalAlternation(['a.b', 'say "hi"']))).toBe(
      '"a\\\\.b|say \\"hi\\""',
    );
  });

  it('round-trips through the parser', () => {
    const value = 'line\nbreak "quoted" back\\slash';
    expect(
      parseLabelMatchers(`x{service=${promqlString(value)}}`)?.matchers[0]
        .value,
    ).toBe(value);
  });
});
