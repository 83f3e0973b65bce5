import { childPath } from '../parse/ProblemCollector';
import { describeType } from '../util/describeType';
import type { OpenSloDocument, OpenSloProblems } from './openSloDocuments';
import { documentShape, FieldShape, YamlType } from './openSloSchema';

/** Most type problems reported per document: one broken list of 1,000 items must not flood the page. */
const MAX_TYPE_PROBLEMS = 20;

const shapes = new Map<string, FieldShape>();

function cachedShape(apiVersion: string, kind: string): FieldShape {
  const key = `${apiVersion} ${kind}`;
  let found = shapes.get(key);
  if (!found) {
    found = documentShape(apiVersion, kind);
    shapes.set(key, found);
  }
  return found;
}

function yamlTypeOf(value: unknown): YamlType | undefined {
  if (Array.isArray(value)) return 'list';
  if (value !== null && typeof value === 'object') return 'mapping';
  if (typeof value === 'number') return Number.isNaN(value) ? undefined : 'number';
  if (typeof value === 'string' || typeof value === 'boolean') return typeof value as YamlType;
  return undefined;
}

const WORDS: Record<YamlType, string> = { string: 'a string', number: 'a number', boolean: 'true or false', mapping: 'a mapping', list: 'a list' };

function expectedWords(accepts: readonly YamlType[]): string {
  const words = accepts.map(type => WORDS[type]);
  return words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

/** Why a value of the wrong type is easy to write by mistake, when it is. */
function hint(value: unknown, accepts: readonly YamlType[]): string {
  if (accepts.includes('boolean') && (value === 'true' || value === 'false')) return ' (YAML reads a quoted "true" as text: drop the quotes)';
  if (accepts.includes('number') && typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return ' (YAML reads a quoted number as text: drop the quotes)';
  if (accepts.includes('string') && (typeof value === 'number' || typeof value === 'boolean')) return ' (quote it to make it text)';
  return '';
}

/**
 * Checks the type of every field of one document against the spec's shape
 * for its version and kind, before anything reads it, so that mapping never
 * meets a value of the wrong type. Each problem names the file, the document,
 * the field's path (`spec.indicator.spec.ratioMetric.good.metricSource`), what
 * was found, what the spec's section says is expected and how to write it.
 * Null values count as absent. Keys the spec does not name are not checked:
 * implementations may add their own.
 *
 * @returns whether the document's types are all right.
 */
export function checkOpenSloTypes(
  problems: OpenSloProblems,
  document: OpenSloDocument,
  apiVersion: string,
  kind: string,
  sloName?: string,
): boolean {
  let count = 0;
  const visit = (value: unknown, fieldShape: FieldShape, path: string): void => {
    if (count >= MAX_TYPE_PROBLEMS || value === null || value === undefined) return;
    const type = yamlTypeOf(value);
    if (fieldShape.accepts.length > 0 && (type === undefined || !fieldShape.accepts.includes(type))) {
      count += 1;
      const expected = expectedWords(fieldShape.accepts);
      problems.report(
        document,
        path,
        `${path || 'the document'} is ${describeType(value)}${hint(value, fieldShape.accepts)}, but ${fieldShape.section} defines it as ${expected}; write it like ${fieldShape.example}.`,
        { found: value, expected: `${expected}: ${fieldShape.example}` },
        sloName,
      );
      return;
    }
    if (type === 'list' && fieldShape.items) {
      (value as unknown[]).forEach((item, index) => visit(item, fieldShape.items!, `${path}[${index}]`));
    }
    if (type === 'mapping') {
      const record = value as Record<string, unknown>;
      if (fieldShape.fields) {
        for (const [key, child] of Object.entries(fieldShape.fields)) visit(record[key], child, childPath(path, key));
      }
      if (fieldShape.values) {
        for (const [key, child] of Object.entries(record)) visit(child, fieldShape.values, childPath(path, key));
      }
    }
  };
  visit(document.value, cachedShape(apiVersion, kind), '');
  return count === 0;
}
