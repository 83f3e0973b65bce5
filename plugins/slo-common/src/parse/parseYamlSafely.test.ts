import { parseYamlSafely } from './parseYamlSafely';

describe('parseYamlSafely', () => {
  it('parses several documents', () => {
    expect(parseYamlSafely('a: 1\n---\n- b\n')).toEqual({ documents: [{ a: 1 }, ['b']], errors: [] });
  });

  it('allows a few aliases but refuses an alias bomb', () => {
    expect(parseYamlSafely('a: &x 1\nb: *x\n').documents).toEqual([{ a: 1, b: 1 }]);
    let bomb = 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n';
    for (let level = 1; level < 8; level++) {
      bomb += `a${level}: &a${level} [${Array(10).fill(`*a${level - 1}`).join(', ')}]\n`;
    }
    expect(parseYamlSafely(bomb).errors[0]).toMatch(/alias bomb/);
  });

  it('refuses extreme nesting before the parser sees it', () => {
    // Without the screen, yaml 2 runs out of memory on this (a fatal error no catch can stop).
    expect(parseYamlSafely(`${'- '.repeat(50_000)}x`).errors[0]).toMatch(/nested deeper than 256 columns/);
    expect(parseYamlSafely(`${'{a: '.repeat(100)}1${'}'.repeat(100)}`).errors[0]).toMatch(/nests brackets deeper than 32 levels/);
  });

  it('refuses nesting the screen cannot see, after parsing', () => {
    const nested = Array.from({ length: 40 }, (_, depth) => `${' '.repeat(depth * 2)}k${depth}:`).join('\n');
    expect(parseYamlSafely(`${nested} 1`).errors[0]).toMatch(/nests deeper than 32 levels/);
  });

  it('counts brackets inside quotes as text', () => {
    const quoted = `q: "${'['.repeat(100)}"`;
    expect(parseYamlSafely(quoted).errors).toEqual([]);
  });

  it('reports one syntax error with a hint, not a cascade', () => {
    const { errors } = parseYamlSafely('ratio: {good: a_total{code="200"}, total: a_total}\nnext: 1\nmore: [');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^YAML syntax error: .*more after it.*need quotes/);
  });
});
