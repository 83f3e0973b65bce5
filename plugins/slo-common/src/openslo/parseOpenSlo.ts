import { parseDuration } from '../math/parseDuration';
import { calendarWindow, rollingWindow } from '../math/parseWindow';
import { normalizeEntityRef, sloId } from '../math/sloId';
import { SLO_OPENSLO_ANNOTATION } from '../model/annotations';
import type {
  ComparisonOperator,
  EventQuery,
  SliSpec,
  SloDefinition,
  SloObjective,
  SloWindow,
} from '../model/SloDefinition';
import type { ValidationProblem } from '../model/ValidationProblem';
import { childPath, ProblemCollector, showValue } from '../parse/ProblemCollector';
import { queryTextProblem } from '../parse/queryTextProblem';
import { parseYamlSafely } from '../parse/parseYamlSafely';
import { kebabCase, NAME_PATTERN, MAX_NAME_LENGTH } from '../parse/readFields';
import { describeType } from '../util/describeType';
import { didYouMean } from '../util/didYouMean';
import { IANAZone } from 'luxon';
import { MINIMUM_EVENTS_ANNOTATION, selectorsToHistogram, toEventQuery } from './openSloQueries';

/** OpenSLO versions read. */
const API_VERSIONS = ['openslo/v1', 'openslo/v1alpha'];
/** Kinds read; the others are accepted and ignored. */
const KINDS = ['SLO', 'SLI', 'DataSource', 'AlertPolicy', 'AlertCondition', 'AlertNotificationTarget', 'Service'];

const OPERATORS: Record<string, ComparisonOperator> = { lt: '<', lte: '<=', gt: '>', gte: '>=' };

/** One OpenSLO document with where it came from. */
export interface OpenSloDocument {
  location: string;
  /** Index of the document in its file, for problem paths. */
  index: number;
  value: Record<string, unknown>;
}

/**
 * Options of {@link parseOpenSlo}.
 *
 * @public
 */
export interface ParseOpenSloOptions {
  entityRef: string;
  /** Where the content was read from, shown in problems. */
  location: string;
  /** Source instances configured in app-config; DataSource names are checked against them. */
  knownSources?: readonly string[];
}

/**
 * SLOs read from OpenSLO, plus problems.
 *
 * @public
 */
export interface ParsedSlos {
  slos: SloDefinition[];
  problems: ValidationProblem[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
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

/** The first of the values that is a string. */
function firstString(...values: unknown[]): string | undefined {
  return values.find((value): value is string => typeof value === 'string');
}

/** A v1alpha metric: `{source, queryType, query}` without metricSource. */
function apiVersionIsAlpha(value: unknown): boolean {
  return isRecord(value) && value.metricSource === undefined && typeof value.query === 'string' && value.query.trim() !== '';
}

/** Shared state while mapping a set of OpenSLO documents. */
class OpenSloReader {
  readonly slis = new Map<string, { document: OpenSloDocument; spec: unknown }>();
  readonly dataSources = new Set<string>();

  constructor(
    private readonly problems: ProblemCollector,
    private readonly entityRef: string,
    private readonly knownSources: readonly string[] | undefined,
  ) {}

  private report(document: OpenSloDocument, path: string, message: string, details: Parameters<ProblemCollector['add']>[2] = {}, sloName?: string) {
    this.problems
      .scoped({ location: document.location, ...(sloName ? { sloName } : {}) })
      .add(path === '' ? `[${document.index}]` : `[${document.index}].${path}`, `${document.location}, document ${document.index + 1}: ${message}`, details);
  }

  /** First pass: index SLIs and DataSources by name; check apiVersion and kind. */
  index(documents: OpenSloDocument[]): OpenSloDocument[] {
    const slos: OpenSloDocument[] = [];
    for (const document of documents) {
      const { apiVersion, kind, metadata } = document.value;
      if (typeof apiVersion !== 'string' || !API_VERSIONS.includes(apiVersion)) {
        this.report(document, 'apiVersion', `apiVersion ${JSON.stringify(apiVersion ?? null)} is not read here.`, {
          found: apiVersion,
          expected: 'openslo/v1 (or openslo/v1alpha)',
          didYouMean: typeof apiVersion === 'string' ? didYouMean(apiVersion, API_VERSIONS) : undefined,
        });
        continue;
      }
      if (typeof kind !== 'string' || !KINDS.includes(kind)) {
        this.report(document, 'kind', `kind ${JSON.stringify(kind ?? null)} is not an OpenSLO kind.`, {
          found: kind,
          expected: KINDS.join(', '),
          didYouMean: typeof kind === 'string' ? didYouMean(kind, KINDS) : undefined,
        });
        continue;
      }
      const name = isRecord(metadata) && typeof metadata.name === 'string' ? metadata.name : undefined;
      if (!name) {
        this.report(document, 'metadata.name', `the ${kind} has no metadata.name.`, { expected: 'metadata: {name: checkout-availability}' });
        continue;
      }
      if (kind === 'SLI') this.slis.set(name, { document, spec: document.value.spec });
      else if (kind === 'DataSource') this.dataSources.add(name);
      else if (kind === 'SLO') slos.push(document);
    }
    return slos;
  }

  /** Reads `metricSource.spec.query` and the source name of one metric. */
  private metric(
    document: OpenSloDocument,
    value: unknown,
    path: string,
  ): { query: string; source?: string } | undefined {
    const metricSource = isRecord(value) ? value.metricSource : undefined;
    const spec = isRecord(metricSource) ? metricSource.spec : undefined;
    // v1alpha writes {source, queryType, query} directly.
    if (apiVersionIsAlpha(value)) {
      const alpha = value as Record<string, unknown>;
      return this.checkedQuery(document, childPath(path, 'query'), {
        query: String(alpha.query),
        source: typeof alpha.source === 'string' ? alpha.source : undefined,
      });
    }
    const query = isRecord(spec) ? spec.query : undefined;
    if (typeof query !== 'string' || query.trim() === '') {
      this.report(document, childPath(path, 'metricSource.spec.query'), 'the metric has no query.', {
        found: value,
        expected: 'metricSource: {metricSourceRef: prometheus, spec: {query: http_requests_total{code!~"5.."}}}',
      });
      return undefined;
    }
    const ref = isRecord(metricSource) ? metricSource.metricSourceRef : undefined;
    return this.checkedQuery(document, childPath(path, 'metricSource.spec.query'), {
      query,
      source: typeof ref === 'string' ? ref : undefined,
    });
  }

  /** The metric when its query text is fit to be looked at further (see queryTextProblem). */
  private checkedQuery(
    document: OpenSloDocument,
    path: string,
    metric: { query: string; source?: string },
  ): { query: string; source?: string } | undefined {
    const problem = queryTextProblem(metric.query);
    if (problem) {
      this.report(document, path, `the query is not valid: ${problem}`, { found: metric.query });
      return undefined;
    }
    return metric;
  }

  /** Reads an event query that must count events per bucket. */
  private eventQuery(document: OpenSloDocument, value: unknown, path: string): { query: EventQuery; source?: string } | undefined {
    const metric = this.metric(document, value, path);
    if (!metric) return undefined;
    const query = toEventQuery(metric.query);
    if ('query' in query && !/\{\{\s*window\s*\}\}/.test(query.query)) {
      this.report(document, childPath(path, 'metricSource.spec.query'), 'the query is not a counter selector and has no {{window}} placeholder, so events cannot be counted per bucket. Write a counter selector (http_requests_total{code!~"5.."}) or put {{window}} where the range goes.', {
        found: metric.query,
        expected: 'a counter selector, or a query with [{{window}}]',
      });
      return undefined;
    }
    return { query, source: metric.source };
  }

  private window(document: OpenSloDocument, spec: Record<string, unknown>, apiVersion: string): SloWindow | undefined {
    const key = apiVersion === 'openslo/v1alpha' ? 'timeWindows' : 'timeWindow';
    const list = spec[key];
    const item = Array.isArray(list) ? list[0] : undefined;
    const path = `spec.${key}[0]`;
    if (!isRecord(item) || (Array.isArray(list) && list.length !== 1)) {
      this.report(document, `spec.${key}`, `spec.${key} must be a list with one time window.`, {
        found: list,
        expected: `${key}: [{duration: 30d, isRolling: true}]`,
      });
      return undefined;
    }
    let duration = item.duration;
    if (duration === undefined && typeof item.count === 'number' && typeof item.unit === 'string') {
      // v1alpha: {count: 28, unit: Day}
      const units: Record<string, string> = { Second: 's', Minute: 'm', Hour: 'h', Day: 'd', Week: 'w', Month: 'M', Quarter: 'Q', Year: 'Y' };
      duration = `${item.count}${units[item.unit] ?? item.unit}`;
    }
    const text = typeof duration === 'string' ? duration.trim() : '';
    const isRolling = item.isRolling !== false && !isRecord(item.calendar);
    if (isRolling) {
      const seconds = parseDuration(text);
      if (seconds === undefined || !Number.isInteger(seconds) || seconds < 3600 || seconds > 366 * 86400) {
        this.report(document, childPath(path, 'duration'), `the rolling window "${text}" is not a duration between 1h and 366d (months and years vary in length: use a calendar window for them).`, {
          found: duration,
          expected: 'a duration such as 30d or 4w',
        });
        return undefined;
      }
      return rollingWindow(seconds);
    }
    const units: Record<string, 'week' | 'month' | 'quarter'> = { '1w': 'week', '7d': 'week', '1M': 'month', '1Q': 'quarter', '3M': 'quarter' };
    const unit = units[text];
    const calendar = isRecord(item.calendar) ? item.calendar : {};
    const timeZone = typeof calendar.timeZone === 'string' ? calendar.timeZone : 'UTC';
    if (!unit) {
      this.report(document, childPath(path, 'duration'), `the calendar window "${text}" is not a week, month or quarter.`, {
        found: duration,
        expected: '1w, 1M or 1Q',
      });
      return undefined;
    }
    if (!IANAZone.isValidZone(timeZone)) {
      this.report(document, childPath(path, 'calendar.timeZone'), `"${timeZone}" is not a known IANA time zone.`, {
        found: timeZone,
        expected: 'an IANA time zone such as UTC or Europe/Berlin',
      });
      return undefined;
    }
    return calendarWindow(unit, timeZone);
  }

  private indicator(document: OpenSloDocument, spec: Record<string, unknown>, sloName: string): { spec: Record<string, unknown>; path: string; document: OpenSloDocument } | undefined {
    if (isRecord(spec.indicator)) {
      const indicatorSpec = spec.indicator.spec ?? spec.indicator; // v1alpha puts thresholdMetric directly
      if (isRecord(indicatorSpec)) return { spec: indicatorSpec, path: 'spec.indicator.spec', document };
    }
    if (typeof spec.indicatorRef === 'string') {
      const sli = this.slis.get(spec.indicatorRef);
      if (sli && isRecord(sli.spec)) return { spec: sli.spec, path: 'spec', document: sli.document };
      this.report(document, 'spec.indicatorRef', `no SLI named "${spec.indicatorRef}" was found.`, {
        found: spec.indicatorRef,
        expected: this.slis.size > 0 ? `one of ${[...this.slis.keys()].join(', ')}` : 'an SLI document in the same files',
        didYouMean: didYouMean(spec.indicatorRef, [...this.slis.keys()]),
      }, sloName);
      return undefined;
    }
    // v1alpha may keep the metrics on each objective (ratioMetrics) instead.
    if (Array.isArray(spec.objectives) && spec.objectives.length > 0 && spec.objectives.every(o => isRecord(o) && isRecord(o.ratioMetrics))) {
      return { spec: {}, path: 'spec', document };
    }
    this.report(document, 'spec', 'the SLO has neither an inline "indicator" nor an "indicatorRef".', {
      expected: 'indicatorRef: my-sli, or indicator: {metadata: {name}, spec: {ratioMetric: ...}}',
    }, sloName);
    return undefined;
  }

  /** Reads one SLO document into one or more definitions. */
  read(document: OpenSloDocument): SloDefinition[] {
    const before = this.problems.count;
    const { apiVersion, metadata, spec } = document.value as { apiVersion: string; metadata: Record<string, unknown>; spec: unknown };
    const name = String(metadata.name);
    if (!NAME_PATTERN.test(name) || name.length > MAX_NAME_LENGTH) {
      // Shortened: a name of 100,000 characters must not come back whole in every message.
      this.report(document, 'metadata.name', `"${showValue(name)}" is not a valid SLO name: use lowercase kebab-case of at most ${MAX_NAME_LENGTH} characters.`, {
        found: name,
        expected: 'lowercase letters, digits and hyphens',
        didYouMean: kebabCase(name) || undefined,
      }, showValue(name));
    }
    if (!isRecord(spec)) {
      this.report(document, 'spec', 'the SLO has no spec.', { expected: 'spec: {indicatorRef, timeWindow, budgetingMethod, objectives}' }, name);
      return [];
    }
    const budgetingMethod = spec.budgetingMethod ?? 'Occurrences';
    if (budgetingMethod !== 'Occurrences' && budgetingMethod !== 'Timeslices') {
      this.report(document, 'spec.budgetingMethod', `budgetingMethod "${String(budgetingMethod)}" is not supported.`, {
        found: budgetingMethod,
        expected: 'Occurrences or Timeslices',
        didYouMean: typeof budgetingMethod === 'string' ? didYouMean(budgetingMethod, ['Occurrences', 'Timeslices']) : undefined,
      }, name);
    }
    const window = this.window(document, spec, apiVersion);
    const indicator = this.indicator(document, spec, name);
    const objectives = Array.isArray(spec.objectives) ? spec.objectives : [];
    if (objectives.length === 0) {
      this.report(document, 'spec.objectives', 'the SLO has no objectives.', { expected: 'objectives: [{displayName: standard, target: 0.999}]' }, name);
    }

    // Objectives that share a threshold share one definition; others split off.
    const groups = new Map<string, Array<{ objective: SloObjective; raw: Record<string, unknown>; index: number }>>();
    objectives.forEach((raw: unknown, index: number) => {
      const path = `spec.objectives[${index}]`;
      if (!isRecord(raw)) {
        this.report(document, path, 'an objective must be a mapping.', { found: raw }, name);
        return;
      }
      let target: number | undefined;
      if (typeof raw.target === 'number') target = raw.target;
      else if (typeof raw.targetPercent === 'number') target = Number((raw.targetPercent / 100).toPrecision(12));
      if (target === undefined || !(target > 0.01 && target < 1)) {
        this.report(document, `${path}.target`, target === undefined
          ? 'the objective has no target.'
          : `the target ${target} is not a fraction between 0.01 and 1 (exclusive); use targetPercent for percentages.`, {
          found: raw.target ?? raw.targetPercent,
          expected: 'target: 0.999 or targetPercent: 99.9',
        }, name);
        return;
      }
      const objectiveName = firstString(raw.displayName, raw.name) ?? '';
      const key = JSON.stringify([raw.op ?? null, raw.value ?? null, raw.timeSliceTarget ?? null, raw.timeSliceWindow ?? null, raw.ratioMetrics ?? null]);
      const group = groups.get(key) ?? [];
      group.push({ objective: { name: objectiveName, target }, raw, index });
      groups.set(key, group);
    });
    if (this.problems.count > before || !window || !indicator) return [];

    const minimumEvents = Number((isRecord(metadata.annotations) ? metadata.annotations : {})[MINIMUM_EVENTS_ANNOTATION]);
    const labels: Record<string, string> = {};
    if (isRecord(metadata.labels)) {
      for (const [key, value] of Object.entries(metadata.labels)) {
        if (!/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(key)) {
          this.report(document, `metadata.labels.${key}`, `"${key}" is not a valid label name: use letters, digits and underscores.`, { found: key }, name);
          continue;
        }
        labels[key] = Array.isArray(value) ? value.map(String).join(',') : String(value);
      }
    }
    const description = firstString(spec.description, metadata.displayName);

    const definitions: SloDefinition[] = [];
    const groupList = [...groups.values()];
    for (const group of groupList) {
      const first = group[0];
      const sloName =
        groupList.length === 1 ? name : `${name}-${kebabCase(first.objective.name) || `objective-${first.index + 1}`}`;
      const mapped = this.sli(document, indicator, budgetingMethod as string, first.raw, `spec.objectives[${first.index}]`, sloName);
      if (!mapped) continue;
      if (mapped.source && this.knownSources && !this.knownSources.includes(mapped.source)) {
        this.report(document, 'metricSourceRef', `no source named "${mapped.source}" is configured in app-config.`, {
          found: mapped.source,
          expected: this.knownSources.length > 0 ? `one of ${this.knownSources.join(', ')}` : 'a configured source name',
          didYouMean: didYouMean(mapped.source, this.knownSources),
        }, sloName);
        continue;
      }
      const definition: SloDefinition = {
        id: sloId(this.entityRef, sloName),
        entityRef: this.entityRef,
        name: sloName,
        sli: mapped.sli,
        objectives: group.map(entry => entry.objective),
        window,
        labels: { ...labels },
        origin: { kind: 'openslo', annotation: SLO_OPENSLO_ANNOTATION, detail: document.location },
      };
      if (description !== undefined) definition.description = description;
      if (mapped.source !== undefined) definition.source = mapped.source;
      if (Number.isInteger(minimumEvents) && minimumEvents >= 0) definition.minimumEvents = minimumEvents;
      definitions.push(definition);
    }
    return definitions;
  }

  private sli(
    sloDocument: OpenSloDocument,
    indicator: { spec: Record<string, unknown>; path: string; document: OpenSloDocument },
    budgetingMethod: string,
    objective: Record<string, unknown>,
    objectivePath: string,
    sloName: string,
  ): { sli: SliSpec; source?: string } | undefined {
    const { spec, path, document } = indicator;
    // v1alpha keeps ratio metrics on the objective.
    let ratio: Record<string, unknown> | undefined;
    if (isRecord(spec.ratioMetric)) ratio = spec.ratioMetric;
    else if (isRecord(objective.ratioMetrics)) ratio = objective.ratioMetrics;
    const ratioPath = isRecord(spec.ratioMetric) ? `${path}.ratioMetric` : `${objectivePath}.ratioMetrics`;
    const threshold = isRecord(spec.thresholdMetric) ? spec.thresholdMetric : undefined;
    const report = (at: OpenSloDocument, where: string, message: string, details: Parameters<ProblemCollector['add']>[2] = {}) =>
      this.report(at, where, message, details, sloName);

    const sources = (...items: Array<{ source?: string } | undefined>) => {
      const names = [...new Set(items.map(item => item?.source).filter((s): s is string => !!s))];
      if (names.length > 1) {
        report(document, path, `the metrics use different data sources (${names.join(', ')}); one SLO reads one source.`, { found: names.join(', ') });
      }
      return names[0];
    };
    const operatorOf = (): ComparisonOperator | undefined => {
      const op = objective.op;
      const operator = typeof op === 'string' ? OPERATORS[op] : undefined;
      if (!operator) {
        report(sloDocument, `${objectivePath}.op`, `the objective needs "op" (lt, lte, gt or gte) to compare the metric with "value".`, {
          found: op,
          expected: 'lt, lte, gt or gte',
          didYouMean: typeof op === 'string' ? didYouMean(op, Object.keys(OPERATORS)) : undefined,
        });
      }
      return operator;
    };
    const valueOf = (): number | undefined => {
      if (typeof objective.value === 'number' && Number.isFinite(objective.value)) return objective.value;
      report(sloDocument, `${objectivePath}.value`, 'the objective needs a numeric "value" to compare the metric with.', { found: objective.value, expected: 'value: 0.3' });
      return undefined;
    };
    const sliceSeconds = (): number | undefined => {
      const seconds = parseDuration(objective.timeSliceWindow);
      if (seconds === undefined || !Number.isInteger(seconds) || seconds < 10 || seconds > 86400) {
        report(sloDocument, `${objectivePath}.timeSliceWindow`, 'Timeslices objectives need a timeSliceWindow between 10s and 1d.', {
          found: objective.timeSliceWindow,
          expected: 'timeSliceWindow: 1m',
        });
        return undefined;
      }
      return seconds;
    };

    if (ratio) {
      const good = ratio.good !== undefined ? this.eventQuery(document, ratio.good, `${ratioPath}.good`) : undefined;
      const bad = ratio.bad !== undefined ? this.eventQuery(document, ratio.bad, `${ratioPath}.bad`) : undefined;
      const total = this.eventQuery(document, ratio.total, `${ratioPath}.total`);
      if ((ratio.good === undefined) === (ratio.bad === undefined)) {
        report(document, ratioPath, 'a ratioMetric needs exactly one of "good" and "bad" next to "total".', { expected: 'good and total, or bad and total' });
        return undefined;
      }
      if (!total || (!good && !bad)) return undefined;
      const source = sources(good, bad, total);
      if (budgetingMethod === 'Timeslices') {
        if (!good) {
          report(document, ratioPath, 'Timeslices over a ratio need "good" and "total"; "bad" is not supported there.', { expected: 'good and total' });
          return undefined;
        }
        const slice = sliceSeconds();
        const target = objective.timeSliceTarget;
        if (typeof target !== 'number' || target < 0 || target > 1) {
          report(sloDocument, `${objectivePath}.timeSliceTarget`, 'Timeslices over a ratio need a timeSliceTarget between 0 and 1: the ratio a slice must reach to be good.', {
            found: target,
            expected: 'timeSliceTarget: 0.95',
          });
          return undefined;
        }
        if (slice === undefined) return undefined;
        return {
          sli: { kind: 'timeSlice', sliceSeconds: slice, operator: '>=', threshold: target, value: { good: good.query, total: total.query } },
          source,
        };
      }
      if (good && 'selector' in good.query && 'selector' in total.query) {
        const histogram = selectorsToHistogram(good.query.selector, total.query.selector);
        if (histogram) return { sli: { kind: 'latency', mode: 'histogram', ...histogram }, source };
      }
      return { sli: good ? { kind: 'ratio', good: good.query, total: total.query } : { kind: 'ratio', bad: bad!.query, total: total.query }, source };
    }
    if (threshold || typeof spec.query === 'string') {
      const metric = threshold
        ? this.metric(document, threshold, `${path}.thresholdMetric`)
        : this.checkedQuery(document, `${path}.query`, {
            query: String(spec.query),
            source: typeof spec.source === 'string' ? spec.source : undefined,
          });
      const operator = operatorOf();
      const value = valueOf();
      if (!metric || !operator || value === undefined) return undefined;
      if (budgetingMethod === 'Timeslices') {
        const slice = sliceSeconds();
        if (slice === undefined) return undefined;
        return { sli: { kind: 'timeSlice', sliceSeconds: slice, operator, threshold: value, value: { query: metric.query } }, source: metric.source };
      }
      return { sli: { kind: 'latency', mode: 'gauge', query: metric.query, operator, threshold: value }, source: metric.source };
    }
    report(document, path, 'the SLI has neither a ratioMetric nor a thresholdMetric.', {
      expected: 'ratioMetric: {good, total} or thresholdMetric: {metricSource}',
    });
    return undefined;
  }
}

/**
 * Maps OpenSLO documents (from one or several files) to SLO definitions. SLOs
 * may reference SLIs in any of the files; names must be unique.
 */
export function mapOpenSloDocuments(
  documents: OpenSloDocument[],
  problems: ProblemCollector,
  options: { entityRef: string; knownSources?: readonly string[] },
): SloDefinition[] {
  const reader = new OpenSloReader(problems, normalizeEntityRef(options.entityRef), options.knownSources);
  return reader.index(documents).flatMap(document => reader.read(document));
}

/**
 * Reads OpenSLO v1 YAML (several documents; kinds SLO, SLI, DataSource,
 * AlertPolicy; `openslo/v1alpha` too) into SLO definitions. SLOs reference an
 * SLI by `indicatorRef` or inline it as `indicator`; `ratioMetric` (good or
 * bad over total) and `thresholdMetric` map to ratio, latency and time-slice
 * SLIs; a DataSource's name (`metricSourceRef`) becomes the SLO's `source`.
 * Objectives with different thresholds become separate SLOs named
 * `<slo>-<objective>`. AlertPolicies are accepted and ignored: alerts follow
 * the SRE Workbook rules. Never throws.
 *
 * @public
 */
export function parseOpenSlo(content: string, options: ParseOpenSloOptions): ParsedSlos {
  const entityRef = normalizeEntityRef(options.entityRef);
  const problems = new ProblemCollector(entityRef, SLO_OPENSLO_ANNOTATION);
  const documents = readOpenSloFile(content, options.location, problems);
  const slos = mapOpenSloDocuments(documents, problems, { entityRef, knownSources: options.knownSources });
  return { slos, problems: problems.problems };
}
