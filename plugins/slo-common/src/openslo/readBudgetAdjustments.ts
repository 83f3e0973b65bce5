import { IANAZone } from 'luxon';
import { checkOccurrences, readInstant } from '../corrections/readCorrection';
import { parseRecurrenceRule } from '../corrections/parseRecurrenceRule';
import {
  CORRECTION_CATEGORIES,
  type CorrectionCategory,
  type SloCorrection,
} from '../corrections/SloCorrection';
import { parseDuration } from '../math/parseDuration';
import { SLO_OPENSLO_ANNOTATION } from '../model/annotations';
import type { SloDefinition } from '../model/SloDefinition';
import { ProblemCollector, showValue } from '../parse/ProblemCollector';
import { NAME_PATTERN } from '../parse/readFields';
import { didYouMean } from '../util/didYouMean';
import { isRecord, type OpenSloDocument, type OpenSloProblems } from './openSloDocuments';

/** Metadata annotation of a BudgetAdjustment with the correction's category, which OpenSLO has no field for. */
export const CORRECTION_CATEGORY_ANNOTATION = 'slo-kit.dev/correction-category';
/** Metadata annotation with the zone its rule is read in (OpenSLO's times are RFC 3339 instants; the rule's zone is UTC without it). */
export const CORRECTION_TIME_ZONE_ANNOTATION = 'slo-kit.dev/time-zone';

/** The SLOs read from one OpenSLO SLO document. */
export interface ReadOpenSlo {
  name: string;
  definitions: SloDefinition[];
}

/** Reports a document's problems, read with a collector of their own, on the document. */
function reportOn(problems: OpenSloProblems, document: OpenSloDocument, local: ProblemCollector): void {
  for (const problem of local.problems) {
    // The collector added the did-you-mean to the message; report adds it again from the details.
    problems.report(document, problem.path, problem.message.replace(/ Did you mean "[^"]*"\?$/, ''), {
      ...(problem.found !== undefined ? { found: problem.found } : {}),
      ...(problem.expected !== undefined ? { expected: problem.expected } : {}),
      ...(problem.didYouMean !== undefined ? { didYouMean: problem.didYouMean } : {}),
    });
  }
}

/**
 * Reads `BudgetAdjustment` documents (OpenSLO v2alpha, the proposal of
 * OpenSLO pull request 301 with Nobl9's fields) into corrections and gives
 * each SLO they match its corrections: `firstEventStart` is the start,
 * `duration` or `endTime` the length, `rrule` the recurrence (read in UTC,
 * or in the zone of the `slo-kit.dev/time-zone` metadata annotation),
 * `sloMatchers[].sloRef` the OpenSLO SLOs it applies to (every SLO read from
 * that document), `description` the reason, and the
 * `slo-kit.dev/correction-category` annotation the category (default
 * `planned-maintenance`: OpenSLO has no category). Problems are reported on
 * the document; a broken adjustment excludes nothing.
 */
export function applyBudgetAdjustments(
  adjustments: readonly OpenSloDocument[],
  slos: readonly ReadOpenSlo[],
  problems: OpenSloProblems,
  context: { entityRef: string; now?: number },
): SloDefinition[] {
  const byName = new Map(slos.map(slo => [slo.name, slo]));
  const added = new Map<SloDefinition, SloCorrection[]>();
  for (const document of adjustments) {
    const collector = new ProblemCollector(problems.collector.entityRef, problems.collector.annotation);
    const correction = readAdjustment(document, collector, byName, context);
    if (correction) {
      for (const slo of slos) {
        for (const definition of slo.definitions) {
          if (correction.target.kind === 'slos' && correction.target.names.includes(definition.name)) {
            added.set(definition, [...(added.get(definition) ?? []), correction]);
          }
        }
      }
    }
    reportOn(problems, document, collector);
  }
  return slos.flatMap(slo =>
    slo.definitions.map(definition => {
      const corrections = added.get(definition);
      return corrections ? { ...definition, corrections: [...(definition.corrections ?? []), ...corrections] } : definition;
    }),
  );
}

function readAdjustment(
  document: OpenSloDocument,
  problems: ProblemCollector,
  slos: Map<string, ReadOpenSlo>,
  context: { entityRef: string; now?: number },
): SloCorrection | undefined {
  const metadata = document.value.metadata as Record<string, unknown>;
  const name = String(metadata.name);
  const annotations = isRecord(metadata.annotations) ? metadata.annotations : {};
  const spec = isRecord(document.value.spec) ? document.value.spec : {};
  const before = problems.count;
  if (!NAME_PATTERN.test(name)) {
    problems.add('metadata.name', `"${showValue(name)}" is not a valid correction name: use lowercase kebab-case.`, { found: name });
  }
  let category: CorrectionCategory = 'planned-maintenance';
  const rawCategory = annotations[CORRECTION_CATEGORY_ANNOTATION];
  if (rawCategory !== undefined) {
    if (CORRECTION_CATEGORIES.includes(rawCategory as CorrectionCategory)) category = rawCategory as CorrectionCategory;
    else {
      problems.add(`metadata.annotations.${CORRECTION_CATEGORY_ANNOTATION}`, `the category ${JSON.stringify(rawCategory)} is not one of ${CORRECTION_CATEGORIES.join(', ')}.`, {
        found: rawCategory,
        expected: CORRECTION_CATEGORIES.join(', '),
        didYouMean: typeof rawCategory === 'string' ? didYouMean(rawCategory, CORRECTION_CATEGORIES) : undefined,
      });
    }
  }
  let timeZone = 'UTC';
  const rawZone = annotations[CORRECTION_TIME_ZONE_ANNOTATION];
  if (rawZone !== undefined) {
    if (typeof rawZone === 'string' && IANAZone.isValidZone(rawZone)) timeZone = rawZone;
    else problems.add(`metadata.annotations.${CORRECTION_TIME_ZONE_ANNOTATION}`, `"${showValue(rawZone)}" is not a known IANA time zone.`, { found: rawZone, expected: 'an IANA time zone such as UTC or Europe/Berlin' });
  }
  const start = readInstant(spec.firstEventStart, timeZone);
  if (start === undefined) {
    problems.add('spec.firstEventStart', spec.firstEventStart === undefined ? 'the BudgetAdjustment has no firstEventStart.' : `firstEventStart ${showValue(spec.firstEventStart)} is not an RFC 3339 date-time.`, {
      found: spec.firstEventStart,
      expected: 'firstEventStart: "2026-11-01T02:00:00Z"',
    });
  }
  let durationSeconds: number | undefined;
  if (spec.duration !== undefined && spec.endTime !== undefined) {
    problems.add('spec', 'a BudgetAdjustment has a duration or an endTime, not both.', { expected: 'duration: 2h, or endTime: "2026-11-01T04:00:00Z"' });
  } else if (spec.duration !== undefined) {
    durationSeconds = parseDuration(spec.duration);
    if (durationSeconds === undefined) problems.add('spec.duration', `duration ${showValue(spec.duration)} is not a duration.`, { found: spec.duration, expected: 'a duration such as 30m or 2h' });
  } else if (spec.endTime !== undefined) {
    const end = readInstant(spec.endTime, timeZone);
    if (end === undefined) problems.add('spec.endTime', `endTime ${showValue(spec.endTime)} is not an RFC 3339 date-time.`, { found: spec.endTime, expected: 'endTime: "2026-11-01T04:00:00Z"' });
    else if (start !== undefined && end <= start) {
      problems.add('spec.endTime', `the adjustment ends at ${showValue(spec.endTime)}, ${end === start ? 'at' : 'before'} its firstEventStart ${showValue(spec.firstEventStart)}: nothing would be excluded.`, { found: spec.endTime, expected: 'an endTime after firstEventStart' });
    } else if (start !== undefined) durationSeconds = end - start;
  } else {
    problems.add('spec', 'the BudgetAdjustment has neither a duration nor an endTime.', { expected: 'duration: 2h' });
  }
  const recurrence = spec.rrule === undefined ? undefined : parseRecurrenceRule(spec.rrule, timeZone);
  if (recurrence && !recurrence.ok) {
    problems.add('spec.rrule', recurrence.message, { found: spec.rrule, expected: recurrence.expected, didYouMean: recurrence.didYouMean });
  }
  const names: string[] = [];
  const matchers = Array.isArray(spec.sloMatchers) ? spec.sloMatchers : [];
  if (matchers.length === 0) {
    problems.add('spec.sloMatchers', 'the BudgetAdjustment names no SLO, so it would exclude nothing.', { expected: 'sloMatchers: [{sloRef: checkout-availability}]' });
  }
  matchers.forEach((matcher, index) => {
    const ref = isRecord(matcher) ? matcher.sloRef : undefined;
    const slo = typeof ref === 'string' ? slos.get(ref) : undefined;
    if (!slo) {
      problems.add(`spec.sloMatchers[${index}].sloRef`, `no SLO named ${JSON.stringify(ref ?? null)} is in the entity's OpenSLO files, so the adjustment would exclude nothing from it.`, {
        found: ref,
        expected: slos.size > 0 ? `one of ${[...slos.keys()].join(', ')}` : 'an SLO of these files',
        didYouMean: typeof ref === 'string' ? didYouMean(ref, [...slos.keys()]) : undefined,
      });
      return;
    }
    names.push(...slo.definitions.map(definition => definition.name));
  });
  if (problems.count > before || start === undefined || durationSeconds === undefined || (recurrence && !recurrence.ok)) return undefined;
  const reason = typeof spec.description === 'string' && spec.description.trim() !== '' ? spec.description.trim() : `OpenSLO BudgetAdjustment ${name}`;
  const correction: SloCorrection = {
    name,
    entityRef: context.entityRef,
    category,
    reason,
    start,
    durationSeconds,
    timeZone,
    ...(recurrence?.ok ? { recurrence: recurrence.value } : {}),
    target: { kind: 'slos', names: [...new Set(names)] },
    origin: { kind: 'openslo', annotation: SLO_OPENSLO_ANNOTATION, detail: document.location },
  };
  return checkOccurrences(correction, { rrule: 'spec.rrule', start: 'spec.firstEventStart' }, problems, context.now);
}
