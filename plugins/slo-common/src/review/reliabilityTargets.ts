import { ProblemCollector } from '../parse/ProblemCollector';
import { parseYamlSafely } from '../parse/parseYamlSafely';
import type { ValidationProblem } from '../model/ValidationProblem';
import { didYouMean } from '../util/didYouMean';
import type { ReviewPeriodUnit } from './reviewPeriods';

/**
 * Group annotation that declares the group's reliability targets (KPIs /
 * OKRs) as a YAML list, e.g.
 * `- {name: quarterly, share: 95, period: quarter, labels: {tier: "1"}}`:
 * "95% of our tier-1 SLOs met each quarter".
 *
 * @public
 */
export const RELIABILITY_TARGETS_ANNOTATION = 'slo-kit.dev/reliability-targets';

/**
 * One reliability target of a group.
 *
 * @public
 */
export interface ReliabilityTarget {
  /** Unique within the group; shown as the target's title. */
  name: string;
  /** Share of SLOs that must meet their objective in each period, a fraction (0.95). */
  share: number;
  period: ReviewPeriodUnit;
  /**
   * Only SLOs of entities with all these labels count (`metadata.labels`);
   * empty: every SLO of the group and its sub-groups.
   */
  labels: Record<string, string>;
}

const TARGET_KEYS = ['name', 'share', 'period', 'labels'];
const PERIODS: readonly ReviewPeriodUnit[] = ['week', 'month', 'quarter'];
/** A label key as the catalog allows it: an optional prefix and a name. */
const LABEL_KEY =
  /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const MAX_TARGETS = 20;

/**
 * Parses a group's reliability-targets annotation. Never throws: every
 * problem is reported at once, with the same precision as SLO annotations
 * (path, what was found, what is expected, a "did you mean").
 *
 * @public
 */
export function parseReliabilityTargets(
  entityRef: string,
  text: string | undefined,
): { targets: ReliabilityTarget[]; problems: ValidationProblem[] } {
  const problems = new ProblemCollector(
    entityRef,
    RELIABILITY_TARGETS_ANNOTATION,
  );
  const targets: ReliabilityTarget[] = [];
  if (text === undefined || text.trim() === '')
    return { targets, problems: problems.problems };
  const yaml = parseYamlSafely(text);
  if (yaml.errors.length > 0) {
    for (const error of yaml.errors) problems.add('', error);
    return { targets, problems: problems.problems };
  }
  const value =
    yaml.documents.length === 1 ? yaml.documents[0] : yaml.documents;
  const list = Array.isArray(value) ? value : [value];
  if (list.length > MAX_TARGETS) {
    problems.add(
      '',
      `The annotation declares ${list.length} targets; at most ${MAX_TARGETS} are read.`,
      {
        expected: `a list of at most ${MAX_TARGETS} targets`,
      },
    );
    return { targets, problems: problems.problems };
  }
  const names = new Set<string>();
  list.forEach((item, i) => {
    const path = `[${i}]`;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      problems.add(
        path,
        'A target is a mapping with share and period, e.g. {name: quarterly, share: 95, period: quarter}.',
        {
          found: item,
          expected: '{name, share, period, labels?}',
        },
      );
      return;
    }
    const record = item as Record<string, unknown>;
    const before = problems.count;
    for (const key of Object.keys(record)) {
      if (!TARGET_KEYS.includes(key)) {
        problems.add(
          `${path}.${key}`,
          `Unknown key "${key}" in a reliability target.`,
          {
            expected: TARGET_KEYS.join(', '),
            didYouMean: didYouMean(key, TARGET_KEYS),
          },
        );
      }
    }
    const share = readShare(record.share, `${path}.share`, problems);
    const period = readPeriod(record.period, `${path}.period`, problems);
    const labels = readLabels(record.labels, `${path}.labels`, problems);
    const name =
      record.name === undefined
        ? `${share !== undefined ? +(share * 100).toFixed(4) : '?'}% per ${
            period ?? '?'
          }`
        : record.name;
    if (typeof name !== 'string' || name.trim() === '') {
      problems.add(`${path}.name`, 'A target name is a non-empty text.', {
        found: record.name,
        expected: 'text',
      });
    } else if (names.has(name)) {
      problems.add(
        `${path}.name`,
        `Two targets are named "${name}"; give each its own name.`,
        { found: name },
      );
    }
    if (
      problems.count === before &&
      typeof name === 'string' &&
      share !== undefined &&
      period &&
      labels
    ) {
      names.add(name);
      targets.push({ name, share, period, labels });
    }
  });
  return { targets, problems: problems.problems };
}

function readShare(
  value: unknown,
  path: string,
  problems: ProblemCollector,
): number | undefined {
  const text =
    typeof value === 'string' ? value.trim().replace(/%$/, '') : value;
  const number = typeof text === 'string' && text !== '' ? Number(text) : text;
  if (
    typeof number !== 'number' ||
    !Number.isFinite(number) ||
    number <= 0 ||
    number > 100
  ) {
    problems.add(
      path,
      value === undefined
        ? 'A target needs "share": the percentage of SLOs that must meet their objective, e.g. 95.'
        : 'The share is a percentage of SLOs above 0 and at most 100, e.g. 95 or "95%".',
      { found: value, expected: 'a number in (0, 100]' },
    );
    return undefined;
  }
  return Number((number / 100).toPrecision(12));
}

function readPeriod(
  value: unknown,
  path: string,
  problems: ProblemCollector,
): ReviewPeriodUnit | undefined {
  if (
    typeof value === 'string' &&
    (PERIODS as readonly string[]).includes(value)
  ) {
    return value as ReviewPeriodUnit;
  }
  problems.add(
    path,
    value === undefined
      ? 'A target needs "period": week, month or quarter.'
      : 'The period of a target is week, month or quarter.',
    {
      found: value,
      expected: PERIODS.join(', '),
      didYouMean:
        typeof value === 'string'
          ? didYouMean(value.replace(/ly$/, ''), PERIODS)
          : undefined,
    },
  );
  return undefined;
}

function readLabels(
  value: unknown,
  path: string,
  problems: ProblemCollector,
): Record<string, string> | undefined {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problems.add(
      path,
      'Labels are a mapping of catalog label to value, e.g. {tier: "1"}.',
      {
        found: value,
        expected: 'a mapping',
      },
    );
    return undefined;
  }
  const labels: Record<string, string> = {};
  let ok = true;
  for (const [key, raw] of Object.entries(value as Record<string, unknown>)) {
    if (!LABEL_KEY.test(key)) {
      problems.add(
        `${path}.${key}`,
        `"${key}" is not a catalog label key (letters, digits, "-", "_", "." and an optional "prefix/").`,
        {
          found: key,
        },
      );
      ok = false;
    } else if (
      typeof raw !== 'string' &&
      typeof raw !== 'number' &&
      typeof raw !== 'boolean'
    ) {
      problems.add(
        `${path}.${key}`,
        `The value of label "${key}" is text, e.g. "1".`,
        { found: raw, expected: 'text' },
      );
      ok = false;
    } else {
      labels[key] = String(raw);
    }
  }
  return ok ? labels : undefined;
}

/**
 * Where a target stands in one period.
 *
 * - finished periods: `met` or `missed`;
 * - the current period: `on-track`, `at-risk` or `missed` (see
 *   {@link forecastTarget}).
 * - `no-data`: no SLO with a verdict.
 *
 * @public
 */
export type TargetStatus =
  | 'met'
  | 'missed'
  | 'on-track'
  | 'at-risk'
  | 'no-data';

/**
 * What {@link forecastTarget} needs of each SLO in the period.
 *
 * @public
 */
export interface TargetSloPeriod {
  /** The period's verdict so far: true met, false missed, null none (no data, too little traffic). */
  met: boolean | null;
  /** Share of the period's budget spent so far; null without events. */
  budgetSpent: number | null;
}

/**
 * Progress of a target in one period: the share of SLOs with a verdict that
 * met it, and the status. For the current period (elapsed share `elapsed` of
 * its length, 0..1):
 *
 * - an SLO "cannot recover" when it has spent more than the budget the whole
 *   period would allow at the traffic seen so far (`budgetSpent > 1 / elapsed`):
 *   even with no further bad event it ends the period below its objective;
 * - `missed` when the SLOs that can still meet are fewer than the target asks;
 * - `on-track` when the share meeting now reaches the target and so does the
 *   share burning no faster than the period allows (`budgetSpent ≤ elapsed`);
 * - `at-risk` otherwise.
 *
 * @public
 */
export function forecastTarget(
  share: number,
  slos: readonly TargetSloPeriod[],
  elapsed: number | null,
): {
  judged: number;
  met: number;
  shareMet: number | null;
  status: TargetStatus;
} {
  const judged = slos.filter(s => s.met !== null);
  const met = judged.filter(s => s.met === true).length;
  const shareMet = judged.length === 0 ? null : met / judged.length;
  const reaches = (count: number) => count / judged.length >= share - 1e-12;
  if (shareMet === null)
    return { judged: 0, met: 0, shareMet, status: 'no-data' };
  if (elapsed === null || elapsed >= 1) {
    return {
      judged: judged.length,
      met,
      shareMet,
      status: reaches(met) ? 'met' : 'missed',
    };
  }
  const fraction = Math.max(elapsed, 1e-9);
  const recoverable = judged.filter(
    s => s.budgetSpent === null || s.budgetSpent <= 1 / fraction,
  ).length;
  const onPace = judged.filter(
    s => s.met === true && (s.budgetSpent ?? 0) <= fraction,
  ).length;
  let status: TargetStatus = 'at-risk';
  if (!reaches(recoverable)) status = 'missed';
  else if (reaches(met) && reaches(onPace)) status = 'on-track';
  return { judged: judged.length, met, shareMet, status };
}
