import type { EventQuery } from '../model/SloDefinition';
import { childPath } from '../parse/ProblemCollector';
import { queryTextProblem } from '../parse/queryTextProblem';
import { isRecord, OpenSloDocument, OpenSloProblems } from './openSloDocuments';
import { toEventQuery } from './openSloQueries';

/** A metric's query and the data source it names. */
export interface OpenSloMetric {
  query: string;
  source?: string;
}

/** A v1alpha metric: `{source, queryType, query}` without metricSource. */
function isAlphaMetric(value: unknown): value is Record<string, unknown> {
  return isRecord(value) && value.metricSource === undefined && typeof value.query === 'string' && value.query.trim() !== '';
}

/** The metric when its query text is fit to be looked at further (see queryTextProblem). */
export function checkedQuery(
  problems: OpenSloProblems,
  document: OpenSloDocument,
  path: string,
  metric: OpenSloMetric,
): OpenSloMetric | undefined {
  const problem = queryTextProblem(metric.query);
  if (problem) {
    problems.report(document, path, `the query is not valid: ${problem}`, { found: metric.query });
    return undefined;
  }
  return metric;
}

/** Reads `metricSource.spec.query` and the source name of one metric. */
export function readMetric(
  problems: OpenSloProblems,
  document: OpenSloDocument,
  value: unknown,
  path: string,
): OpenSloMetric | undefined {
  const metricSource = isRecord(value) ? value.metricSource : undefined;
  const spec = isRecord(metricSource) ? metricSource.spec : undefined;
  // v1alpha writes {source, queryType, query} directly.
  if (isAlphaMetric(value)) {
    return checkedQuery(problems, document, childPath(path, 'query'), {
      query: String(value.query),
      source: typeof value.source === 'string' ? value.source : undefined,
    });
  }
  const query = isRecord(spec) ? spec.query : undefined;
  if (typeof query !== 'string' || query.trim() === '') {
    problems.report(document, childPath(path, 'metricSource.spec.query'), 'the metric has no query.', {
      found: value,
      expected: 'metricSource: {metricSourceRef: prometheus, spec: {query: http_requests_total{code!~"5.."}}}',
    });
    return undefined;
  }
  const ref = isRecord(metricSource) ? metricSource.metricSourceRef : undefined;
  return checkedQuery(problems, document, childPath(path, 'metricSource.spec.query'), {
    query,
    source: typeof ref === 'string' ? ref : undefined,
  });
}

/** Reads a metric that must count events per bucket. */
export function readEventMetric(
  problems: OpenSloProblems,
  document: OpenSloDocument,
  value: unknown,
  path: string,
): { query: EventQuery; source?: string } | undefined {
  const metric = readMetric(problems, document, value, path);
  if (!metric) return undefined;
  const query = toEventQuery(metric.query);
  if ('query' in query && !/\{\{\s*window\s*\}\}/.test(query.query)) {
    problems.report(document, childPath(path, 'metricSource.spec.query'), 'the query is not a counter selector and has no {{window}} placeholder, so events cannot be counted per bucket. Write a counter selector (http_requests_total{code!~"5.."}) or put {{window}} where the range goes.', {
      found: metric.query,
      expected: 'a counter selector, or a query with [{{window}}]',
    });
    return undefined;
  }
  return { query, source: metric.source };
}
