/**
 * A PromQL series selector split into its metric name and its label matchers.
 *
 * @public
 */
export interface SelectorParts {
  /** Metric name, empty when the selector names none (`{__name__=~"..."}`). */
  metric: string;
  /** The text between the braces, trimmed; empty when there are none. */
  matchers: string;
}

// Metric names may contain dots so that one selector syntax serves every
// source: Datadog names metrics `trace.http.request.hits{service:checkout}`.
// prometheusSliProblems() rejects names PromQL cannot parse.
const SELECTOR = /^\s*([a-zA-Z_:][a-zA-Z0-9_:.]*)?\s*(?:\{([\s\S]*)\})?\s*$/;

/** A metric name as PromQL spells it (no dots). */
export const PROMQL_METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

/**
 * Splits `http_requests_total{code="500"}` into `http_requests_total` and
 * `code="500"` (or `trace.http.request.hits{service:checkout}` into its
 * name and tags). Returns `undefined` for text that is not a single selector
 * (an expression, a range, an unbalanced brace); never throws.
 *
 * @public
 */
export function splitSelector(selector: string): SelectorParts | undefined {
  const match = SELECTOR.exec(selector);
  if (!match) return undefined;
  const metric = match[1] ?? '';
  const matchers = (match[2] ?? '').trim().replace(/,\s*$/, '');
  if (metric === '' && matchers === '') return undefined;
  return { metric, matchers };
}

/**
 * Writes a selector from a metric name and matchers, adding `extraMatchers`
 * after the selector's own.
 *
 * @public
 */
export function joinSelector(
  metric: string,
  matchers: string,
  ...extraMatchers: string[]
): string {
  const all = [matchers, ...extraMatchers].filter(m => m !== '');
  return all.length === 0 ? metric : `${metric}{${all.join(', ')}}`;
}
