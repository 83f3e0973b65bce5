import { parseDuration } from '../math/parseDuration';
import type { ComparisonOperator, SliSpec } from '../model/SloDefinition';
import type { ProblemDetails } from '../parse/ProblemCollector';
import { didYouMean } from '../util/didYouMean';
import type { FoundIndicator } from './findIndicator';
import { isRecord, OpenSloDocument, OpenSloProblems } from './openSloDocuments';
import { selectorsToHistogram } from './openSloQueries';
import { checkedQuery, MetricContext, readEventMetric, readMetric } from './readMetricSource';

const OPERATORS: Record<string, ComparisonOperator> = { lt: '<', lte: '<=', gt: '>', gte: '>=' };

/** What one objective of an SLO needs to become an SLI. */
export interface ObjectiveContext {
  sloDocument: OpenSloDocument;
  budgetingMethod: string;
  objective: Record<string, unknown>;
  objectivePath: string;
  sloName: string;
}

/**
 * Maps an indicator and one objective to an SLI by budgeting method:
 * Occurrences counts events (ratio, histogram, gauge samples), Timeslices
 * counts good slices, RatioTimeslices averages the slices' ratios.
 */
export function mapIndicator(
  metrics: MetricContext,
  indicator: FoundIndicator,
  context: ObjectiveContext,
): { sli: SliSpec; source?: string; sourceType?: string } | undefined {
  const problems: OpenSloProblems = metrics.problems;
  const { sloDocument, budgetingMethod, objective, objectivePath, sloName } = context;
  const { spec, path, document } = indicator;
  // v1alpha keeps ratio metrics on the objective.
  let ratio: Record<string, unknown> | undefined;
  if (isRecord(spec.ratioMetric)) ratio = spec.ratioMetric;
  else if (isRecord(objective.ratioMetrics)) ratio = objective.ratioMetrics;
  const ratioPath = isRecord(spec.ratioMetric) ? `${path}.ratioMetric` : `${objectivePath}.ratioMetrics`;
  const threshold = isRecord(spec.thresholdMetric) ? spec.thresholdMetric : undefined;
  const report = (at: OpenSloDocument, where: string, message: string, details: ProblemDetails = {}) =>
    problems.report(at, where, message, details, sloName);

  // One SLO reads one source: the metrics must agree on its name and type.
  const sources = (...items: Array<{ source?: string; sourceType?: string } | undefined>) => {
    const names = [...new Set(items.map(item => item?.source).filter((s): s is string => !!s))];
    const types = [...new Set(items.map(item => item?.sourceType).filter((s): s is string => !!s))];
    if (names.length > 1 || types.length > 1) {
      const found = (names.length > 1 ? names : types).join(', ');
      report(document, path, `the metrics use different data sources (${found}); one SLO reads one source.`, { found });
      return undefined;
    }
    return { ...(names[0] !== undefined ? { source: names[0] } : {}), ...(types[0] !== undefined ? { sourceType: types[0] } : {}) };
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
    // The README's Objectives notes: "Default interpretation of unit if specified as a number in minutes."
    const window = objective.timeSliceWindow;
    const seconds = typeof window === 'number' ? window * 60 : parseDuration(window);
    if (seconds === undefined || !Number.isInteger(seconds) || seconds < 10 || seconds > 86400) {
      report(sloDocument, `${objectivePath}.timeSliceWindow`, 'Timeslices objectives need a timeSliceWindow between 10s and 1d, in whole seconds (a plain number is minutes).', {
        found: objective.timeSliceWindow,
        expected: 'timeSliceWindow: 1m, or timeSliceWindow: 5 for five minutes',
      });
      return undefined;
    }
    return seconds;
  };

  if (ratio && ratio.raw !== undefined) {
    report(document, `${ratioPath}.raw`, 'ratioMetric.raw (a precomputed ratio, with rawType) is not supported: a stored ratio has no event counts, so buckets cannot be added up into windows. Write good (or bad) and total over the events instead.', {
      found: 'raw',
      expected: 'good and total, or bad and total',
    });
    return undefined;
  }
  if (ratio) {
    const good = ratio.good !== undefined ? readEventMetric(metrics, document, ratio.good, `${ratioPath}.good`, ratio.counter) : undefined;
    const bad = ratio.bad !== undefined ? readEventMetric(metrics, document, ratio.bad, `${ratioPath}.bad`, ratio.counter) : undefined;
    const total = readEventMetric(metrics, document, ratio.total, `${ratioPath}.total`, ratio.counter);
    if ((ratio.good === undefined) === (ratio.bad === undefined)) {
      report(document, ratioPath, 'a ratioMetric needs exactly one of "good" and "bad" next to "total".', { expected: 'good and total, or bad and total' });
      return undefined;
    }
    if (!total || (!good && !bad)) return undefined;
    const source = sources(good, bad, total);
    if (!source) return undefined;
    if (budgetingMethod === 'RatioTimeslices') {
      // The README's SLO notes: "an average of all time slices' success ratios in a budgeting period".
      if (!good) {
        report(document, ratioPath, 'RatioTimeslices over a ratio need "good" and "total"; "bad" is not supported there yet.', { expected: 'good and total' });
        return undefined;
      }
      const slice = sliceSeconds();
      if (slice === undefined) return undefined;
      return {
        sli: { kind: 'timeSlice', sliceSeconds: slice, operator: '>=', threshold: 0, value: { good: good.query, total: total.query }, sliceRatios: true },
        ...source,
      };
    }
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
        ...source,
      };
    }
    if (good && 'selector' in good.query && 'selector' in total.query) {
      const histogram = selectorsToHistogram(good.query.selector, total.query.selector);
      if (histogram) return { sli: { kind: 'latency', mode: 'histogram', ...histogram }, ...source };
    }
    return { sli: good ? { kind: 'ratio', good: good.query, total: total.query } : { kind: 'ratio', bad: bad!.query, total: total.query }, ...source };
  }
  if (threshold || typeof spec.query === 'string') {
    const metric = threshold
      ? readMetric(metrics, document, threshold, `${path}.thresholdMetric`)
      : checkedQuery(problems, document, `${path}.query`, {
          query: String(spec.query),
          source: typeof spec.source === 'string' ? spec.source : undefined,
        });
    if (budgetingMethod === 'RatioTimeslices') {
      report(sloDocument, 'spec.budgetingMethod', 'RatioTimeslices averages every time slice\'s good/total ratio, so it needs a ratioMetric; a thresholdMetric has no ratio per slice. Use Timeslices (slices whose value meets op and value) or Occurrences.', {
        found: 'RatioTimeslices',
        expected: 'a ratioMetric, or budgetingMethod: Timeslices',
      });
      return undefined;
    }
    const operator = operatorOf();
    const value = valueOf();
    if (!metric || !operator || value === undefined) return undefined;
    const { query, ...source } = metric;
    if (budgetingMethod === 'Timeslices') {
      const slice = sliceSeconds();
      if (slice === undefined) return undefined;
      return { sli: { kind: 'timeSlice', sliceSeconds: slice, operator, threshold: value, value: { query } }, ...source };
    }
    return { sli: { kind: 'latency', mode: 'gauge', query, operator, threshold: value }, ...source };
  }
  report(document, path, 'the SLI has neither a ratioMetric nor a thresholdMetric.', {
    expected: 'ratioMetric: {good, total} or thresholdMetric: {metricSource}',
  });
  return undefined;
}
