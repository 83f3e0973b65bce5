import type { EventQuery } from '../model/SloDefinition';
import { childPath } from '../parse/ProblemCollector';
import { queryTextProblem } from '../parse/queryTextProblem';
import { didYouMean } from '../util/didYouMean';
import { isRecord, OpenSloDocument, OpenSloProblems } from './openSloDocuments';
import { isSelector, toEventQuery } from './openSloQueries';
import { OPENSLO_TYPE_NAMES, READ_OPENSLO_TYPES, sourceTypeOf } from './openSloSourceTypes';
import type { VersionFields } from './openSloVersions';

/** A metric's query, the data source it names and the kind of source it is written for. */
export interface OpenSloMetric {
  query: string;
  source?: string;
  /** `prometheus` or `datadog`, from `metricSource.type` or the named DataSource's `type`. */
  sourceType?: string;
}

/** What reading a metric needs besides the metric: the DataSources by name and the version's field names. */
export interface MetricContext {
  problems: OpenSloProblems;
  /** DataSource documents by name, with their `spec.type`. */
  dataSources: ReadonlyMap<string, { type?: unknown }>;
  fields: VersionFields;
}

const WINDOW_PLACEHOLDER = /\{\{\s*window\s*\}\}/;
/** `metric.name` or `metric.name{tag:value,...}`: a Datadog metric selector. */
const DATADOG_SELECTOR = /^[A-Za-z][\w.]*(\{[^{}]*\})?$/;

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

/** The source type a metric source names, directly or through its DataSource; undefined when none is named. */
function readSourceType(
  context: MetricContext,
  document: OpenSloDocument,
  metricSource: Record<string, unknown>,
  ref: string | undefined,
  path: string,
): { sourceType?: string } | undefined {
  const declared = metricSource.type ?? (ref !== undefined ? context.dataSources.get(ref)?.type : undefined);
  if (declared === undefined) return {};
  const where = metricSource.type !== undefined ? childPath(path, 'metricSource.type') : childPath(path, `metricSource.${context.fields.sourceRef}`);
  const sourceType = typeof declared === 'string' ? sourceTypeOf(declared) : undefined;
  if (!sourceType) {
    const through = metricSource.type === undefined ? ` (the type of DataSource "${ref}")` : '';
    context.problems.report(document, where, `the data source type ${JSON.stringify(declared)}${through} is not one this portal reads, so its query cannot be sent anywhere; types read: ${READ_OPENSLO_TYPES}.`, {
      found: declared,
      expected: 'type: Prometheus or type: Datadog',
      didYouMean: typeof declared === 'string' ? didYouMean(declared, OPENSLO_TYPE_NAMES) : undefined,
    });
    return undefined;
  }
  const viaRef = ref !== undefined ? context.dataSources.get(ref)?.type : undefined;
  if (metricSource.type !== undefined && typeof viaRef === 'string' && sourceTypeOf(viaRef) !== sourceType) {
    context.problems.report(document, where, `metricSource.type "${String(metricSource.type)}" contradicts the type "${viaRef}" of DataSource "${ref}".`, {
      found: metricSource.type,
      expected: viaRef,
    });
    return undefined;
  }
  return { sourceType };
}

/** Reads `metricSource.spec.query`, the source name and the source type of one metric. */
export function readMetric(
  context: MetricContext,
  document: OpenSloDocument,
  value: unknown,
  path: string,
): OpenSloMetric | undefined {
  const { problems, fields } = context;
  // v1alpha writes {source, queryType, query} directly.
  if (isAlphaMetric(value)) {
    return checkedQuery(problems, document, childPath(path, 'query'), {
      query: String(value.query),
      source: typeof value.source === 'string' ? value.source : undefined,
    });
  }
  const metricSource = isRecord(value) && isRecord(value.metricSource) ? value.metricSource : {};
  const spec = metricSource.spec;
  const query = isRecord(spec) ? spec.query : undefined;
  if (typeof query !== 'string' || query.trim() === '') {
    problems.report(document, childPath(path, 'metricSource.spec.query'), 'the metric has no query.', {
      found: value,
      expected: `metricSource: {${fields.sourceRef}: prometheus, spec: {query: http_requests_total{code!~"5.."}}}`,
    });
    return undefined;
  }
  const otherRef = fields.sourceRef === 'metricSourceRef' ? 'dataSourceRef' : 'metricSourceRef';
  if (metricSource[otherRef] !== undefined && metricSource[fields.sourceRef] === undefined) {
    problems.report(document, childPath(path, `metricSource.${otherRef}`), `this apiVersion names the data source with "${fields.sourceRef}", not "${otherRef}".`, {
      found: otherRef,
      didYouMean: fields.sourceRef,
    });
    return undefined;
  }
  const refValue = metricSource[fields.sourceRef];
  const ref = typeof refValue === 'string' ? refValue : undefined;
  const type = readSourceType(context, document, metricSource, ref, path);
  if (!type) return undefined;
  return checkedQuery(problems, document, childPath(path, 'metricSource.spec.query'), {
    query,
    ...(ref !== undefined ? { source: ref } : {}),
    ...type,
  });
}

/**
 * The selector inside `sum(SELECTOR)`, `sum by (labels) (SELECTOR)`,
 * `sum(SELECTOR) by (labels)` or `sum without (...)`: the events of every
 * group added up are the events of the selector, so the bucket's count is
 * `sum(increase(SELECTOR[bucket]))` whatever the grouping.
 */
export function selectorUnderSum(text: string): string | undefined {
  const trimmed = text.trim();
  const forms = [
    /^sum\s*(?:(?:by|without)\s*\([^()]*\)\s*)?\(([\s\S]*)\)$/,
    /^sum\s*\(([\s\S]*)\)\s*(?:by|without)\s*\([^()]*\)$/,
  ];
  for (const form of forms) {
    const inner = form.exec(trimmed)?.[1];
    if (inner !== undefined && isSelector(inner)) return inner.trim();
  }
  return undefined;
}

/**
 * Reads a metric that must count events per bucket. `counter: true` (or
 * unset): a counter selector, or `sum(...)` over one, is counted with
 * `increase` per bucket; `counter: false` (a value that goes up and down) has
 * no event count unless the query itself yields the events of a window
 * (`{{window}}`). Datadog queries are passed on as written.
 */
export function readEventMetric(
  context: MetricContext,
  document: OpenSloDocument,
  value: unknown,
  path: string,
  counter: unknown,
): { query: EventQuery; source?: string; sourceType?: string } | undefined {
  const metric = readMetric(context, document, value, path);
  if (!metric) return undefined;
  const { query: text, ...rest } = metric;
  const queryPath = isAlphaMetric(value) ? childPath(path, 'query') : childPath(path, 'metricSource.spec.query');
  if (metric.sourceType === 'datadog') {
    return { query: DATADOG_SELECTOR.test(text.trim()) ? { selector: text.trim() } : { query: text.trim() }, ...rest };
  }
  if (WINDOW_PLACEHOLDER.test(text)) return { query: { query: text.trim() }, ...rest };
  if (counter === false) {
    context.problems.report(document, queryPath, '"counter: false" says the metric is a value that goes up and down, not a count of events, so the events of a bucket cannot be read from it. Write "counter: true" over a counter (http_requests_total{...}), or a query with {{window}} that yields the events of a window.', {
      found: text,
      expected: 'counter: true, or a query with [{{window}}]',
    });
    return undefined;
  }
  const underSum = selectorUnderSum(text);
  if (underSum !== undefined) return { query: { selector: underSum }, ...rest };
  const query = toEventQuery(text);
  if ('query' in query) {
    context.problems.report(document, queryPath, 'the query is not a counter selector, nor sum(...) over one, and has no {{window}} placeholder, so events cannot be counted per bucket. Write a counter selector (http_requests_total{code!~"5.."}), sum(...) or sum by (...) (...) over one, or put {{window}} where the range goes.', {
      found: text,
      expected: 'a counter selector, sum(selector), or a query with [{{window}}]',
    });
    return undefined;
  }
  return { query, ...rest };
}
