import type { Entity } from '@backstage/catalog-model';
import YAML from 'yaml';
import { MAX_SLOS_PER_ENTITY, parseEntitySlos } from './parseEntitySlos';
import { MAX_WHITESPACE_RUN, queryTextProblem } from './queryTextProblem';

/**
 * Input written to stall the backend or bloat its answers. Before the fixes
 * each of the whitespace cases kept the parser busy for 10 to 60 seconds
 * (regular expressions with \s* on both sides of an optional part backtrack
 * quadratically or worse), and a long name came back whole in every problem.
 * Now each is refused with a short problem. The generous test timeout is the
 * only time bound: these tests catch a parser that hangs, not a slow one.
 */

const SPACES = ' '.repeat(150_000);

function entity(annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'checkout', annotations },
    spec: {},
  };
}

const slo = (fields: Record<string, unknown>) =>
  YAML.stringify([
    {
      name: 'availability',
      objective: 99.9,
      sli: { ratio: { good: 'ok_total', total: 'all_total' } },
      ...fields,
    },
    // One line per value, as people write them.
  ], { lineWidth: 0 });

const openSlo = (query: string) =>
  YAML.stringify({
    apiVersion: 'openslo/v1',
    kind: 'SLO',
    metadata: { name: 'availability' },
    spec: {
      service: 'checkout',
      budgetingMethod: 'Occurrences',
      timeWindow: [{ duration: '30d', isRolling: true }],
      objectives: [{ target: 0.999 }],
      indicator: {
        metadata: { name: 'availability' },
        spec: {
          ratioMetric: {
            counter: true,
            good: { metricSource: { type: 'Prometheus', spec: { query } } },
            total: {
              metricSource: { type: 'Prometheus', spec: { query: 'all_total' } },
            },
          },
        },
      },
    },
  });

describe('hostile SLO declarations', () => {
  it.each<[string, Record<string, unknown>, RegExp]>([
    [
      'an objective padded with spaces',
      { objective: `1${SPACES}x` },
      /^The objective must be a percentage, not a string\.$/,
    ],
    [
      'a threshold padded with spaces',
      {
        sli: { latency: { histogram: 'h_seconds', threshold: `1${SPACES}x` } },
      },
      /^The threshold "1 +…" is not a positive number of seconds\.$/,
    ],
    [
      'a selector with a run of spaces',
      { sli: { ratio: { good: `ok_total${SPACES}!`, total: 'all_total' } } },
      /^The selector at \[0\]\.sli\.ratio\.good is not valid: It holds 150000 whitespace characters in a row/,
    ],
    [
      'a selector with a brace and a run of spaces',
      { sli: { ratio: { good: `ok_total{${SPACES}!`, total: 'all_total' } } },
      /is not valid: It holds 150000 whitespace characters in a row/,
    ],
    [
      'a query with an open placeholder and a run of spaces',
      {
        sli: { ratio: { goodQuery: `{{${SPACES}x`, total: 'all_total' } },
      },
      /^The query at \[0\]\.sli\.ratio\.goodQuery is not valid: It holds 150000 whitespace/,
    ],
    [
      'a gauge with a run of spaces',
      { sli: { latency: { gauge: `g${SPACES}!`, threshold: 1 } } },
      /^The gauge is not valid: It holds 150000 whitespace/,
    ],
    [
      'a window padded with spaces',
      { window: `30${SPACES}x` },
      /^"30 +…" is not a window/,
    ],
    [
      'a name of 150,000 characters',
      { name: `a${'b'.repeat(150_000)}` },
      /^The SLO name "ab+…" is not a valid name: use lowercase kebab-case of at most 63 characters\. Did you mean "ab{62}"\?$/,
    ],
  ])('%s: a short problem', (_label, fields, message) => {
    const { slos, problems } = parseEntitySlos(
      entity({ 'slo-kit.dev/slos': slo(fields) }),
    );
    expect(slos).toEqual([]);
    expect(problems.map(p => p.message)).toContainEqual(
      expect.stringMatching(message),
    );
    // The answer stays small whatever the input's size.
    expect(JSON.stringify(problems).length).toBeLessThan(2000);
  });

  it('many unclosed placeholders', () => {
    const { problems } = parseEntitySlos(
      entity({
        'slo-kit.dev/slos': slo({
          sli: {
            ratio: { goodQuery: '{{'.repeat(100_000), total: 'all_total' },
          },
        }),
      }),
    );
    expect(problems[0].message).toMatch(/has no \{\{window\}\} placeholder/);
  });

  it('an OpenSLO query with a run of spaces', () => {
    const { slos, problems } = parseEntitySlos(
      entity({
        'slo-kit.dev/openslo': 'openslo/checkout.yaml',
        'backstage.io/managed-by-location': 'url:https://git.example/repo/blob/main/catalog-info.yaml',
      }),
      {
        openSloDocuments: [
          {
            location: 'https://git.example/repo/blob/main/openslo/checkout.yaml',
            content: openSlo(`ok_total${SPACES}!`),
          },
        ],
      },
    );
    expect(slos).toEqual([]);
    expect(problems[0].message).toMatch(
      /document 1: the query is not valid: It holds 150000 whitespace characters in a row/,
    );
    expect(JSON.stringify(problems).length).toBeLessThan(2000);
  });

  it('an OpenSLO name of 150,000 characters', () => {
    const content = openSlo('ok_total').replace(
      'name: availability\nspec:',
      `name: a${'b'.repeat(150_000)}\nspec:`,
    );
    const { problems } = parseEntitySlos(
      entity({
        'slo-kit.dev/openslo': 'https://git.example/slo.yaml',
      }),
      {
        openSloDocuments: [{ location: 'https://git.example/slo.yaml', content }],
      },
    );
    expect(problems[0].message).toMatch(
      /"ab+…" is not a valid SLO name: use lowercase kebab-case of at most 63 characters/,
    );
    expect(JSON.stringify(problems).length).toBeLessThan(2000);
  });
});

describe('queryTextProblem', () => {
  it('allows indented multi-line queries', () => {
    expect(
      queryTextProblem(
        'sum(\n        increase(http_requests_total{code!~"5.."}[{{window}}])\n      )',
      ),
    ).toBeUndefined();
    expect(queryTextProblem(' '.repeat(MAX_WHITESPACE_RUN))).toBeUndefined();
  });

  it('refuses a longer run of any whitespace', () => {
    expect(queryTextProblem(`a${'\t'.repeat(MAX_WHITESPACE_RUN + 1)}b`)).toBe(
      'It holds 101 whitespace characters in a row; queries never need more than 100. Remove them.',
    );
  });
});

describe('an entity with too many SLOs', () => {
  it('keeps the first MAX_SLOS_PER_ENTITY and says what was left out', () => {
    const items = Array.from(
      { length: 2000 },
      (_, i) =>
        `- name: s${i}\n  objective: 99\n  sli: {ratio: {good: a_total, total: b_total}}`,
    ).join('\n');
    const { slos, problems } = parseEntitySlos(
      entity({ 'slo-kit.dev/slos': items }),
    );
    expect(slos).toHaveLength(MAX_SLOS_PER_ENTITY);
    expect(slos[MAX_SLOS_PER_ENTITY - 1].name).toBe('s99');
    expect(problems).toEqual([
      expect.objectContaining({
        annotation: 'slo-kit.dev/slos',
        message:
          'The entity declares 2000 SLOs; at most 100 are read, so "s100" and the ones after it are left out. Split the SLOs across the entities they measure.',
      }),
    ]);
  });
});
