import { formatDuration, parseDuration } from '../math/parseDuration';
import type { SloHealth } from '../model/SloEvaluation';
import { didYouMean } from '../util/didYouMean';
import type {
  GateComparison,
  GatePolicy,
  GatePolicyProblem,
  GateTerm,
} from './GatePolicy';

/**
 * More terms than any real policy has: a longer input is a mistake, refused whole.
 *
 * @public
 */
export const MAX_GATE_POLICY_TERMS = 20;
const MAX_TERM_LENGTH = 80;

const HEALTHS: readonly SloHealth[] = [
  'paging',
  'breaching',
  'at-risk',
  'unknown',
  'met',
];

/** Every term's name with an example, for messages and the docs. */
const EXAMPLES = {
  'budget-left': 'budget-left>=0%',
  attainment: 'attainment>=99.9%',
  'burn-rate': 'burn-rate-1h<2',
  'not-paging': 'not-paging',
  'not-alerting': 'not-alerting',
  state: 'state!=breaching',
} as const;

const NAMES = Object.keys(EXAMPLES);
const ALL_EXAMPLES = Object.values(EXAMPLES).join(', ');

type Parsed =
  | { ok: true; term: GateTerm }
  | {
      ok: false;
      message: string;
      expected: string;
      didYouMean?: string;
    };

const NUMBER = /^-?\d+(\.\d+)?$/;

function numericThreshold(
  name: string,
  comparison: string,
  value: string,
  unit: 'percent' | 'factor',
): { ok: true; threshold: number } | { ok: false; message: string } {
  if (unit === 'percent') {
    const percent = value.endsWith('%') ? value.slice(0, -1) : undefined;
    if (percent !== undefined && NUMBER.test(percent)) {
      // Shift the decimal point in the text: 99.9 / 100 would be 0.9990000000000001.
      return { ok: true, threshold: Number(`${percent}e-2`) };
    }
    // "0" is 0% whatever the unit; anything else without % is ambiguous (25 or 0.25?).
    if (value === '0') return { ok: true, threshold: 0 };
    if (NUMBER.test(value)) {
      return {
        ok: false,
        message: `"${name}${comparison}${value}": write the threshold as a percent, e.g. ${name}${comparison}${value}% (a fraction such as 0.25 is written 25%).`,
      };
    }
  } else {
    const factor = value.endsWith('x') ? value.slice(0, -1) : value;
    if (NUMBER.test(factor) && Number(factor) >= 0) {
      return { ok: true, threshold: Number(factor) };
    }
  }
  return {
    ok: false,
    message: `"${name}${comparison}${value}": "${value}" is not a ${
      unit === 'percent' ? 'percent such as 25% or -10%' : 'burn-rate factor such as 2 or 14.4'
    }.`,
  };
}

function parseTerm(written: string): Parsed {
  const match = /^([a-z0-9-]+)(>=|<=|==|!=|>|<|=)?(.*)$/i.exec(written);
  const rawName = (match?.[1] ?? written).toLowerCase();
  const comparison = match?.[2] ?? '';
  const value = (match?.[3] ?? '').trim();
  const burnWindow = /^burn-rate-(.+)$/.exec(rawName)?.[1];
  const name = burnWindow === undefined ? rawName : 'burn-rate';

  if (!match || !(name in EXAMPLES)) {
    return {
      ok: false,
      message: `Unknown policy term "${written}". Terms: ${ALL_EXAMPLES}.`,
      expected: ALL_EXAMPLES,
      didYouMean: didYouMean(rawName, NAMES),
    };
  }
  const expected: string = EXAMPLES[name as keyof typeof EXAMPLES];

  if (name === 'not-paging' || name === 'not-alerting') {
    if (comparison || value) {
      return {
        ok: false,
        message: `"${written}": ${name} takes no value; write just ${name}.`,
        expected,
      };
    }
    return { ok: true, term: { kind: name, text: name } };
  }

  if (name === 'state') {
    const normalised = comparison === '=' ? '==' : comparison;
    if (normalised !== '==' && normalised !== '!=') {
      return {
        ok: false,
        message: `"${written}": compare the state with != or ==, e.g. state!=breaching.`,
        expected,
      };
    }
    const health = value.toLowerCase() as SloHealth;
    if (!HEALTHS.includes(health)) {
      return {
        ok: false,
        message: `"${written}": "${value}" is not a state. States: ${HEALTHS.join(', ')}.`,
        expected: HEALTHS.join(', '),
        didYouMean: didYouMean(value, HEALTHS),
      };
    }
    return {
      ok: true,
      term: {
        kind: 'state',
        comparison: normalised,
        health,
        text: `state${normalised}${health}`,
      },
    };
  }

  if (!['>=', '>', '<=', '<'].includes(comparison)) {
    return {
      ok: false,
      message: `"${written}": compare ${name} with >=, >, <= or <, e.g. ${expected}.`,
      expected,
    };
  }
  const op = comparison as GateComparison;

  if (name === 'burn-rate') {
    const windowSeconds = parseDuration(burnWindow);
    if (windowSeconds === undefined) {
      return {
        ok: false,
        message: `"${written}": "${burnWindow}" is not a window; write burn-rate-<window> with a duration such as 5m, 1h, 6h or 1d.`,
        expected,
      };
    }
    const threshold = numericThreshold(rawName, op, value, 'factor');
    if (!threshold.ok) return { ok: false, message: threshold.message, expected };
    const window = formatDuration(windowSeconds);
    return {
      ok: true,
      term: {
        kind: 'burn-rate',
        windowSeconds,
        comparison: op,
        threshold: threshold.threshold,
        text: `burn-rate-${window}${op}${threshold.threshold}`,
      },
    };
  }

  const kind = name as 'budget-left' | 'attainment';
  const threshold = numericThreshold(kind, op, value, 'percent');
  if (!threshold.ok) return { ok: false, message: threshold.message, expected };
  if (kind === 'attainment' && !(threshold.threshold >= 0 && threshold.threshold <= 1)) {
    return {
      ok: false,
      message: `"${written}": attainment is between 0% and 100%.`,
      expected,
    };
  }
  return {
    ok: true,
    term: {
      kind,
      comparison: op,
      threshold: threshold.threshold,
      text: `${kind}${op}${value === '0' ? '0%' : value}`,
    },
  };
}

/**
 * Reads an error-budget policy: terms separated by commas (or given as
 * separate values, one per `--policy` or `policy=`), spaces ignored. Returns
 * every problem at once, each naming the term, its position and how to write
 * it; the policy only when there is none. Never throws on user input.
 *
 * Terms: `budget-left>=X%`, `attainment>=X%`, `burn-rate-<window><X`,
 * `not-paging`, `not-alerting`, `state!=<state>` (see {@link GateTerm}).
 *
 * @public
 */
export function parseGatePolicy(input: string | readonly string[]): {
  policy?: GatePolicy;
  problems: GatePolicyProblem[];
} {
  const written = ([] as string[])
    .concat(input)
    .flatMap(value => String(value).split(','))
    .map(term => term.replace(/\s+/g, ''))
    .filter(term => term !== '');
  if (written.length === 0) {
    return {
      problems: [
        {
          term: '',
          position: 0,
          message: `The policy is empty. Give at least one term, e.g. budget-left>=0%,not-paging. Terms: ${ALL_EXAMPLES}.`,
          expected: ALL_EXAMPLES,
        },
      ],
    };
  }
  if (written.length > MAX_GATE_POLICY_TERMS) {
    return {
      problems: [
        {
          term: '',
          position: 0,
          message: `The policy has ${written.length} terms; at most ${MAX_GATE_POLICY_TERMS} are read. Remove repeated terms.`,
          expected: `at most ${MAX_GATE_POLICY_TERMS} terms`,
        },
      ],
    };
  }
  const terms: GateTerm[] = [];
  const problems: GatePolicyProblem[] = [];
  written.forEach((term, index) => {
    const shown = term.length > MAX_TERM_LENGTH ? `${term.slice(0, MAX_TERM_LENGTH)}…` : term;
    if (term.length > MAX_TERM_LENGTH) {
      problems.push({
        term: shown,
        position: index + 1,
        message: `Policy term ${index + 1} is ${term.length} characters long; a term is at most ${MAX_TERM_LENGTH}.`,
        expected: ALL_EXAMPLES,
      });
      return;
    }
    const parsed = parseTerm(term);
    if (parsed.ok) {
      terms.push(parsed.term);
    } else {
      problems.push({
        term: shown,
        position: index + 1,
        message: `Policy term ${index + 1}: ${parsed.message}`,
        expected: parsed.expected,
        ...(parsed.didYouMean ? { didYouMean: parsed.didYouMean } : {}),
      });
    }
  });
  if (problems.length > 0) return { problems };
  return { policy: { terms, text: terms.map(t => t.text).join(',') }, problems };
}
