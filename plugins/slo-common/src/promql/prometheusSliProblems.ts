import type { EventQuery, SliSpec } from '../model';
import { PROMQL_METRIC_NAME, splitSelector } from './splitSelector';
import type { PromqlOptions } from './sliQueries';

function metricNameProblems(metric: string, field: string): string[] {
  return metric === '' || PROMQL_METRIC_NAME.test(metric)
    ? []
    : [
        `${field}: "${metric}" is not a Prometheus metric name (letters, digits, _ and : only); a dotted name such as this belongs to another source, e.g. Datadog: set "source" to that instance`,
      ];
}

function eventQueryProblems(
  events: EventQuery | undefined,
  field: string,
): string[] {
  if (!events) return [];
  if ('selector' in events) {
    const parts = splitSelector(events.selector);
    if (!parts) {
      return [
        `${field}: "${events.selector}" is not a series selector; write a counter selector such as http_requests_total{code!~"5.."}, or a full query with a {{window}} placeholder`,
      ];
    }
    return metricNameProblems(parts.metric, field);
  }
  return events.query.trim() === ''
    ? [
        `${field}: the query is empty; write a PromQL query with a {{window}} placeholder`,
      ]
    : [];
}

/**
 * What keeps an SLI from being answered exactly by a Prometheus-compatible
 * source with buckets of `bucketSeconds`: one message per problem, each
 * naming the field and how to fix it. Empty when the SLI can be queried.
 * Never throws.
 *
 * @public
 */
export function prometheusSliProblems(
  sli: SliSpec,
  bucketSeconds: number,
  options: PromqlOptions = {},
): string[] {
  switch (sli.kind) {
    case 'ratio': {
      const problems = [
        ...eventQueryProblems(sli.good, 'sli.good'),
        ...eventQueryProblems(sli.bad, 'sli.bad'),
        ...eventQueryProblems(sli.total, 'sli.total'),
      ];
      if ((sli.good === undefined) === (sli.bad === undefined)) {
        problems.push('sli: set exactly one of good and bad next to total');
      }
      return problems;
    }
    case 'latency': {
      if (sli.mode === 'histogram') {
        const parts = splitSelector(sli.metric);
        const problems: string[] = [];
        if (!parts || parts.metric === '') {
          problems.push(
            `sli.histogram: "${sli.metric}" is not a histogram name with an optional selector; write e.g. http_request_duration_seconds{service="checkout"}`,
          );
        } else {
          problems.push(...metricNameProblems(parts.metric, 'sli.histogram'));
        }
        if (!Number.isFinite(sli.threshold)) {
          problems.push(
            `sli.threshold: ${sli.threshold} is not a finite bucket boundary; use one of the histogram's le values`,
          );
        }
        return problems;
      }
      const sampleSeconds = options.gaugeSampleSeconds ?? 60;
      return bucketSeconds % sampleSeconds === 0
        ? []
        : [
            `sli: gauge samples every ${sampleSeconds} s do not divide ${bucketSeconds} s buckets; choose a sample interval that divides the bucket`,
          ];
    }
    case 'timeSlice': {
      const problems: string[] = [];
      if (sli.sliceRatios && !('good' in sli.value)) {
        problems.push('sli: the average of slice ratios (RatioTimeslices) needs a good and a total query, not a single value query');
      }
      if ('good' in sli.value) {
        problems.push(
          ...eventQueryProblems(sli.value.good, 'sli.good'),
          ...eventQueryProblems(sli.value.total, 'sli.total'),
        );
      }
      const slice = sli.sliceSeconds;
      const fits =
        slice > 0 &&
        Number.isInteger(slice) &&
        (slice <= bucketSeconds
          ? bucketSeconds % slice === 0
          : slice % bucketSeconds === 0);
      if (!fits) {
        problems.push(
          `sli.slice: slices of ${slice} s do not line up with ${bucketSeconds} s buckets; use a slice that divides ${bucketSeconds} s or is a whole multiple of it (e.g. 1m, 5m, 1h)`,
        );
      }
      return problems;
    }
    default:
      return [`sli: unknown SLI kind in ${JSON.stringify(sli)}`];
  }
}
