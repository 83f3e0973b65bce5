import fs from 'fs';
import path from 'path';
import { parseAllDocuments } from 'yaml';
import { parseGatePolicy } from './parseGatePolicy';

/**
 * docs/error-budget-policy.md promises that its policies work: every example
 * term of its table and every policy its commands and pipelines pass parses,
 * except the one shown failing, which gives exactly the problems printed
 * after it; and its YAML (pipelines, app-config) is valid YAML.
 */
const DOC = path.resolve(__dirname, '../../../../docs/error-budget-policy.md');
const text = fs.readFileSync(DOC, 'utf8');

describe('docs/error-budget-policy.md', () => {
  it('every example term of the table parses', () => {
    const rows = text.split('\n').filter(line => /^\| `(budget-left|attainment|burn-rate|not-|state)/.test(line));
    expect(rows).toHaveLength(6);
    for (const row of rows) {
      const examples = [...row.split('|')[3].matchAll(/`([^`]+)`/g)].map(m => m[1]);
      expect(examples.length).toBeGreaterThan(0);
      for (const example of examples) {
        expect({ example, problems: parseGatePolicy(example).problems }).toEqual({ example, problems: [] });
      }
    }
  });

  it("every policy the page's commands pass parses, but the one shown failing", () => {
    const policies = [...text.matchAll(/(?:--policy|slo-gate\.sh \S+) '([^']+)'/g)].map(m => m[1]);
    expect(policies.length).toBeGreaterThan(5);
    const failing = 'budget-left>=25,burn-rate-1h<fast,stat!=paging';
    for (const policy of policies.filter(p => p !== failing)) {
      expect({ policy, problems: parseGatePolicy(policy).problems }).toEqual({ policy, problems: [] });
    }
    const shown = [...text.matchAll(/^--policy (.*)$/gm)].map(m => m[1]);
    expect(parseGatePolicy(failing).problems.map(p => p.message + (p.didYouMean ? ` (did you mean: ${p.didYouMean})` : ''))).toEqual(shown);
  });

  it('its YAML blocks are valid YAML', () => {
    const blocks = [...text.matchAll(/```yaml\n([\s\S]*?)```/g)].map(m => m[1]);
    expect(blocks.length).toBeGreaterThanOrEqual(5);
    for (const block of blocks) {
      const errors = parseAllDocuments(block).flatMap(doc => doc.errors.map(e => e.message));
      expect({ block: block.slice(0, 40), errors }).toEqual({ block: block.slice(0, 40), errors: [] });
    }
  });
});
