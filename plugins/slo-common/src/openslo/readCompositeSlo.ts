import type { CompositeSloDefinition } from '../composites/CompositeSlo';
import { MAX_WEIGHTED_COMPOSITE_MEMBERS } from '../composites/parseCompositeSlos';
import { sloId } from '../math/sloId';
import type { SloDefinition } from '../model/SloDefinition';
import { kebabCase, MAX_NAME_LENGTH } from '../parse/readFields';
import { weightedCompositeOf } from './openSloCompositeWeights';
import { firstString, isRecord, OpenSloDocument, OpenSloProblems } from './openSloDocuments';
import { fieldsOf } from './openSloVersions';
import { readAlertPolicies, AlertDocuments } from './readAlertPolicies';
import { readBudgetingMethod } from './readBudgetingMethod';
import { readTimeWindow } from './readTimeWindow';

/** Where a composite's member is written: its objective, and the indicator it reads. */
export interface MemberView {
  /** Path of the spec that holds the member's indicator: its objective, or `spec` when it uses the SLO's. */
  indicatorAt: string;
  /** Index of the member's objective in `spec.objectives`. */
  objectiveIndex: number;
}

/** What reading a composite needs of the mapper: reading each member as an SLO. */
export interface CompositeReader {
  readonly problems: OpenSloProblems;
  readonly entityRef: string;
  readonly alerts: AlertDocuments;
  readSlo(document: OpenSloDocument, spec: Record<string, unknown>, name: string, view: MemberView): SloDefinition[];
}

/** Objective keys of a composite SLO, both versions' spellings: an objective with its own indicator, or a weight. */
const COMPOSITE_KEYS = ['indicator', 'indicatorRef', 'sli', 'sliRef', 'compositeWeight'];

/**
 * Whether an SLO spec declares a composite SLO (the README's Objectives and
 * "Notes (Composite SLO)"): an objective has its own indicator or a
 * `compositeWeight`.
 */
export function isCompositeSlo(spec: Record<string, unknown>): boolean {
  return Array.isArray(spec.objectives) && spec.objectives.some(raw => isRecord(raw) && COMPOSITE_KEYS.some(key => raw[key] !== undefined));
}

/**
 * Reads an OpenSLO composite SLO into the portal's `weighted` composite
 * (see `weightedCompositeOf` for why the figures are the spec's) and its
 * members: each objective becomes an SLO of the entity named
 * `<slo>-<objective displayName>` (`<slo>-objective-<n>` without one), with
 * the objective's own indicator (v1 `indicator`/`indicatorRef`, v2alpha
 * `sli`/`sliRef`), or the SLO's when the objective has none, the SLO's
 * window and budgeting method, and the objective's target. Undefined, with
 * the problems reported, when any member or the weighting cannot be read.
 */
export function readCompositeSlo(
  reader: CompositeReader,
  document: OpenSloDocument,
  spec: Record<string, unknown>,
  name: string,
): { composite: CompositeSloDefinition; members: SloDefinition[] } | undefined {
  const { problems } = reader;
  const before = problems.count;
  const apiVersion = String(document.value.apiVersion);
  const fields = fieldsOf(apiVersion);
  const method = readBudgetingMethod(problems, document, spec.budgetingMethod, name);
  const window = readTimeWindow(problems, document, spec, apiVersion);
  const objectives = spec.objectives as unknown[];
  if (!method || !window) return undefined;
  const timeslices = method === 'Timeslices' ? weightedCompositeOf(method, []) : undefined;
  if (timeslices && 'refused' in timeslices) {
    problems.report(document, 'spec.budgetingMethod', timeslices.refused, { found: method, expected: 'Occurrences or RatioTimeslices' }, name);
    return undefined;
  }
  if (objectives.length > MAX_WEIGHTED_COMPOSITE_MEMBERS) {
    problems.report(document, 'spec.objectives', `the composite has ${objectives.length} objectives; a weighted composite has at most ${MAX_WEIGHTED_COMPOSITE_MEMBERS} members (see docs/annotations.md).`, {
      found: `${objectives.length} objectives`,
      expected: `at most ${MAX_WEIGHTED_COMPOSITE_MEMBERS}`,
    }, name);
    return undefined;
  }
  const hasOwnSli = spec[fields.indicator] !== undefined || spec[fields.indicatorRef] !== undefined;
  const members: SloDefinition[] = [];
  const weights: number[] = [];
  const names = new Map<string, number>();
  objectives.forEach((raw, index) => {
    const at = `spec.objectives[${index}]`;
    if (!isRecord(raw)) {
      problems.report(document, at, 'an objective must be a mapping.', { found: raw }, name);
      return;
    }
    const weight = raw.compositeWeight ?? 1;
    if (typeof weight !== 'number' || !(weight > 0) || !Number.isFinite(weight)) {
      problems.report(document, `${at}.compositeWeight`, `compositeWeight must be a number above 0 (the README: numeric (0.0, inf+]; 1 when left out).`, {
        found: weight,
        expected: 'compositeWeight: 1',
      }, name);
      return;
    }
    const objectiveName = firstString(raw.displayName) ?? '';
    const memberName = `${name}-${kebabCase(objectiveName) || `objective-${index + 1}`}`.slice(0, MAX_NAME_LENGTH).replace(/-+$/, '');
    const same = names.get(memberName);
    if (same !== undefined) {
      problems.report(document, `${at}.displayName`, `objectives ${same + 1} and ${index + 1} both make the member SLO "${memberName}"; give each objective of a composite its own displayName.`, {
        found: objectiveName,
      }, name);
      return;
    }
    names.set(memberName, index);
    const own = raw[fields.indicator] !== undefined || raw[fields.indicatorRef] !== undefined;
    const memberSpec: Record<string, unknown> = { ...spec, objectives: [raw] };
    for (const key of ['indicator', 'indicatorRef', 'sli', 'sliRef']) {
      // The objective's own indicator replaces the SLO's; the other version's spelling is reported by findIndicator.
      if (own || raw[key] !== undefined) memberSpec[key] = raw[key];
    }
    const read = reader.readSlo(document, memberSpec, memberName, { indicatorAt: own || !hasOwnSli ? at : 'spec', objectiveIndex: index });
    if (read.length === 1) {
      members.push(read[0]);
      weights.push(weight);
    }
  });
  if (problems.count > before) return undefined;

  const weighting = weightedCompositeOf(method, members.map((member, index) => ({ target: member.objectives[0].target, weight: weights[index] })));
  if ('refused' in weighting) {
    problems.report(document, 'spec.objectives', weighting.refused, { found: method }, name);
    return undefined;
  }
  const description = firstString(spec.description);
  const composite: CompositeSloDefinition = {
    id: sloId(reader.entityRef, name),
    entityRef: reader.entityRef,
    name,
    ...(description !== undefined ? { description } : {}),
    objective: weighting.objective,
    window,
    semantics: 'weighted',
    members: members.map((member, index) => ({ entityRef: member.entityRef, sloName: member.name, sloId: member.id, weight: weighting.weights[index] })),
    position: 0,
    openSlo: { annotation: reader.problems.collector.annotation, location: document.location, documentIndex: document.index },
  };
  readAlertPolicies({ problems, alerts: reader.alerts, document, sloName: name, window, sli: members[0].sli }, spec.alertPolicies);
  return { composite, members };
}
