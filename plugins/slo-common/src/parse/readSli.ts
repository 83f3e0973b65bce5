import { parseDuration } from '../math/parseDuration';
import type { ComparisonOperator, EventQuery, SliSpec } from '../model/SloDefinition';
import { splitSelector } from '../promql/splitSelector';
import { joinMetricMatchers, splitMatchers } from '../util/splitMatchers';
import { childPath, ProblemCollector } from './ProblemCollector';
import { queryTextProblem } from './queryTextProblem';
import {
  readFraction,
  readMapping,
  readNumber,
  readOperator,
  readSecondsThreshold,
  readString,
  suggestedKeys,
} from './readFields';

/** Keys of each SLI spelling, documented in docs/annotations.md. */
export const SLI_KEYS = ['ratio', 'latency', 'timeSlice'] as const;
export const RATIO_KEYS = ['good', 'bad', 'total', 'goodQuery', 'badQuery', 'totalQuery'] as const;
export const LATENCY_KEYS = ['histogram', 'gauge', 'threshold', 'operator'] as const;
export const TIME_SLICE_KEYS = ['slice', 'query', 'ratio', 'operator', 'threshold'] as const;
export const TIME_SLICE_RATIO_KEYS = ['good', 'total', 'goodQuery', 'totalQuery'] as const;

const WINDOW_PLACEHOLDER = /\{\{\s*window\s*\}\}/;
// No \s* around the name: with a lazy name between them, "{{" and a long run
// of spaces took minutes to scan. The name is trimmed where it is used.
const ANY_PLACEHOLDER = /\{\{([^{}]*)\}\}/g;

const MIN_SLICE_SECONDS = 10;
const MAX_SLICE_SECONDS = 86400;

/** Reads a counter selector such as `http_requests_total{code!~"5.."}`. */
function readSelector(
  value: unknown,
  path: string,
  problems: ProblemCollector,
  queryKey: string,
  queryHint = `put full queries with a {{window}} placeholder under "${queryKey}"`,
): EventQuery | undefined {
  const expected = 'a counter selector such as http_requests_total{service="checkout"}';
  const text = readString(value, path, problems, `The selector at ${path}`, expected);
  if (text === undefined) return undefined;
  const textProblem = queryTextProblem(text);
  if (textProblem) {
    problems.add(path, `The selector at ${path} is not valid: ${textProblem}`, { found: text, expected });
    return undefined;
  }
  if (WINDOW_PLACEHOLDER.test(text) || /[()[\]]/.test(text.replace(/"(?:[^"\\]|\\.)*"/g, '""'))) {
    problems.add(
      path,
      `"${path.split('.').pop()}" takes a series selector, but this looks like a full query; ${queryHint}.`,
      { found: text, expected, didYouMean: queryKey },
    );
    return undefined;
  }
  if (!splitSelector(text)) {
    problems.add(path, 'This is not a valid series selector: check the metric name, braces and quotes.', {
      found: text,
      expected,
    });
    return undefined;
  }
  return { selector: text };
}

/**
 * Reads a full query; `requireWindow` demands the `{{window}}` placeholder
 * (event-count queries must take the bucket length there).
 */
function readQuery(
  value: unknown,
  path: string,
  problems: ProblemCollector,
  requireWindow: boolean,
): string | undefined {
  const expected = requireWindow
    ? 'a query with a {{window}} placeholder, e.g. sum(increase(http_requests_total[{{window}}]))'
    : 'a query; {{window}} is replaced by the slice length';
  const text = readString(value, path, problems, `The query at ${path}`, expected);
  if (text === undefined) return undefined;
  const textProblem = queryTextProblem(text);
  if (textProblem) {
    problems.add(path, `The query at ${path} is not valid: ${textProblem}`, { found: text, expected });
    return undefined;
  }
  const unknown = [...text.matchAll(ANY_PLACEHOLDER)].map(match => match[1].trim()).filter(name => name !== 'window');
  if (unknown.length > 0) {
    problems.add(path, `Unknown placeholder {{${unknown[0]}}} in the query: only {{window}} is replaced here (template parameters are replaced before).`, {
      found: text,
      expected,
    });
    return undefined;
  }
  if (requireWindow && !WINDOW_PLACEHOLDER.test(text)) {
    problems.add(path, 'The query has no {{window}} placeholder: write it where the range goes, so each bucket counts its own events.', {
      found: text,
      expected,
    });
    return undefined;
  }
  return text;
}

/**
 * Reads one side of a ratio: exactly one of the selector key and the query
 * key (`good`/`goodQuery`). Returns undefined when absent or wrong.
 */
function readEventSide(
  record: Record<string, unknown>,
  path: string,
  problems: ProblemCollector,
  selectorKey: string,
  queryKey: string,
): EventQuery | undefined {
  const hasSelector = record[selectorKey] !== undefined;
  const hasQuery = record[queryKey] !== undefined;
  if (hasSelector && hasQuery) {
    problems.add(childPath(path, queryKey), `Set either "${selectorKey}" (a counter selector) or "${queryKey}" (a full query), not both.`, {
      expected: `one of ${selectorKey}, ${queryKey}`,
    });
    return undefined;
  }
  if (hasSelector) return readSelector(record[selectorKey], childPath(path, selectorKey), problems, queryKey);
  if (hasQuery) {
    const query = readQuery(record[queryKey], childPath(path, queryKey), problems, true);
    return query === undefined ? undefined : { query };
  }
  return undefined;
}

function readRatio(value: unknown, path: string, problems: ProblemCollector): SliSpec | undefined {
  const record = readMapping(value, path, RATIO_KEYS, problems, 'a ratio SLI');
  if (!record) return undefined;
  const before = problems.count;
  const misspelled = suggestedKeys(record, RATIO_KEYS);
  const good = readEventSide(record, path, problems, 'good', 'goodQuery');
  const bad = readEventSide(record, path, problems, 'bad', 'badQuery');
  const total = readEventSide(record, path, problems, 'total', 'totalQuery');
  const hasGood = record.good !== undefined || record.goodQuery !== undefined;
  const hasBad = record.bad !== undefined || record.badQuery !== undefined;
  if (hasGood && hasBad) {
    problems.add(path, 'A ratio SLI counts either good or bad events next to total, not both.', {
      expected: 'good (or goodQuery) with total, or bad (or badQuery) with total',
    });
  } else if (!hasGood && !hasBad && !['good', 'bad', 'goodQuery', 'badQuery'].some(key => misspelled.has(key))) {
    problems.add(path, 'A ratio SLI needs good (or bad) events: add "good" or "bad" next to "total".', {
      found: Object.keys(record).join(', ') || 'nothing',
      expected: 'good (or goodQuery) with total, or bad (or badQuery) with total',
    });
  }
  if (record.total === undefined && record.totalQuery === undefined && !misspelled.has('total') && !misspelled.has('totalQuery')) {
    problems.add(childPath(path, 'total'), 'A ratio SLI needs "total" (a counter selector) or "totalQuery" (a full query).', {
      expected: 'total or totalQuery',
    });
  }
  if (problems.count > before || !total || (!good && !bad)) return undefined;
  return good ? { kind: 'ratio', good, total } : { kind: 'ratio', bad, total };
}

function readLatency(value: unknown, path: string, problems: ProblemCollector): SliSpec | undefined {
  const record = readMapping(value, path, LATENCY_KEYS, problems, 'a latency SLI');
  if (!record) return undefined;
  const before = problems.count;
  const misspelled = suggestedKeys(record, LATENCY_KEYS);
  const threshold =
    record.threshold === undefined && misspelled.has('threshold')
      ? undefined
      : readSecondsThreshold(record.threshold, childPath(path, 'threshold'), problems);
  if (record.histogram !== undefined && record.gauge !== undefined) {
    problems.add(path, 'A latency SLI reads either a "histogram" or a "gauge", not both.', {
      expected: 'histogram or gauge',
    });
    return undefined;
  }
  if (record.histogram !== undefined) {
    const metricPath = childPath(path, 'histogram');
    if (record.operator !== undefined && record.operator !== '<=') {
      problems.add(childPath(path, 'operator'), 'A histogram SLI always counts requests at or below the threshold (le); remove "operator".', {
        found: record.operator,
        expected: 'no operator, or "<="',
      });
    }
    const selector = readSelector(
      record.histogram,
      metricPath,
      problems,
      'gauge',
      'name the histogram (its _bucket and _count series are implied), or use "gauge" for a query compared with the threshold',
    );
    if (!selector || !('selector' in selector)) return undefined;
    const parts = splitSelector(selector.selector);
    if (parts && parts.metric === '') {
      problems.add(metricPath, 'Name the histogram: write its base name before the braces.', {
        found: selector.selector,
        expected: 'http_request_duration_seconds{service="checkout"}',
      });
    }
    if (parts && /(^|[\s,])le\s*[=!~]/.test(parts.matchers)) {
      problems.add(metricPath, 'Leave "le" out of the histogram selector: the threshold picks the bucket.', {
        found: selector.selector,
        expected: 'the selector without le, plus threshold: 0.3',
      });
    }
    if (problems.count > before || threshold === undefined || !parts) return undefined;
    // The SLI names the histogram; its _bucket and _count series are implied.
    const base = parts.metric.replace(/_(bucket|count|sum)$/, '');
    const metric = joinMetricMatchers(base, splitMatchers(parts.matchers));
    return { kind: 'latency', mode: 'histogram', metric, threshold };
  }
  if (record.gauge !== undefined) {
    const gaugePath = childPath(path, 'gauge');
    const query = readString(record.gauge, gaugePath, problems, 'The gauge', 'a gauge selector or query such as probe_duration_seconds{job="blackbox"}');
    const textProblem = query === undefined ? undefined : queryTextProblem(query);
    if (textProblem) {
      problems.add(gaugePath, `The gauge is not valid: ${textProblem}`, { found: query });
      return undefined;
    }
    const operator =
      record.operator === undefined ? '<=' : readOperator(record.operator, childPath(path, 'operator'), problems);
    if (problems.count > before || query === undefined || operator === undefined || threshold === undefined) {
      return undefined;
    }
    return { kind: 'latency', mode: 'gauge', query, operator, threshold };
  }
  if (misspelled.has('histogram') || misspelled.has('gauge')) return undefined;
  problems.add(path, 'A latency SLI needs a "histogram" (base name of a Prometheus histogram) or a "gauge" (a selector or query).', {
    found: Object.keys(record).join(', ') || 'nothing',
    expected: 'histogram or gauge, with threshold',
  });
  return undefined;
}

function readTimeSlice(value: unknown, path: string, problems: ProblemCollector): SliSpec | undefined {
  const record = readMapping(value, path, TIME_SLICE_KEYS, problems, 'a time-slice SLI');
  if (!record) return undefined;
  const before = problems.count;
  const misspelled = suggestedKeys(record, TIME_SLICE_KEYS);
  const slicePath = childPath(path, 'slice');
  const sliceSeconds = parseDuration(record.slice);
  if (record.slice === undefined) {
    if (misspelled.has('slice')) return undefined;
    problems.add(slicePath, 'A time-slice SLI needs a "slice" length.', { expected: 'a duration such as 1m or 5m' });
  } else if (sliceSeconds === undefined || !Number.isInteger(sliceSeconds)) {
    problems.add(slicePath, 'The slice is not a duration.', { found: record.slice, expected: 'a duration such as 1m or 5m' });
  } else if (sliceSeconds < MIN_SLICE_SECONDS || sliceSeconds > MAX_SLICE_SECONDS) {
    problems.add(slicePath, 'A slice must be between 10s and 1d.', { found: record.slice, expected: 'a duration such as 1m or 5m' });
  }

  let result: { value: { query: string } | { good: EventQuery; total: EventQuery }; operator?: ComparisonOperator; threshold?: number } | undefined;
  if (record.query !== undefined && record.ratio !== undefined) {
    problems.add(path, 'A time slice is judged by a "query" or a "ratio", not both.', { expected: 'query or ratio' });
  } else if (record.query !== undefined) {
    const query = readQuery(record.query, childPath(path, 'query'), problems, false);
    const operator =
      record.operator === undefined
        ? (problems.add(childPath(path, 'operator'), 'A time-slice query needs an "operator" that says when a slice is good.', {
            expected: '"<", "<=", ">" or ">="',
          }),
          undefined)
        : readOperator(record.operator, childPath(path, 'operator'), problems);
    const threshold = readNumber(record.threshold, childPath(path, 'threshold'), problems, 'The threshold');
    if (query !== undefined) result = { value: { query }, operator, threshold };
  } else if (record.ratio !== undefined) {
    const ratioPath = childPath(path, 'ratio');
    const ratio = readMapping(record.ratio, ratioPath, TIME_SLICE_RATIO_KEYS, problems, 'a time-slice ratio');
    const operator =
      record.operator === undefined ? '>=' : readOperator(record.operator, childPath(path, 'operator'), problems);
    const threshold = readFraction(record.threshold, childPath(path, 'threshold'), problems, 'The threshold');
    if (ratio) {
      const good = readEventSide(ratio, ratioPath, problems, 'good', 'goodQuery');
      const total = readEventSide(ratio, ratioPath, problems, 'total', 'totalQuery');
      if (!good && ratio.good === undefined && ratio.goodQuery === undefined) {
        problems.add(childPath(ratioPath, 'good'), 'A time-slice ratio needs "good" (or "goodQuery").', { expected: 'good or goodQuery' });
      }
      if (!total && ratio.total === undefined && ratio.totalQuery === undefined) {
        problems.add(childPath(ratioPath, 'total'), 'A time-slice ratio needs "total" (or "totalQuery").', { expected: 'total or totalQuery' });
      }
      if (good && total) result = { value: { good, total }, operator, threshold };
    }
  } else if (!misspelled.has('query') && !misspelled.has('ratio')) {
    problems.add(path, 'A time-slice SLI needs a "query" (a value per slice) or a "ratio" (good and total per slice).', {
      found: Object.keys(record).join(', ') || 'nothing',
      expected: 'query with operator and threshold, or ratio with threshold',
    });
  }
  if (problems.count > before || !result || result.operator === undefined || result.threshold === undefined || sliceSeconds === undefined) {
    return undefined;
  }
  return {
    kind: 'timeSlice',
    sliceSeconds,
    operator: result.operator,
    threshold: result.threshold,
    value: result.value,
  };
}

/**
 * Reads the `sli` of an SLO: exactly one of `ratio`, `latency`, `timeSlice`.
 * Reports every problem found; returns undefined when there was any.
 */
export function readSli(value: unknown, path: string, problems: ProblemCollector): SliSpec | undefined {
  if (value === undefined || value === null) {
    problems.add(path, 'The SLO has no "sli": say what to measure with ratio, latency or timeSlice.', {
      expected: 'sli: {ratio: ...}, {latency: ...} or {timeSlice: ...}',
    });
    return undefined;
  }
  const record = readMapping(value, path, SLI_KEYS, problems, 'the sli');
  if (!record) return undefined;
  const kinds = SLI_KEYS.filter(kind => record[kind] !== undefined);
  if (kinds.length > 1) {
    problems.add(path, `An SLI has one kind, but ${kinds.join(' and ')} are both set.`, {
      found: kinds.join(', '),
      expected: 'one of ratio, latency, timeSlice',
    });
    return undefined;
  }
  if (kinds.length === 0) {
    // Otherwise only unknown keys are there, and readMapping reported them.
    if (Object.keys(record).length === 0) {
      problems.add(path, 'The sli is empty: add ratio, latency or timeSlice.', {
        expected: 'one of ratio, latency, timeSlice',
      });
    }
    return undefined;
  }
  const kind = kinds[0];
  const kindPath = childPath(path, kind);
  if (kind === 'ratio') return readRatio(record.ratio, kindPath, problems);
  if (kind === 'latency') return readLatency(record.latency, kindPath, problems);
  return readTimeSlice(record.timeSlice, kindPath, problems);
}
