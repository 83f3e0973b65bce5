import { splitMatchers, splitSelector } from '@slo-kit/plugin-slo-common';

/** One label matcher of a selector: `job="api"` is job, =, api. */
export interface LabelMatcher {
  name: string;
  operator: '=' | '!=' | '=~' | '!~';
  value: string;
  text: string;
}

const MATCHER =
  /^([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)\s*"((?:[^"\\]|\\.)*)"$/;

/**
 * A selector's metric name and matchers, or undefined when it is not a
 * selector with a metric name and double-quoted matchers.
 */
export function parseSelector(
  selector: string,
): { metric: string; matchers: LabelMatcher[] } | undefined {
  const parts = splitSelector(selector);
  if (!parts || parts.metric === '') return undefined;
  const matchers: LabelMatcher[] = [];
  for (const text of splitMatchers(parts.matchers)) {
    const match = MATCHER.exec(text);
    if (!match) return undefined;
    matchers.push({
      name: match[1],
      operator: match[2] as LabelMatcher['operator'],
      value: match[3],
      text,
    });
  }
  return { metric: parts.metric, matchers };
}

/** `metric{a="1", b="2"}`, or the bare metric without matchers. */
export function writeSelector(
  metric: string,
  matchers: LabelMatcher[],
): string {
  return matchers.length === 0
    ? metric
    : `${metric}{${matchers.map(matcher => matcher.text).join(', ')}}`;
}
