import { DateTime, IANAZone } from 'luxon';
import { parseDuration } from '../math/parseDuration';
import { childPath, ProblemCollector, showValue } from '../parse/ProblemCollector';
import { readMapping, readName, readString, suggestedKeys } from '../parse/readFields';
import { describeType } from '../util/describeType';
import { didYouMean } from '../util/didYouMean';
import { countCorrectionOccurrences } from './correctionOccurrences';
import { parseRecurrenceRule } from './parseRecurrenceRule';
import {
  CORRECTION_CATEGORIES,
  MAX_CORRECTION_OCCURRENCES,
  type CorrectionCategory,
  type CorrectionTarget,
  type RecurrenceRule,
  type SloCorrection,
} from './SloCorrection';

/** Keys of one correction in the annotation. */
export const CORRECTION_KEYS = ['name', 'category', 'reason', 'start', 'end', 'duration', 'timeZone', 'rrule', 'slos', 'labels'] as const;

/**
 * An SLO of the entity, as corrections target it: by name or by labels.
 *
 * @public
 */
export interface CorrectableSlo {
  name: string;
  labels: Record<string, string>;
}

/** What a correction is read against. */
export interface CorrectionContext {
  entityRef: string;
  slos: readonly CorrectableSlo[];
  /** Epoch seconds; without it, ranges in the future are not checked. */
  now?: number;
  origin: SloCorrection['origin'];
}

const ISO_EXAMPLE = '2026-11-01T02:00:00 (local time in timeZone) or 2026-11-01T01:00:00Z';

/** Reads an ISO 8601 date-time: without an offset it is local time in `zone`. */
export function readInstant(value: unknown, zone: string): number | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.getTime() / 1000;
  if (typeof value !== 'string') return undefined;
  const time = DateTime.fromISO(value.trim(), { zone });
  return time.isValid ? time.toSeconds() : undefined;
}

/** An instant for messages, in the correction's zone. */
export function showInstant(seconds: number, zone: string): string {
  return DateTime.fromSeconds(seconds, { zone }).toISO({ suppressMilliseconds: true }) ?? String(seconds);
}

/** Reads `slos` or `labels` (or neither: every SLO of the entity). */
function readTarget(
  record: Record<string, unknown>,
  path: string,
  problems: ProblemCollector,
  slos: readonly CorrectableSlo[],
): CorrectionTarget | undefined {
  const names = slos.map(s => s.name);
  if (record.slos !== undefined && record.labels !== undefined) {
    problems.add(path, 'A correction targets SLOs by name (slos) or by label (labels), not both.', {
      expected: 'slos: [checkout-availability] or labels: {tier: critical}, or neither for every SLO of the entity',
    });
    return undefined;
  }
  if (record.slos !== undefined) {
    const list = typeof record.slos === 'string' ? [record.slos] : record.slos;
    if (!Array.isArray(list) || list.length === 0) {
      problems.add(childPath(path, 'slos'), `slos must be a non-empty list of SLO names of this entity, not ${describeType(record.slos)}.`, {
        found: record.slos,
        expected: `a list such as [${names[0] ?? 'checkout-availability'}]`,
      });
      return undefined;
    }
    let ok = true;
    list.forEach((name, index) => {
      if (typeof name === 'string' && names.includes(name)) return;
      ok = false;
      problems.add(childPath(childPath(path, 'slos'), index), `No SLO named ${typeof name === 'string' ? `"${showValue(name)}"` : describeType(name)} was read from this entity, so the correction would exclude nothing from it.`, {
        found: name,
        expected: names.length > 0 ? `one of ${names.join(', ')}` : 'an SLO of this entity (it declares none that could be read)',
        didYouMean: typeof name === 'string' ? didYouMean(name, names) : undefined,
      });
    });
    return ok ? { kind: 'slos', names: [...new Set(list as string[])] } : undefined;
  }
  if (record.labels !== undefined) {
    const labels = record.labels;
    if (labels === null || typeof labels !== 'object' || Array.isArray(labels) || Object.keys(labels).length === 0
      || Object.values(labels).some(v => typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean')) {
      problems.add(childPath(path, 'labels'), `labels must be a mapping of label names to values, not ${describeType(labels)}.`, {
        found: labels,
        expected: 'labels: {tier: critical}',
      });
      return undefined;
    }
    const selector = Object.fromEntries(Object.entries(labels).map(([k, v]) => [k, String(v)]));
    const target: CorrectionTarget = { kind: 'labels', labels: selector };
    if (!slos.some(slo => correctionTargets({ target }, slo))) {
      problems.add(childPath(path, 'labels'), 'The labels select no SLO of this entity, so the correction would exclude nothing.', {
        found: labels,
        expected: 'labels that every targeted SLO carries (its labels field)',
      });
      return undefined;
    }
    return target;
  }
  return { kind: 'entity' };
}

/**
 * Whether a correction applies to an SLO of its entity.
 *
 * @public
 */
export function correctionTargets(correction: Pick<SloCorrection, 'target'>, slo: CorrectableSlo): boolean {
  const { target } = correction;
  if (target.kind === 'entity') return true;
  if (target.kind === 'slos') return target.names.includes(slo.name);
  return Object.entries(target.labels).every(([key, value]) => slo.labels?.[key] === value);
}

function readCategory(value: unknown, path: string, problems: ProblemCollector): CorrectionCategory | undefined {
  if (CORRECTION_CATEGORIES.includes(value as CorrectionCategory)) return value as CorrectionCategory;
  problems.add(path, value === undefined
    ? `The category is missing: say why the range is excluded, one of ${CORRECTION_CATEGORIES.join(', ')}.`
    : `The category ${typeof value === 'string' ? `"${showValue(value)}"` : describeType(value)} is not one of ${CORRECTION_CATEGORIES.join(', ')}.`, {
    found: value,
    expected: CORRECTION_CATEGORIES.join(', '),
    didYouMean: typeof value === 'string' ? didYouMean(value, CORRECTION_CATEGORIES) : undefined,
  });
  return undefined;
}

/**
 * Reads one correction of the annotation; reports every problem and returns
 * undefined when there is any.
 */
export function readCorrection(
  value: unknown,
  path: string,
  collector: ProblemCollector,
  context: CorrectionContext,
): SloCorrection | undefined {
  const problems = collector;
  const record = readMapping(value, path, CORRECTION_KEYS, problems, 'a correction');
  if (!record) return undefined;
  const before = collector.count;
  const suggested = suggestedKeys(record, CORRECTION_KEYS);
  const name = record.name === undefined && suggested.has('name') ? undefined : readName(record.name, childPath(path, 'name'), problems, 'The correction name');
  const category = record.category === undefined && suggested.has('category') ? undefined : readCategory(record.category, childPath(path, 'category'), problems);
  const reason = record.reason === undefined && suggested.has('reason') ? undefined : readString(record.reason, childPath(path, 'reason'), problems, 'The reason', 'one sentence people read on the SLO page, e.g. "Database upgrade, change CHG-1234"');

  let timeZone = 'UTC';
  if (record.timeZone !== undefined) {
    if (typeof record.timeZone === 'string' && IANAZone.isValidZone(record.timeZone)) timeZone = record.timeZone;
    else {
      problems.add(childPath(path, 'timeZone'), `${typeof record.timeZone === 'string' ? `"${showValue(record.timeZone)}"` : describeType(record.timeZone)} is not a known IANA time zone.`, {
        found: record.timeZone,
        expected: 'an IANA time zone such as UTC, Europe/Berlin or America/New_York',
      });
      return undefined;
    }
  }

  const start = readInstant(record.start, timeZone);
  if (start === undefined && !(record.start === undefined && suggested.has('start'))) {
    problems.add(childPath(path, 'start'), record.start === undefined ? 'The start is missing.' : `The start ${showValue(record.start)} is not an ISO 8601 date-time.`, {
      found: record.start,
      expected: ISO_EXAMPLE,
    });
  }
  let durationSeconds: number | undefined;
  if (record.end !== undefined && record.duration !== undefined) {
    problems.add(path, 'A correction has an end or a duration, not both.', { expected: 'end: 2026-11-01T04:00:00 or duration: 2h' });
  } else if (record.duration !== undefined) {
    durationSeconds = parseDuration(record.duration);
    if (durationSeconds === undefined) {
      problems.add(childPath(path, 'duration'), `The duration ${showValue(record.duration)} is not a duration.`, { found: record.duration, expected: 'a duration such as 30m, 2h or 1d' });
    }
  } else if (record.end !== undefined) {
    const end = readInstant(record.end, timeZone);
    if (end === undefined) {
      problems.add(childPath(path, 'end'), `The end ${showValue(record.end)} is not an ISO 8601 date-time.`, { found: record.end, expected: ISO_EXAMPLE });
    } else if (start !== undefined && end <= start) {
      problems.add(childPath(path, 'end'), `The correction ends at ${showInstant(end, timeZone)}, ${end === start ? 'at' : 'before'} its start ${showInstant(start, timeZone)}: nothing would be excluded. Swap them or fix the date.`, {
        found: record.end,
        expected: `a date-time after ${showInstant(start, timeZone)}`,
      });
    } else if (start !== undefined) durationSeconds = end - start;
  } else if (!suggested.has('end') && !suggested.has('duration')) {
    problems.add(path, 'The correction has neither an end nor a duration.', { expected: 'end: 2026-11-01T04:00:00 or duration: 2h' });
  }

  let recurrence: RecurrenceRule | undefined;
  if (record.rrule !== undefined) {
    const parsed = parseRecurrenceRule(record.rrule, timeZone);
    if (parsed.ok) recurrence = parsed.value;
    else problems.add(childPath(path, 'rrule'), parsed.message, { found: record.rrule, expected: parsed.expected, didYouMean: parsed.didYouMean });
  }
  const target = readTarget(record, path, problems, context.slos);
  if (collector.count > before || !name || !category || !reason || start === undefined || durationSeconds === undefined || !target) return undefined;

  const correction: SloCorrection = {
    name,
    entityRef: context.entityRef,
    category,
    reason,
    start,
    durationSeconds,
    timeZone,
    ...(recurrence ? { recurrence } : {}),
    target,
    origin: context.origin,
  };
  return checkOccurrences(correction, { rrule: childPath(path, 'rrule'), start: childPath(path, 'start') }, problems, context.now);
}

/**
 * The checks that need the whole correction: occurrences, their count, and
 * the future; `paths` say where the rule and the start were written.
 */
export function checkOccurrences(
  correction: SloCorrection,
  paths: { rrule: string; start: string },
  problems: ProblemCollector,
  now: number | undefined,
): SloCorrection | undefined {
  const { recurrence, timeZone, start } = correction;
  const total = countCorrectionOccurrences(correction);
  if (total === 0) {
    problems.add(paths.rrule, `The rule ${recurrence?.text} has no occurrence on or after the start ${showInstant(start, timeZone)}${recurrence?.until !== undefined ? ` and before UNTIL ${showInstant(recurrence.until, timeZone)}` : ''}.`, {
      found: recurrence?.text,
      expected: 'an UNTIL after the start, or a start the rule matches',
    });
    return undefined;
  }
  if (total !== undefined && total > MAX_CORRECTION_OCCURRENCES) {
    problems.add(paths.rrule, `The rule ${recurrence?.text} gives ${recurrence?.count !== undefined ? recurrence.count.toLocaleString('en-US') : `more than ${MAX_CORRECTION_OCCURRENCES.toLocaleString('en-US')}`} occurrences; a correction may have at most ${MAX_CORRECTION_OCCURRENCES.toLocaleString('en-US')}. Lower COUNT or UNTIL, or split it into corrections per year.`, {
      found: recurrence?.text,
      expected: `at most ${MAX_CORRECTION_OCCURRENCES} occurrences`,
    });
    return undefined;
  }
  // Planned maintenance is declared ahead, as Nobl9 and Datadog allow; bad
  // data and outages beyond our control can only be known once they happened.
  if (now !== undefined && correction.category !== 'planned-maintenance' && start > now) {
    problems.add(paths.start, `The correction starts in the future (${showInstant(start, timeZone)}), but "${correction.category}" can only be known after it happened; only planned-maintenance may be declared ahead.`, {
      found: showInstant(start, timeZone),
      expected: `a start before now, or category: planned-maintenance`,
    });
    return undefined;
  }
  return correction;
}
