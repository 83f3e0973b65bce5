import { leRegex } from './leMatcher';

/** Prometheus anchors label regexes: the whole value must match. */
function matches(threshold: number, value: string): boolean {
  return new RegExp(`^(?:${leRegex(threshold)})$`).test(value);
}

describe('leRegex', () => {
  it.each([
    [0.3, ['0.3', '0.30', '0.300', '.3', '3e-01', '3e-1', '3.0e-01', '3E-1']],
    [1, ['1', '1.0', '1.00', '1e+00', '1e0', '1.0E0']],
    [0.25, ['0.25', '0.250', '2.5e-01', '2.50E-1']],
    [5, ['5', '5.0']],
    [2.5, ['2.5', '2.50', '2.5e+00']],
    [1e6, ['1e+06', '1000000', '1000000.0', '1.0E6', '1e6']],
    [1e-5, ['1e-05', '0.00001', '1.0e-5']],
    [0, ['0', '0.0', '0e+00']],
    [-0.5, ['-0.5', '-5e-01']],
  ])('%p matches every spelling exporters use', (threshold, spellings) => {
    for (const spelling of spellings) {
      expect([spelling, matches(threshold, spelling)]).toEqual([
        spelling,
        true,
      ]);
    }
  });

  it.each([
    [0.3, ['0.03', '3', '0.31', '30', '0.3e1', '+Inf', '0.35', '10.3']],
    [1, ['10', '0.1', '1.5', '11', '1e+01', '+Inf']],
    [0.25, ['0.2', '0.5', '25', '0.255']],
    [1e6, ['1e+07', '100000', '10000000']],
    [-0.5, ['0.5']],
  ])('%p matches no other boundary', (threshold, others) => {
    for (const other of others) {
      expect([other, matches(threshold, other)]).toEqual([other, false]);
    }
  });

  it('needs no escaping inside a double-quoted PromQL string', () => {
    expect(leRegex(0.3)).not.toMatch(/[\\"]/);
  });
});
