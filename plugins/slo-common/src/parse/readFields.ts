import type { ComparisonOperator } from '../model/SloDefinition';
import { describeType } from '../util/describeType';
import { didYouMean } from '../util/didYouMean';
import { childPath, ProblemCollector, showValue } from './ProblemCollector';

/**
 * Reads a mapping and reports keys outside `allowed` (with a did-you-mean).
 * Returns undefined (after reporting) when the value is not a mapping.
 */
export function readMapping(
  value: unknown,
  path: string,
  allowed: readonly string[],
  problems: ProblemCollector,
  what: string,
): Record<string, unknown> | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    problems.add(path, `${what} must be a mapping, not ${describeType(value)}.`, {
      found: value,
      expected: `a mapping with keys ${allowed.join(', ')}`,
    });
    return undefined;
  }
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!allowed.includes(key)) {
      const suggestion = didYouMean(key, allowed);
      problems.add(childPath(path, key), `Unknown key "${key}" in ${what}.`, {
        found: key,
        expected: `one of ${allowed.join(', ')}`,
        didYouMean: suggestion,
      });
    }
  }
  return record;
}

/** Reads a non-empty string; reports and returns undefined otherwise. */
export function readString(
  value: unknown,
  path: string,
  problems: ProblemCollector,
  what: string,
  expected: string,
): string | undefined {
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  problems.add(
    path,
    value === undefined || value === null || value === ''
      ? `${what} is missing.`
      : `${what} must be text, not ${describeType(value)}.`,
    { found: value, expected },
  );
  return undefined;
}

/** Names of SLOs and objectives: lowercase letters, digits and single hyphens. */
export const NAME_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;
/** Longest name: a Kubernetes label value / DNS label, so names fit everywhere. */
export const MAX_NAME_LENGTH = 63;

/** A best-effort kebab-case version of a name, for did-you-mean. */
export function kebabCase(text: string): string {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_NAME_LENGTH);
}

/** Reads an SLO or objective name. */
export function readName(
  value: unknown,
  path: string,
  problems: ProblemCollector,
  what: string,
): string | undefined {
  const expected = 'lowercase letters, digits and hyphens, e.g. checkout-availability (at most 63 characters)';
  const name = readString(typeof value === 'number' ? String(value) : value, path, problems, what, expected);
  if (name === undefined) return undefined;
  if (!NAME_PATTERN.test(name) || name.length > MAX_NAME_LENGTH) {
    const suggestion = kebabCase(name);
    // Quoted shortened: a name of 100,000 characters must not come back whole in every message.
    problems.add(path, `${what} "${showValue(name)}" is not a valid name: use lowercase kebab-case${name.length > MAX_NAME_LENGTH ? ` of at most ${MAX_NAME_LENGTH} characters` : ''}.`, {
      found: name,
      expected,
      didYouMean: suggestion !== '' && suggestion !== name ? suggestion : undefined,
    });
    return undefined;
  }
  return name;
}

/**
 * Reads an objective given in percent (`99.9` or `"99.9%"`) as a fraction.
 * Values at or below 1 are refused as a likely fraction written by mistake.
 */
export function readPercent(
  value: unknown,
  path: string,
  problems: ProblemCollector,
  what: string,
): number | undefined {
  const expected = 'a percentage between 1 and 100 (exclusive), e.g. 99.9';
  let percent: number | undefined;
  if (typeof value === 'number') percent = value;
  // Trimmed first: with \s* on both sides of "%?", a long run of spaces took seconds to reject.
  else if (typeof value === 'string' && /^\d+(\.\d+)?\s*%?$/.test(value.trim())) {
    percent = Number(value.replace('%', ''));
  }
  if (percent === undefined || !Number.isFinite(percent)) {
    problems.add(
      path,
      value === undefined || value === null
        ? `${what} is missing.`
        : `${what} must be a percentage, not ${describeType(value)}.`,
      { found: value, expected },
    );
    return undefined;
  }
  if (percent > 0 && percent <= 1) {
    problems.add(
      path,
      `${what} ${percent} looks like a fraction; objectives are percentages.`,
      { found: value, expected, didYouMean: String(Number((percent * 100).toPrecision(12))) },
    );
    return undefined;
  }
  if (!(percent > 1 && percent < 100)) {
    problems.add(
      path,
      `${what} ${percent} is out of range: an objective of 100% leaves no error budget, and one below 1% is no objective.`,
      { found: value, expected },
    );
    return undefined;
  }
  return Number((percent / 100).toPrecision(12));
}

/** Operators people write backwards. */
const REVERSED_OPERATORS: Record<string, string> = { '=<': '<=', '=>': '>=' };

const OPERATORS: Record<string, ComparisonOperator> = {
  '<': '<',
  '<=': '<=',
  '>': '>',
  '>=': '>=',
  lt: '<',
  lte: '<=',
  gt: '>',
  gte: '>=',
};

/** Reads a comparison operator: `<`, `<=`, `>`, `>=` (or OpenSLO's lt, lte, gt, gte). */
export function readOperator(
  value: unknown,
  path: string,
  problems: ProblemCollector,
): ComparisonOperator | undefined {
  const operator = typeof value === 'string' ? OPERATORS[value.trim()] : undefined;
  if (operator) return operator;
  problems.add(path, `The operator ${showOperator(value)} is not a comparison.`, {
    found: value,
    expected: '"<", "<=", ">" or ">=" (quote them in YAML)',
    didYouMean: REVERSED_OPERATORS[String(value)],
  });
  return undefined;
}

function showOperator(value: unknown): string {
  return typeof value === 'string' ? `"${value}"` : describeType(value);
}

const THRESHOLD_UNITS: Record<string, number> = { ms: 0.001, s: 1, m: 60 };

/**
 * Reads a latency threshold in seconds: a number (`0.3`) or a duration with
 * a unit (`300ms`, `0.3s`, `1m`).
 */
export function readSecondsThreshold(
  value: unknown,
  path: string,
  problems: ProblemCollector,
): number | undefined {
  const expected = 'seconds as a number (0.3) or with a unit (300ms, 1.5s)';
  let seconds: number | undefined;
  if (typeof value === 'number') seconds = value;
  else if (typeof value === 'string') {
    const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m)?$/.exec(value.trim());
    if (match) seconds = Number((Number(match[1]) * THRESHOLD_UNITS[match[2] ?? 's']).toPrecision(12));
  }
  if (seconds === undefined || !Number.isFinite(seconds) || seconds <= 0) {
    problems.add(
      path,
      value === undefined || value === null
        ? 'The threshold is missing.'
        : `The threshold ${showValueShort(value)} is not a positive number of seconds.`,
      { found: value, expected },
    );
    return undefined;
  }
  return seconds;
}

/** Reads a plain finite number (a gauge or query threshold). */
export function readNumber(
  value: unknown,
  path: string,
  problems: ProblemCollector,
  what: string,
): number | undefined {
  let number: number | undefined;
  if (typeof value === 'number') number = value;
  else if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) {
    number = Number(value);
  }
  if (number === undefined || !Number.isFinite(number)) {
    problems.add(
      path,
      value === undefined || value === null ? `${what} is missing.` : `${what} must be a number, not ${describeType(value)}.`,
      { found: value, expected: 'a number' },
    );
    return undefined;
  }
  return number;
}

/**
 * Reads a fraction in [0, 1] (a time-slice ratio threshold); accepts
 * `"99%"` and refuses a bare 99 with a hint.
 */
export function readFraction(
  value: unknown,
  path: string,
  problems: ProblemCollector,
  what: string,
): number | undefined {
  const percent = typeof value === 'string' && /^\d+(\.\d+)?\s*%$/.test(value.trim());
  const number = readNumber(
    percent ? Number((Number(String(value).replace('%', '')) / 100).toPrecision(12)) : value,
    path,
    problems,
    what,
  );
  if (number === undefined) return undefined;
  if (number < 0 || number > 1) {
    problems.add(path, `${what} ${number} is not a fraction between 0 and 1.`, {
      found: value,
      expected: 'a fraction such as 0.99 (or "99%")',
      didYouMean: number > 1 && number <= 100 ? String(Number((number / 100).toPrecision(12))) : undefined,
    });
    return undefined;
  }
  return number;
}

function showValueShort(value: unknown): string {
  return typeof value === 'string' ? `"${showValue(value)}"` : describeType(value);
}

/**
 * Keys that the record's unknown keys look like misspellings of, so a
 * "missing" message is not added on top of the did-you-mean for the same key.
 */
export function suggestedKeys(record: Record<string, unknown>, allowed: readonly string[]): Set<string> {
  const suggested = new Set<string>();
  for (const key of Object.keys(record)) {
    if (allowed.includes(key)) continue;
    const suggestion = didYouMean(key, allowed);
    if (suggestion) suggested.add(suggestion);
  }
  return suggested;
}
