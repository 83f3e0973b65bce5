import type {
  ComparisonOperator,
  EventQuery,
  SliSpec,
} from '@slo-kit/plugin-slo-common';

/**
 * The Datadog metric queries that answer one SLI, each with one point per
 * `stepSeconds` (the `.rollup()` interval), and how their points become
 * events:
 *
 * - `counts`: `good` (or `bad`) and `total` are event counts per bucket;
 * - `samples`: every point of `value` is one event, good when it compares to
 *   the threshold (gauge latency SLIs);
 * - `slices`: every point of `value`, or of `good` / `total`, is one time
 *   slice, good when the value compares to the threshold.
 *
 * @public
 */
export type DatadogSliQueries =
  | {
      kind: 'counts';
      stepSeconds: number;
      good?: string;
      bad?: string;
      total: string;
    }
  | {
      kind: 'samples';
      stepSeconds: number;
      value: string;
      operator: ComparisonOperator;
      threshold: number;
    }
  | {
      kind: 'slices';
      stepSeconds: number;
      value: string | { good: string; total: string };
      operator: ComparisonOperator;
      threshold: number;
    };

/**
 * Options of {@link datadogSliQueries}.
 *
 * @public
 */
export interface DatadogQueryOptions {
  /** How often a gauge SLI is sampled, in seconds; each sample is one event. Default 60. */
  gaugeSampleSeconds?: number;
}

/**
 * An SLI that cannot be turned into Datadog queries; `message` says what to
 * change in the SLO definition.
 *
 * @public
 */
export class DatadogQueryProblem extends Error {
  readonly name = 'DatadogQueryProblem';
}

const WINDOW_PLACEHOLDER = /\{\{\s*window\s*\}\}/g;

/** `metric.name` or `metric.name{tag:value,!other:x}`: what `sum:<selector>.as_count()` accepts. */
const DATADOG_SELECTOR = /^\s*([A-Za-z][A-Za-z0-9_.]*)\s*(\{[^{}]*\})?\s*$/;

const DEFAULT_GAUGE_SAMPLE_SECONDS = 60;

/**
 * Splits a Datadog selector `metric.name{tag:value,...}` into the metric and
 * its scope (`*` when there are no tags); undefined when the text is not a
 * plain selector (a full query with an aggregator or functions).
 *
 * @public
 */
export function splitDatadogSelector(
  selector: string,
): { metric: string; scope: string } | undefined {
  const match = DATADOG_SELECTOR.exec(selector);
  if (!match) return undefined;
  const scope = (match[2] ?? '{*}').slice(1, -1).trim();
  return { metric: match[1], scope: scope === '' ? '*' : scope };
}

function selectorOrProblem(
  selector: string,
  where: string,
): { metric: string; scope: string } {
  const parts = splitDatadogSelector(selector);
  if (!parts) {
    throw new DatadogQueryProblem(
      `${where} "${selector}" is not a Datadog metric selector. Write metric.name{tag:value,...} (for example trace.http.request.hits{service:checkout}), or put a full Datadog query in the *Query key.`,
    );
  }
  return parts;
}

/**
 * Whether a query has arithmetic between metric queries at its top level
 * (outside tag braces and function parentheses), where one appended
 * `.rollup()` would apply to the last term only.
 */
function hasTopLevelArithmetic(query: string): boolean {
  let braces = 0;
  let parens = 0;
  for (let i = 0; i < query.length; i++) {
    const char = query[i];
    if (char === '{') braces++;
    else if (char === '}') braces = Math.max(0, braces - 1);
    else if (char === '(') parens++;
    else if (char === ')') parens = Math.max(0, parens - 1);
    else if (braces === 0 && parens === 0 && /[+*/-]/.test(char)) return true;
  }
  return false;
}

/**
 * Sets a full query's time aggregation to `stepSeconds`:
 *
 * - a `{{window}}` placeholder (anywhere, usually `.rollup(sum, {{window}})`)
 *   is replaced by the step in seconds, and the query is used as written;
 * - otherwise `.rollup(<aggregator>, <step>)` is appended, which needs a
 *   single metric query without a `.rollup()` of its own.
 *
 * @public
 */
export function withRollup(
  query: string,
  aggregator: 'sum' | 'avg',
  stepSeconds: number,
): string {
  const text = query.trim();
  if (new RegExp(WINDOW_PLACEHOLDER.source).test(text)) {
    return text.replace(WINDOW_PLACEHOLDER, String(stepSeconds));
  }
  if (/\.rollup\s*\(/.test(text)) {
    throw new DatadogQueryProblem(
      `The query "${text}" sets its own .rollup() interval, so its points would not match ${stepSeconds}-second buckets. Write the interval as {{window}}, e.g. .rollup(${aggregator}, {{window}}), or drop the .rollup() and let the source add .rollup(${aggregator}, ${stepSeconds}).`,
    );
  }
  if (hasTopLevelArithmetic(text)) {
    throw new DatadogQueryProblem(
      `The query "${text}" combines several metric queries with arithmetic, and one appended .rollup() would only apply to the last of them. Add .rollup(${aggregator}, {{window}}) to each metric query in it.`,
    );
  }
  return `${text}.rollup(${aggregator}, ${stepSeconds})`;
}

/**
 * Events per step for one side of a ratio: a selector becomes
 * `sum:<selector>.as_count().rollup(sum, <step>)`; a full query gets its
 * rollup from {@link withRollup}.
 *
 * @public
 */
export function datadogEventCountQuery(
  events: EventQuery,
  stepSeconds: number,
  where = 'The selector',
): string {
  if ('selector' in events) {
    const { metric, scope } = selectorOrProblem(events.selector, where);
    return `sum:${metric}{${scope}}.as_count().rollup(sum, ${stepSeconds})`;
  }
  return withRollup(events.query, 'sum', stepSeconds);
}

/** Writes a threshold the way Datadog's query language reads it back. */
function datadogNumber(value: number): string {
  if (!Number.isFinite(value)) {
    throw new DatadogQueryProblem(
      `The threshold ${value} is not a finite number.`,
    );
  }
  return String(value);
}

/**
 * The Datadog queries for an SLI at a given bucket length. Throws
 * {@link DatadogQueryProblem} with what to change when the SLI cannot be
 * answered from Datadog.
 *
 * - ratio: event counts per bucket (`.as_count()`, `.rollup(sum, bucket)`).
 * - histogram latency: the SLI's `metric` is a Datadog distribution with
 *   percentiles enabled; good events are counted with a threshold query
 *   `count(v: v<=T):metric{tags}`, all events with `count:metric{tags}`.
 * - gauge latency: the query averaged per `gaugeSampleSeconds`; each point is
 *   one event, good when it compares to the threshold.
 * - time slice: the value (or good and total counts) per slice; each point is
 *   one slice.
 *
 * @public
 */
export function datadogSliQueries(
  sli: SliSpec,
  bucketSeconds: number,
  options: DatadogQueryOptions = {},
): DatadogSliQueries {
  switch (sli.kind) {
    case 'ratio': {
      const total = datadogEventCountQuery(
        sli.total,
        bucketSeconds,
        'The total selector',
      );
      if (sli.bad) {
        return {
          kind: 'counts',
          stepSeconds: bucketSeconds,
          bad: datadogEventCountQuery(
            sli.bad,
            bucketSeconds,
            'The bad selector',
          ),
          total,
        };
      }
      return {
        kind: 'counts',
        stepSeconds: bucketSeconds,
        good: datadogEventCountQuery(
          sli.good ?? sli.total,
          bucketSeconds,
          'The good selector',
        ),
        total,
      };
    }
    case 'latency': {
      if (sli.mode === 'histogram') {
        const { metric, scope } = selectorOrProblem(
          sli.metric,
          'The distribution metric',
        );
        const threshold = datadogNumber(sli.threshold);
        return {
          kind: 'counts',
          stepSeconds: bucketSeconds,
          good: `count(v: v<=${threshold}):${metric}{${scope}}.rollup(sum, ${bucketSeconds})`,
          total: `count:${metric}{${scope}}.rollup(sum, ${bucketSeconds})`,
        };
      }
      const sampleSeconds =
        options.gaugeSampleSeconds ?? DEFAULT_GAUGE_SAMPLE_SECONDS;
      if (bucketSeconds % sampleSeconds !== 0) {
        throw new DatadogQueryProblem(
          `Gauge samples every ${sampleSeconds} s do not fit ${bucketSeconds}-second buckets evenly. Set gaugeSampleSeconds on the Datadog source to a divisor of ${bucketSeconds}.`,
        );
      }
      return {
        kind: 'samples',
        stepSeconds: sampleSeconds,
        value: withRollup(sli.query, 'avg', sampleSeconds),
        operator: sli.operator,
        threshold: sli.threshold,
      };
    }
    case 'timeSlice': {
      const slice = sli.sliceSeconds;
      if (sli.sliceRatios) {
        // The Datadog source counts good slices; the sum of slice ratios is not built for it yet.
        throw new DatadogQueryProblem(
          'The average of slice ratios (OpenSLO RatioTimeslices) is not supported by the Datadog source yet; use a Prometheus source, or Timeslices with a timeSliceTarget.',
        );
      }
      const value =
        'query' in sli.value
          ? withRollup(sli.value.query, 'avg', slice)
          : {
              good: datadogEventCountQuery(
                sli.value.good,
                slice,
                'The good selector',
              ),
              total: datadogEventCountQuery(
                sli.value.total,
                slice,
                'The total selector',
              ),
            };
      return {
        kind: 'slices',
        stepSeconds: slice,
        value,
        operator: sli.operator,
        threshold: sli.threshold,
      };
    }
    default:
      throw new DatadogQueryProblem(
        `Unknown SLI kind in ${JSON.stringify(sli)}.`,
      );
  }
}

/**
 * Whether `value` meets the SLI's comparison with `threshold`.
 *
 * @internal
 */
export function compares(
  value: number,
  operator: ComparisonOperator,
  threshold: number,
): boolean {
  switch (operator) {
    case '<':
      return value < threshold;
    case '<=':
      return value <= threshold;
    case '>':
      return value > threshold;
    case '>=':
      return value >= threshold;
    default:
      return false;
  }
}
