import type { EventQuery } from '../model/SloDefinition';
import { splitSelector } from '../promql/splitSelector';
import { joinMetricMatchers, splitMatchers } from '../util/splitMatchers';

/** Annotation (in OpenSLO metadata) that carries `minimumEvents`, which OpenSLO has no field for. */
export const MINIMUM_EVENTS_ANNOTATION = 'slo-kit.dev/minimum-events';

const WINDOW_PLACEHOLDER = /\{\{\s*window\s*\}\}/;

/** Whether text is one series selector (no functions, no ranges). */
export function isSelector(text: string): boolean {
  const withoutStrings = text.replace(/"(?:[^"\\]|\\.)*"/g, '""');
  return !WINDOW_PLACEHOLDER.test(text) && !/[()[\]]/.test(withoutStrings) && splitSelector(text) !== undefined;
}

/** An OpenSLO query as an event query: a selector when it is one, else a full query. */
export function toEventQuery(text: string): EventQuery {
  return isSelector(text) ? { selector: text.trim() } : { query: text.trim() };
}

/** The query text of an event query. */
export function fromEventQuery(query: EventQuery): string {
  return 'selector' in query ? query.selector : query.query;
}

/** `base_bucket{matchers, le="T"}` for a histogram metric `base{matchers}`. */
export function histogramToSelectors(metric: string, threshold: number): { good: string; total: string } {
  const parts = splitSelector(metric) ?? { metric, matchers: '' };
  const matchers = splitMatchers(parts.matchers);
  return {
    good: joinMetricMatchers(`${parts.metric}_bucket`, [...matchers, `le="${threshold}"`]),
    total: joinMetricMatchers(`${parts.metric}_count`, matchers),
  };
}

/**
 * Recognises the ratio a histogram SLI exports to (`X_bucket{..., le="T"}`
 * over `X_count{...}`) and gives back the histogram and threshold.
 */
export function selectorsToHistogram(
  good: string,
  total: string,
): { metric: string; threshold: number } | undefined {
  const goodParts = splitSelector(good);
  const totalParts = splitSelector(total);
  if (!goodParts || !totalParts) return undefined;
  const base = /^(.+)_bucket$/.exec(goodParts.metric)?.[1];
  if (!base || totalParts.metric !== `${base}_count`) return undefined;
  const goodMatchers = splitMatchers(goodParts.matchers);
  const le = goodMatchers.map(matcher => /^le\s*=\s*"([^"]+)"$/.exec(matcher)).find(Boolean);
  if (!le) return undefined;
  const threshold = Number(le[1]);
  if (!Number.isFinite(threshold) || threshold <= 0) return undefined;
  const others = goodMatchers.filter(matcher => !/^le\s*=/.test(matcher));
  const totalMatchers = splitMatchers(totalParts.matchers);
  if (others.length !== totalMatchers.length || others.some((matcher, index) => matcher !== totalMatchers[index])) {
    return undefined;
  }
  return { metric: joinMetricMatchers(base, others), threshold };
}
