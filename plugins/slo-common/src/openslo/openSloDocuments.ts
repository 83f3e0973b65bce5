import type { ProblemCollector, ProblemDetails } from '../parse/ProblemCollector';
import { parseYamlSafely } from '../parse/parseYamlSafely';
import { describeType } from '../util/describeType';

/** One OpenSLO document with where it came from. */
export interface OpenSloDocument {
  location: string;
  /** Index of the document in its file, for problem paths. */
  index: number;
  value: Record<string, unknown>;
}

/** Whether a value is a YAML mapping. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The first of the values that is a string. */
export function firstString(...values: unknown[]): string | undefined {
  return values.find((value): value is string => typeof value === 'string');
}

/** Splits a file into OpenSLO documents (a document may also hold a list of them). */
export function readOpenSloFile(
  content: string,
  location: string,
  problems: ProblemCollector,
): OpenSloDocument[] {
  const scoped = problems.scoped({ location });
  const yaml = parseYamlSafely(content);
  for (const error of yaml.errors) scoped.add('', `${location}: ${error}`, { expected: 'OpenSLO v1 YAML' });
  const documents: OpenSloDocument[] = [];
  for (const value of yaml.documents.flatMap(document => (Array.isArray(document) ? document : [document]))) {
    const index = documents.length;
    if (value === null || value === undefined) continue;
    if (!isRecord(value)) {
      scoped.add(`[${index}]`, `${location}: document ${index + 1} is ${describeType(value)}, not an OpenSLO object.`, {
        found: value,
        expected: 'apiVersion: openslo/v1, kind, metadata, spec',
      });
      continue;
    }
    documents.push({ location, index, value });
  }
  return documents;
}

/**
 * Reports problems against OpenSLO documents: the path starts with the
 * document's index and the message with its file and number.
 */
export class OpenSloProblems {
  constructor(readonly collector: ProblemCollector) {}

  /** How many problems have been reported so far. */
  get count(): number {
    return this.collector.count;
  }

  report(document: OpenSloDocument, path: string, message: string, details: ProblemDetails = {}, sloName?: string): void {
    this.collector
      .scoped({ location: document.location, ...(sloName ? { sloName } : {}) })
      .add(path === '' ? `[${document.index}]` : `[${document.index}].${path}`, `${document.location}, document ${document.index + 1}: ${message}`, details);
  }
}
