import { splitMatchers } from '../util/splitMatchers';
import { PROMQL_METRIC_NAME, splitSelector } from './splitSelector';

/**
 * One label matcher of a PromQL selector: `job="api"` is `job`, `=`, `api`.
 *
 * @public
 */
export interface LabelMatcher {
  name: string;
  operator: '=' | '!=' | '=~' | '!~';
  /** The value as PromQL reads it (escapes resolved): `a"b` for `"a\"b"`. */
  value: string;
  /** The matcher as written, trimmed. */
  text: string;
}

const MATCHER =
  /^([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)\s*"((?:[^"\\]|\\.)*)"$/;

const SIMPLE_ESCAPES: Record<string, string> = {
  '\\': '\\',
  '"': '"',
  "'": "'",
  n: '\n',
  t: '\t',
  r: '\r',
};

/**
 * The value of a double-quoted PromQL string's inside, or undefined for
 * escapes other than `\\ \" \' \n \t \r` (rare in label values; the caller
 * then leaves the selector as written rather than guess what it means).
 */
function unquote(inside: string): string | undefined {
  let value = '';
  for (let index = 0; index < inside.length; index++) {
    const char = inside[index];
    if (char !== '\\') {
      value += char;
      continue;
    }
    const escaped = SIMPLE_ESCAPES[inside[index + 1]];
    if (escaped === undefined) return undefined;
    value += escaped;
    index++;
  }
  return value;
}

/**
 * A selector with a metric name and double-quoted matchers, parsed; undefined
 * for anything else (no metric name, single quotes, unusual escapes, an
 * expression). Never throws.
 *
 * @public
 */
export function parseLabelMatchers(
  selector: string,
): { metric: string; matchers: LabelMatcher[] } | undefined {
  const parts = splitSelector(selector);
  if (!parts || !PROMQL_METRIC_NAME.test(parts.metric)) return undefined;
  const matchers: LabelMatcher[] = [];
  for (const text of splitMatchers(parts.matchers)) {
    const match = MATCHER.exec(text);
    const value = match ? unquote(match[3]) : undefined;
    if (!match || value === undefined) return undefined;
    matchers.push({
      name: match[1],
      operator: match[2] as LabelMatcher['operator'],
      value,
      text,
    });
  }
  return { metric: parts.metric, matchers };
}

/**
 * A double-quoted PromQL string whose value is `value`.
 *
 * @public
 */
export function promqlString(value: string): string {
  return `"${value
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\t/g, '\\t')}"`;
}

/**
 * A regular expression (RE2, as PromQL's `=~` reads it, anchored) that
 * matches exactly one of `values`, each taken literally: `a.b|c\|d` for
 * `a.b` and `c|d`.
 *
 * @public
 */
export function literalAlternation(values: readonly string[]): string {
  return values
    .map(value => value.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&'))
    .join('|');
}
