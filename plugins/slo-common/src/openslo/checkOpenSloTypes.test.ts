import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';
import { childPath } from '../parse/ProblemCollector';
import { isRecord } from './openSloDocuments';
import { documentShape, FieldShape } from './openSloSchema';
import { parseOpenSlo } from './parseOpenSlo';
import { API_VERSIONS } from './openSloVersions';

const FIXTURES = path.join(__dirname, '__fixtures__');
const options = { entityRef: 'component:default/checkout', location: 'openslo/mutated.yaml' };

/** Every path of a document that its kind's shape names and the document fills, with the field's shape. */
function typedPaths(value: unknown, fieldShape: FieldShape, at: string, out: Array<{ path: string; shape: FieldShape }>) {
  if (value === null || value === undefined) return;
  if (at !== '') out.push({ path: at, shape: fieldShape });
  if (Array.isArray(value) && fieldShape.items) value.forEach((item, index) => typedPaths(item, fieldShape.items!, `${at}[${index}]`, out));
  if (isRecord(value)) {
    for (const [key, child] of Object.entries(fieldShape.fields ?? {})) typedPaths(value[key], child, childPath(at, key), out);
    if (fieldShape.values) for (const [key, child] of Object.entries(value)) typedPaths(child, fieldShape.values, childPath(at, key), out);
  }
}

/** A value of a type the shape does not accept. */
function wrongValue(fieldShape: FieldShape): unknown {
  if (!fieldShape.accepts.includes('mapping')) return { wrong: 1 };
  if (!fieldShape.accepts.includes('number')) return 42;
  return ['wrong'];
}

/**
 * Sets the value at a path such as `spec.objectives[0].target` (a copy is
 * changed, never the original). Keys may hold dots
 * (`metadata.annotations.slo-kit.dev/time-zone`): each step takes the longest
 * key of the node that the rest of the path starts with.
 */
function longestKeyOf(node: Record<string, unknown>, rest: string): string {
  return Object.keys(node)
    .filter(k => rest === k || rest.startsWith(`${k}.`) || rest.startsWith(`${k}[`))
    .sort((a, b) => b.length - a.length)[0];
}

function setAt(root: Record<string, unknown>, at: string, value: unknown): void {
  let node = root as Record<string, unknown>;
  let rest = at;
  for (;;) {
    rest = rest.replace(/^\./, '');
    const index = /^\[(\d+)\]/.exec(rest);
    const key = index ? index[1] : longestKeyOf(node, rest);
    rest = rest.slice(index ? index[0].length : key.length);
    if (rest === '') {
      node[key] = value;
      return;
    }
    node = node[key] as Record<string, unknown>;
  }
}

const cases = readdirSync(FIXTURES)
  .filter(name => name.endsWith('.yaml'))
  .flatMap(file => {
    const documents = parseAllDocuments(readFileSync(path.join(FIXTURES, file), 'utf8'))
      .flatMap(document => {
        const value = document.toJS();
        return Array.isArray(value) ? value : [value];
      })
      .filter(isRecord);
    return documents.flatMap((document, index) => {
      const { apiVersion, kind } = document;
      if (typeof apiVersion !== 'string' || typeof kind !== 'string' || !API_VERSIONS.includes(apiVersion)) return [];
      const paths: Array<{ path: string; shape: FieldShape }> = [];
      typedPaths(document, documentShape(apiVersion, kind), '', paths);
      // apiVersion and kind have their own problems ("not supported yet", "not an OpenSLO kind"); free YAML has no wrong type.
      return paths
        .filter(entry => entry.path !== 'apiVersion' && entry.path !== 'kind' && entry.shape.accepts.length > 0)
        .map(entry => ({ file, index, documents, ...entry }));
    });
  });

describe('checkOpenSloTypes', () => {
  it('reaches every field of the corpus', () => {
    // The corpus fills several hundred typed fields: a shape that stopped matching it would show here.
    expect(cases.length).toBeGreaterThan(300);
  });

  it.each(cases.map(entry => [`${entry.file} [${entry.index}].${entry.path}`, entry] as const))(
    'names a wrong type at %s precisely, and never throws',
    (_name, { index, documents, path: at, shape: fieldShape }) => {
      const mutated = structuredClone(documents);
      setAt(mutated[index], at, wrongValue(fieldShape));
      const content = mutated.map(document => stringify(document)).join('---\n');
      const result = parseOpenSlo(content, options);
      const problem = result.problems.find(found => found.path === `[${index}].${at}`);
      expect(problem?.message).toMatch(/^openslo\/mutated\.yaml, document \d+: /);
      expect(problem?.message).toContain(`${at} is `);
      expect(problem?.message).toContain(`${fieldShape.section} defines it as`);
      expect(problem?.message).toContain(`write it like ${fieldShape.example}`);
      expect(problem?.location).toBe('openslo/mutated.yaml');
    },
  );

  it('reports at most 20 type problems per document', () => {
    const objectives = Array.from({ length: 50 }, () => ({ target: 'high' }));
    const content = stringify({ apiVersion: 'openslo/v1', kind: 'SLO', metadata: { name: 'many' }, spec: { objectives } });
    expect(parseOpenSlo(content, options).problems).toHaveLength(20);
  });
});
