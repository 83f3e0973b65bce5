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

/** A DataSource document by name, with its `spec.type`; `broken` when its types are wrong and it was reported already. */
export interface IndexedDataSource {
  document: OpenSloDocument;
  type?: unknown;
  broken?: boolean;
}

/** What reading a metric needs besides the metric: the DataSources by name and the version's field names. */
export interface MetricContext {
  problems: OpenSloProblems;
  /** DataSource documents by name. */
  dataSources: ReadonlyMap<string, IndexedDataSource>;
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

/**
 * Where a metric keeps its parts. v1 wraps them in `metricSource`
 * (`metricSourceRef`, `type`, `spec`); v2alpha writes them on the metric
 * itself (`dataSourceRef`, `dataSourceSpec.type`, `spec`: enhancements/v2alpha.md, SLI).
 */
export interface MetricParts {
  ref: unknown;
  type: unknown;
  spec: unknown;
  paths: { ref: string; type: string; query: string };
}

/** The parts of one metric as its version writes them. */
export function metricParts(fields: VersionFields, value: unknown, path: string): MetricParts {
  const record = isRecord(value) ? value : {};
  if (fields.sourceRef === 'dataSourceRef') {
    const inline = isRecord(record.dataSourceSpec) ? record.dataSourceSpec : {};
    return {
      ref: record.dataSourceRef,
      type: inline.type,
      spec: record.spec,
      paths: { ref: childPath(path, 'dataSourceRef'), type: childPath(path, 'dataSourceSpec.type'), query: childPath(path, 'spec.query') },
    };
  }
  const metricSource = isRecord(record.metricSource) ? record.metricSource : {};
  return {
    ref: metricSource.metricSourceRef,
    type: metricSource.type,
    spec: metricSource.spec,
    paths: { ref: childPath(path, 'metricSource.metricSourceRef'), type: childPath(path, 'metricSource.type'), query: childPath(path, 'metricSource.spec.query') },
  };
}

/** The source type a metric names, directly or through its DataSource; undefined when none is named. */
function readSourceType(
  context: MetricContext,
  document: OpenSloDocument,
  parts: MetricParts,
  ref: string | undefined,
): { sourceType?: string } | undefined {
  const named = ref !== undefined ? context.dataSources.get(ref) : undefined;
  if (named?.broken) {
    context.problems.report(document, parts.paths.ref, `the DataSource "${ref}" (${named.document.location}, document ${named.document.index + 1}) has fields of the wrong type, reported there; the SLO is read once they are fixed.`, {
      found: ref,
    });
    return undefined;
  }
  const declared = parts.type ?? named?.type;
  if (declared === undefined) return {};
  const where = parts.type !== undefined ? parts.paths.type : parts.paths.ref;
  const sourceType = typeof declared === 'string' ? sourceTypeOf(declared) : undefined;
  if (!sourceType) {
    const through = parts.type === undefined ? ` (the type of DataSource "${ref}")` : '';
    context.problems.report(document, where, `the data source type ${JSON.stringify(declared)}${through} is not one this portal reads, so its query cannot be sent anywhere; types read: ${READ_OPENSLO_TYPES}.`, {
      found: declared,
      expected: 'type: Prometheus or type: Datadog',
      didYouMean: typeof declared === 'string' ? didYouMean(declared, OPENSLO_TYPE_NAMES) : undefined,
    });
    return undefined;
  }
  const viaRef = named?.type;
  if (parts.type !== undefined && typeof viaRef === 'string' && sourceTypeOf(viaRef) !== sourceType) {
    context.problems.report(document, where, `the type "${String(parts.type)}" contradicts the type "${viaRef}" of DataSource "${ref}".`, {
      found: parts.type,
      expected: viaRef,
    });
    return undefined;
  }
  return { sourceType };
}

/** Reads the query, the source name and the source type of one metric. */
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
  const example = fields.sourceRef === 'dataSourceRef'
    ? '{dataSourceRef: prometheus, spec: {query: http_requests_total{code!~"5.."}}}'
    : '{metricSource: {metricSourceRef: prometheus, spec: {query: http_requests_total{code!~"5.."}}}}';
  if (fields.sourceRef === 'dataSourceRef' && isRecord(value) && value.metricSource !== undefined) {
    problems.report(document, childPath(path, 'metricSource'), 'openslo.com/v2alpha has no metricSource: a metric names its DataSource with dataSourceRef (or inlines it as dataSourceSpec) and holds its spec itself (enhancements/v2alpha.md, SLI).', {
      found: 'metricSource',
      expected: example,
    });
    return undefined;
  }
  const parts = metricParts(fields, value, path);
  const query = isRecord(parts.spec) ? parts.spec.query : undefined;
  if (typeof query !== 'string' || query.trim() === '') {
    problems.report(document, parts.paths.query, 'the metric has no query.', { found: value, expected: example });
    return undefined;
  }
  const misplaced = fields.sourceRef === 'metricSourceRef' && isRecord(value) && isRecord(value.metricSource) ? value.metricSource.dataSourceRef : undefined;
  if (misplaced !== undefined && parts.ref === undefined) {
    problems.report(document, childPath(path, 'metricSource.dataSourceRef'), 'this apiVersion names the data source with "metricSourceRef", not "dataSourceRef".', {
      found: 'dataSourceRef',
      didYouMean: 'metricSourceRef',
    });
    return undefined;
  }
  const ref = typeof parts.ref === 'string' ? parts.ref : undefined;
  const type = readSourceType(context, document, parts, ref);
  if (!type) return undefined;
  return checkedQuery(problems, document, parts.paths.query, {
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
  const queryPath = isAlphaMetric(value) ? childPath(path, 'query') : metricParts(context.fields, value, path).paths.query;
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
