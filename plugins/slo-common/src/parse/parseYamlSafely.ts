import { parseAllDocuments } from 'yaml';

/**
 * Limits that keep hostile or broken YAML from exhausting the backend.
 *
 * @public
 */
export const YAML_LIMITS = {
  /** Bytes of text per annotation or file. */
  maxBytes: 256 * 1024,
  /** Aliases (`*name`) per document; stops "billion laughs" alias bombs. */
  maxAliasCount: 100,
  /** Nesting of flow collections (`[`, `{`) and of the parsed value. */
  maxDepth: 32,
  /** Leading indentation (spaces and `- ` markers) of any line. */
  maxIndent: 256,
  /** Documents in one multi-document file. */
  maxDocuments: 200,
};

/**
 * The outcome of {@link parseYamlSafely}: the documents' values, or why not.
 *
 * @public
 */
export interface SafeYamlResult {
  documents: unknown[];
  /** Empty when the text parsed; otherwise messages with line numbers. */
  errors: string[];
}

/**
 * Cheap checks on the raw text before the YAML parser sees it: the parser
 * itself can exhaust memory on extreme nesting (a long run of `- - - -`),
 * which no try/catch can stop.
 */
function screenText(text: string): string | undefined {
  // TextEncoder works in browsers too; Buffer does not.
  const bytes = new TextEncoder().encode(text).length;
  if (bytes > YAML_LIMITS.maxBytes) {
    return `The YAML is ${Math.ceil(bytes / 1024)} KiB; at most ${YAML_LIMITS.maxBytes / 1024} KiB is read. Split it into smaller files or annotations.`;
  }
  let depth = 0;
  let maxDepth = 0;
  let quote: string | undefined;
  let line = 1;
  let lineStart = true;
  let indent = 0;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (char === '\n') {
      line++;
      lineStart = true;
      indent = 0;
      quote = undefined;
      continue;
    }
    if (lineStart) {
      if (char === ' ' || char === '-' || char === '\t' || char === '?' || char === ':') {
        indent++;
        if (indent > YAML_LIMITS.maxIndent) {
          return `Line ${line} is nested deeper than ${YAML_LIMITS.maxIndent} columns of indentation; SLO definitions never need that.`;
        }
        continue;
      }
      lineStart = false;
    }
    if (quote) {
      if (char === quote) quote = undefined;
      continue;
    }
    if (char === '"' || char === "'") quote = char;
    else if (char === '#') {
      // A comment runs to the end of the line.
      const end = text.indexOf('\n', index);
      index = (end === -1 ? text.length : end) - 1;
    } else if (char === '[' || char === '{') {
      depth++;
      maxDepth = Math.max(maxDepth, depth);
      if (maxDepth > YAML_LIMITS.maxDepth) {
        return `Line ${line} nests brackets deeper than ${YAML_LIMITS.maxDepth} levels; SLO definitions never need that.`;
      }
    } else if (char === ']' || char === '}') depth = Math.max(0, depth - 1);
  }
  return undefined;
}

/** Depth of a parsed value, stopping early past the limit. */
function depthOf(value: unknown, limit: number, depth = 0): number {
  if (depth > limit || value === null || typeof value !== 'object') return depth;
  let deepest = depth;
  for (const child of Object.values(value as Record<string, unknown>)) {
    deepest = Math.max(deepest, depthOf(child, limit, depth + 1));
    if (deepest > limit) break;
  }
  return deepest;
}

/**
 * Parses YAML (one or several `---`-separated documents) from user input with
 * limits on size, aliases and nesting, duplicate keys refused. Never throws.
 *
 * @public
 */
export function parseYamlSafely(text: string): SafeYamlResult {
  if (typeof text !== 'string') return { documents: [], errors: ['Expected YAML text.'] };
  const screened = screenText(text);
  if (screened) return { documents: [], errors: [screened] };
  try {
    const parsed = parseAllDocuments(text, { uniqueKeys: true, prettyErrors: true });
    const list = Array.isArray(parsed) ? parsed : [parsed];
    if (list.length > YAML_LIMITS.maxDocuments) {
      return { documents: [], errors: [`The YAML has ${list.length} documents; at most ${YAML_LIMITS.maxDocuments} are read.`] };
    }
    const errors: string[] = [];
    const documents: unknown[] = [];
    for (const document of list) {
      if (document.errors.length > 0) {
        // Later errors mostly follow from the first; one clear message is better than thirty.
        const first = document.errors[0].message.split('\n')[0].replace(/:$/, '');
        const more = document.errors.length - 1;
        const hint = /flow|map-value|comma/i.test(first)
          ? ' Values with braces, commas or colons inside {...} or [...] need quotes.'
          : '';
        errors.push(`YAML syntax error: ${first}.${more > 0 ? ` (${more} more after it.)` : ''}${hint}`);
        continue;
      }
      const value = document.toJS({ maxAliasCount: YAML_LIMITS.maxAliasCount });
      if (depthOf(value, YAML_LIMITS.maxDepth) > YAML_LIMITS.maxDepth) {
        errors.push(`The YAML nests deeper than ${YAML_LIMITS.maxDepth} levels; SLO definitions never need that.`);
        continue;
      }
      documents.push(value);
    }
    return { documents: errors.length > 0 ? [] : documents, errors };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/alias/i.test(message)) {
      return {
        documents: [],
        errors: [`The YAML uses more than ${YAML_LIMITS.maxAliasCount} aliases, which looks like an alias bomb; write the values out.`],
      };
    }
    return { documents: [], errors: [`The YAML could not be read: ${message.split('\n')[0]}`] };
  }
}
