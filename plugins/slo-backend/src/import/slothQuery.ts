import { splitSelector } from '@slo-kit/plugin-slo-common';

/** An event count as the annotation writes it: a counter selector, or a full query with `{{window}}`. */
export type EventSide = { selector: string } | { query: string };

/** A Sloth query mapped to the portal's, or why it cannot be. */
export type MappedQuery =
  | { ok: true; events: EventSide; ratesCounted: boolean }
  | { ok: false; message: string };

/** Go template actions, as Sloth renders queries: `{{.window}}`, `{{ .window }}`, `{{- .window -}}`. */
const TEMPLATE_ACTION = /\{\{-?([^{}]*?)-?\}\}/g;
const SLOTH_WINDOW = /^\s*\.window\s*$/;
/** `rate(` as a function call, not `irate(` nor part of a longer name. */
const RATE_CALL = /(?<![A-Za-z0-9_:])rate(\s*\()/g;
const IRATE_CALL = /(?<![A-Za-z0-9_:])irate\s*\(/;
/** `sum(increase(` … `[{{window}}]))`: the portal's own counter form around a selector. */
const SUM_OF_INCREASE_START = /^sum\s*\(\s*increase\s*\(/;
const SUM_OF_INCREASE_END = /\[\s*\{\{window\}\}\s*\]\s*\)\s*\)$/;
/** Longest run of whitespace read, as the annotation reader allows: longer runs are hostile input. */
const LONG_WHITESPACE = /\s{101}/;

/** The selector of `sum(increase(SELECTOR[{{window}}]))`, if the query is exactly that. */
function counterSelector(query: string): string | undefined {
  const start = SUM_OF_INCREASE_START.exec(query);
  const end = SUM_OF_INCREASE_END.exec(query);
  if (!start || !end || end.index < start[0].length) return undefined;
  const selector = query.slice(start[0].length, end.index).trim();
  if (/[()[\]]/.test(selector.replace(/"(?:[^"\\]|\\.)*"/g, '""')))
    return undefined;
  const parts = splitSelector(selector);
  return parts && parts.metric !== '' ? selector : undefined;
}

/**
 * Maps a Sloth event query to the annotation's: `{{.window}}` becomes
 * `{{window}}` (both are the length of the range the source asks about), and
 * `rate(…)` becomes `increase(…)` because the portal stores each bucket's
 * events, not per-second rates (`rate × range = increase`, so the ratio is
 * unchanged). `sum(increase(SELECTOR[{{window}}]))` is written as the
 * selector itself, which the source counts the same way.
 */
export function mapSlothQuery(text: string): MappedQuery {
  const query = text.trim();
  if (LONG_WHITESPACE.test(query)) {
    return {
      ok: false,
      message:
        'the query has a run of more than 100 whitespace characters; shorten it.',
    };
  }
  const actions = [...query.matchAll(TEMPLATE_ACTION)].map(match => match[1]);
  const other = actions.find(action => !SLOTH_WINDOW.test(action));
  if (other !== undefined) {
    return {
      ok: false,
      message: `the template action {{${other.trim()}}} has no counterpart: only {{.window}} (the range of the query) is carried over, as {{window}}. Write the value into the query.`,
    };
  }
  if (actions.length === 0) {
    return {
      ok: false,
      message:
        'the query has no {{.window}}: Sloth requires it, and the portal needs it to count the events of each bucket. Put [{{.window}}] where the range goes.',
    };
  }
  if (IRATE_CALL.test(query)) {
    return {
      ok: false,
      message:
        'irate(…) is the rate between the last two samples, not the events of a window, so the events of a bucket cannot be counted from it. Use rate(…[{{.window}}]) or increase(…[{{.window}}]).',
    };
  }
  const withWindow = query.replace(TEMPLATE_ACTION, '{{window}}');
  const counted = withWindow.replace(RATE_CALL, 'increase$1');
  const ratesCounted = counted !== withWindow;
  const selector = counterSelector(counted);
  if (selector !== undefined)
    return { ok: true, events: { selector }, ratesCounted };
  return { ok: true, events: { query: counted }, ratesCounted };
}

/** Operators and keywords that make a top-level expression more than one division. */
const OTHER_OPERATORS =
  /[+*%^]|(?<![=!<>])[<>]|[=!]=|-|\b(?:and|or|unless|on|ignoring|group_left|group_right|bool|atan2)\b/;

/** The text with everything inside brackets and quotes blanked, so only the top level shows. */
function topLevel(text: string): string {
  let depth = 0;
  let quote: string | undefined;
  let out = '';
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (quote) {
      if (char === '\\') {
        out += '  ';
        index++;
        continue;
      }
      if (char === quote) quote = undefined;
      out += ' ';
      continue;
    }
    if (char === '"' || char === "'" || char === '`') {
      quote = char;
      out += ' ';
    } else if ('([{'.includes(char)) {
      out += depth === 0 ? char : ' ';
      depth++;
    } else if (')]}'.includes(char)) {
      depth--;
      out += depth === 0 ? char : ' ';
    } else out += depth === 0 ? char : ' ';
  }
  return out;
}

/** Drops parentheses around the whole text: `((a / b))` is `a / b`. */
function stripParens(text: string): string {
  let current = text.trim();
  while (current.startsWith('(') && current.endsWith(')')) {
    const inner = topLevel(current);
    // The first "(" must close at the very end, not earlier: "(a) / (b)" keeps its parentheses.
    const closing = inner.indexOf(')');
    if (closing !== current.length - 1) break;
    current = current.slice(1, -1).trim();
  }
  return current;
}

/**
 * Splits a Sloth raw error ratio into the events it divides: `A / B` is A bad
 * events over B, `1 - (A / B)` is A good events over B. Undefined when the
 * query is not one of these forms.
 */
export function splitErrorRatio(
  text: string,
): { bad?: string; good?: string; total: string } | undefined {
  if (LONG_WHITESPACE.test(text)) return undefined;
  let expression = stripParens(text);
  let complement = false;
  const oneMinus = /^1(?:\.0*)?\s*-\s*/.exec(expression);
  if (oneMinus) {
    complement = true;
    expression = stripParens(expression.slice(oneMinus[0].length));
  }
  const level = topLevel(expression);
  const slash = level.indexOf('/');
  if (slash < 0 || level.indexOf('/', slash + 1) >= 0) return undefined;
  const left = level.slice(0, slash);
  const right = level.slice(slash + 1);
  if (OTHER_OPERATORS.test(left) || OTHER_OPERATORS.test(right))
    return undefined;
  const numerator = expression.slice(0, slash).trim();
  const total = expression.slice(slash + 1).trim();
  if (numerator === '' || total === '') return undefined;
  return complement ? { good: numerator, total } : { bad: numerator, total };
}
