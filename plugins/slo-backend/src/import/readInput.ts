import { didYouMean } from '@slo-kit/plugin-slo-common';
import type { NoteWriter } from './ImportReport';

/** Whether a value is a YAML mapping. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** `a.b`, `a[0]`: a child path inside a document. */
export function childPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path === '' ? key : `${path}.${key}`;
}

/** A value shown in a message: quoted text, shortened. */
export function shown(value: unknown): string {
  const text =
    typeof value === 'string'
      ? JSON.stringify(value)
      : JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

/**
 * Notes keys the format does not define: `not carried`, with the closest
 * known key. Returns whether there were any.
 */
export function noteUnknownKeys(
  record: Record<string, unknown>,
  known: readonly string[],
  path: string,
  notes: NoteWriter,
  what: string,
): boolean {
  const unknown = Object.keys(record).filter(key => !known.includes(key));
  for (const key of unknown) {
    const suggestion = didYouMean(key, known);
    notes.notCarried(
      childPath(path, key),
      `unknown key "${key}" in ${what}${
        suggestion ? `; did you mean "${suggestion}"?` : ''
      } (known: ${known.join(', ')}).`,
    );
  }
  return unknown.length > 0;
}

/**
 * A mapping of label names to text (Sloth and Pyrra labels); numbers and
 * booleans are written as text. Undefined (with a `refused` note) when it is
 * not a mapping.
 */
export function readStringMap(
  value: unknown,
  path: string,
  notes: NoteWriter,
  what: string,
): Record<string, string> | undefined {
  if (value === undefined || value === null) return {};
  if (!isRecord(value)) {
    notes.refused(
      path,
      `${what} must be a mapping of names to values, not ${shown(value)}.`,
    );
    return undefined;
  }
  const result: Record<string, string> = {};
  for (const [key, entry] of Object.entries(value)) {
    if (
      typeof entry === 'string' ||
      typeof entry === 'number' ||
      typeof entry === 'boolean'
    )
      result[key] = String(entry);
    else {
      notes.refused(
        childPath(path, key),
        `${what}: the value of "${key}" must be text, not ${shown(entry)}.`,
      );
      return undefined;
    }
  }
  return result;
}

/** The first of the keys that the record has, and its value. */
export function pick(
  record: Record<string, unknown>,
  ...keys: string[]
): { key: string; value: unknown } | undefined {
  const key = keys.find(candidate => record[candidate] !== undefined);
  return key === undefined ? undefined : { key, value: record[key] };
}
