import { parseEntityRef } from '@backstage/catalog-model';
import { parseWindow } from '../math/parseWindow';
import { normalizeEntityRef, sloId } from '../math/sloId';
import type { ValidationProblem } from '../model/ValidationProblem';
import { childPath, ProblemCollector, showValue } from '../parse/ProblemCollector';
import { parseYamlSafely } from '../parse/parseYamlSafely';
import {
  readMapping,
  readName,
  readPercent,
  readString,
  suggestedKeys,
} from '../parse/readFields';
import { describeType } from '../util/describeType';
import { didYouMean } from '../util/didYouMean';
import {
  COMPOSITE_SLOS_ANNOTATION,
  type CompositeMember,
  type CompositeSemantics,
  type CompositeSloDefinition,
} from './CompositeSlo';

const COMPOSITE_KEYS = ['name', 'description', 'objective', 'window', 'semantics', 'members'] as const;
const MEMBER_KEYS = ['slo', 'entity', 'name', 'weight'] as const;
const SEMANTICS: readonly CompositeSemantics[] = ['events', 'weighted'];
/**
 * Most members an `events` composite may have. Its members are read a few at
 * a time and pooled as they are read, so the memory it needs does not grow
 * with them; the time does (one read of each member's window per change of
 * the members' data, done after collection, not in a request): see
 * docs/annotations.md and docs/performance.md.
 *
 * @public
 */
export const MAX_COMPOSITE_MEMBERS = 1000;

/**
 * Most members a `weighted` composite may have: its figures need every
 * member's buckets over its window at once (each member's SLI over every
 * alert window and sparkline point), so its memory grows with its members.
 *
 * @public
 */
export const MAX_WEIGHTED_COMPOSITE_MEMBERS = 100;

/**
 * Composites parsed from an entity, with every problem found.
 *
 * @public
 */
export interface EntityComposites {
  entityRef: string;
  composites: CompositeSloDefinition[];
  problems: ValidationProblem[];
}

/**
 * Reads the {@link COMPOSITE_SLOS_ANNOTATION} annotation of an entity: a YAML
 * list of `{ name, description?, objective, window, semantics, members }`,
 * each member either `{ slo: "<entityRef>/<sloName>" }` or
 * `{ entity: "<entityRef>", name: "<sloName>" }`, with an optional positive
 * `weight`. Member refs without a kind are Components, without a namespace
 * the declaring entity's. Never throws on user input; a composite is returned
 * only when it has no problem. Whether members exist is checked later, by
 * {@link validateCompositeMembers}, against the catalog.
 *
 * @public
 */
export function parseCompositeSlos(
  text: string | undefined,
  options: { entityRef: string },
): EntityComposites {
  const entityRef = normalizeEntityRef(options.entityRef);
  const problems = new ProblemCollector(entityRef, COMPOSITE_SLOS_ANNOTATION);
  const composites: CompositeSloDefinition[] = [];
  if (text === undefined) return { entityRef, composites, problems: problems.problems };
  const yaml = parseYamlSafely(text);
  for (const error of yaml.errors) {
    problems.add('', error, { expected: `a YAML list of composite SLOs, written as a block scalar (${COMPOSITE_SLOS_ANNOTATION}: |)` });
  }
  if (yaml.errors.length > 0) return { entityRef, composites, problems: problems.problems };
  let items = yaml.documents.length === 1 ? yaml.documents[0] : undefined;
  if (items && typeof items === 'object' && !Array.isArray(items)) items = [items];
  if (!Array.isArray(items)) {
    problems.add('', `The annotation must hold one YAML list of composite SLOs, not ${yaml.documents.length === 1 ? describeType(items) : `${yaml.documents.length} documents`}.`, {
      found: yaml.documents.length === 1 ? items : undefined,
      expected: 'a list: "- name: checkout-journey ..." (use a block scalar)',
    });
    return { entityRef, composites, problems: problems.problems };
  }
  const namespace = parseEntityRef(entityRef).namespace;
  const seen = new Set<string>();
  items.forEach((item, index) => {
    const composite = readComposite(item, childPath('', index), problems, { entityRef, namespace, position: index });
    if (!composite) return;
    if (seen.has(composite.name)) {
      problems.scoped({ sloName: composite.name }).add(childPath(childPath('', index), 'name'), `Two composites are named "${composite.name}"; give each its own name.`, {
        found: composite.name,
      });
      return;
    }
    seen.add(composite.name);
    composites.push(composite);
  });
  return { entityRef, composites, problems: problems.problems };
}

function readComposite(
  value: unknown,
  path: string,
  problems: ProblemCollector,
  context: { entityRef: string; namespace: string; position: number },
): CompositeSloDefinition | undefined {
  const rawName = value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>).name : undefined;
  const scoped = problems.scoped(typeof rawName === 'string' ? { sloName: showValue(rawName) } : {});
  const record = readMapping(value, path, COMPOSITE_KEYS, scoped, 'a composite SLO');
  if (!record) return undefined;
  const before = problems.count;
  const suggested = suggestedKeys(record, COMPOSITE_KEYS);
  const name = record.name === undefined && suggested.has('name') ? undefined : readName(record.name, childPath(path, 'name'), scoped, 'The composite name');
  let description: string | undefined;
  if (record.description !== undefined) {
    description = readString(record.description, childPath(path, 'description'), scoped, 'The description', 'one sentence saying what the journey gives users');
  }
  const objective = record.objective === undefined && suggested.has('objective') ? undefined : readPercent(record.objective, childPath(path, 'objective'), scoped, 'The objective');
  let window;
  if (!(record.window === undefined && suggested.has('window'))) {
    const parsed = parseWindow(record.window);
    if (parsed.ok) window = parsed.value;
    else {
      scoped.add(childPath(path, 'window'), record.window === undefined ? 'The window is missing: a composite has the window of its members.' : parsed.message, {
        found: record.window,
        expected: parsed.expected,
        didYouMean: parsed.didYouMean,
      });
    }
  }
  let semantics: CompositeSemantics | undefined;
  if (!(record.semantics === undefined && suggested.has('semantics'))) {
    if (SEMANTICS.includes(record.semantics as CompositeSemantics)) semantics = record.semantics as CompositeSemantics;
    else {
      scoped.add(childPath(path, 'semantics'), record.semantics === undefined
        ? 'The semantics is missing: say how members combine, "events" (pool good and total events) or "weighted" (weighted mean of SLIs).'
        : `The semantics ${typeof record.semantics === 'string' ? `"${showValue(record.semantics)}"` : describeType(record.semantics)} is not one of "events", "weighted".`, {
        found: record.semantics,
        expected: '"events" or "weighted"',
        didYouMean: typeof record.semantics === 'string' ? didYouMean(record.semantics, SEMANTICS) : undefined,
      });
    }
  }
  const members = record.members === undefined && suggested.has('members') ? undefined : readMembers(record.members, childPath(path, 'members'), scoped, context, semantics);
  if (problems.count > before || !name || objective === undefined || !window || !semantics || !members) return undefined;
  return {
    id: sloId(context.entityRef, name),
    entityRef: context.entityRef,
    name,
    ...(description !== undefined ? { description } : {}),
    objective,
    window,
    semantics,
    members,
    position: context.position,
  };
}

function readMembers(
  value: unknown,
  path: string,
  problems: ProblemCollector,
  context: { entityRef: string; namespace: string },
  semantics: CompositeSemantics | undefined,
): CompositeMember[] | undefined {
  if (!Array.isArray(value) || value.length === 0) {
    problems.add(path, value === undefined ? 'The members are missing.' : `The members must be a non-empty list, not ${describeType(value)}.`, {
      found: value,
      expected: 'a list such as - slo: component:default/checkout/availability',
    });
    return undefined;
  }
  if (value.length > MAX_COMPOSITE_MEMBERS) {
    problems.add(path, `A composite may have at most ${MAX_COMPOSITE_MEMBERS} members, not ${value.length}. Split it into composites of fewer members (a journey per System, say).`, { found: `${value.length} members` });
    return undefined;
  }
  if (semantics === 'weighted' && value.length > MAX_WEIGHTED_COMPOSITE_MEMBERS) {
    problems.add(path, `A weighted composite may have at most ${MAX_WEIGHTED_COMPOSITE_MEMBERS} members, not ${value.length}: its figures hold every member's events at once. Use "semantics: events" (up to ${MAX_COMPOSITE_MEMBERS} members), or split it.`, { found: `${value.length} members` });
    return undefined;
  }
  const before = problems.count;
  const members: CompositeMember[] = [];
  const seen = new Set<string>();
  value.forEach((item, index) => {
    const member = readMember(item, childPath(path, index), problems, context);
    if (!member) return;
    if (seen.has(member.sloId)) {
      problems.add(childPath(path, index), `The SLO ${member.sloId} is a member twice; list it once (use "weight" to count it more).`, { found: member.sloId });
      return;
    }
    seen.add(member.sloId);
    members.push(member);
  });
  return problems.count > before ? undefined : members;
}

function readMember(
  value: unknown,
  path: string,
  problems: ProblemCollector,
  context: { entityRef: string; namespace: string },
): CompositeMember | undefined {
  const record = readMapping(value, path, MEMBER_KEYS, problems, 'a member');
  if (!record) return undefined;
  const before = problems.count;
  const expected = 'either slo: "<entityRef>/<sloName>" (component:default/checkout/availability) or entity: "<entityRef>" with name: "<sloName>"';
  let entity: string | undefined;
  let sloName: string | undefined;
  if (record.slo !== undefined) {
    if (record.entity !== undefined || record.name !== undefined) {
      problems.add(path, 'A member has either "slo", or "entity" with "name", not both.', { found: record, expected });
    }
    const text = readString(record.slo, childPath(path, 'slo'), problems, 'The member SLO', expected);
    if (text !== undefined) {
      const slash = text.lastIndexOf('/');
      if (slash <= 0 || slash === text.length - 1) {
        problems.add(childPath(path, 'slo'), `The member SLO "${showValue(text)}" is not "<entityRef>/<sloName>".`, { found: text, expected });
      } else {
        entity = text.slice(0, slash);
        sloName = text.slice(slash + 1);
      }
    }
  } else if (record.entity !== undefined || record.name !== undefined) {
    entity = readString(record.entity, childPath(path, 'entity'), problems, 'The member entity', 'an entity ref such as component:default/checkout');
    sloName = readString(record.name, childPath(path, 'name'), problems, 'The member SLO name', 'the name of an SLO of that entity, e.g. availability');
  } else {
    problems.add(path, 'A member must name an SLO.', { found: record, expected });
  }
  let entityRef: string | undefined;
  if (entity !== undefined) {
    try {
      entityRef = normalizeEntityRef(parseEntityRef(entity, { defaultKind: 'component', defaultNamespace: context.namespace }));
    } catch (error) {
      problems.add(childPath(path, record.slo !== undefined ? 'slo' : 'entity'), `"${showValue(entity)}" is not an entity ref: ${(error as Error).message}`, {
        found: entity,
        expected: 'kind:namespace/name, e.g. component:default/checkout',
      });
    }
  }
  let weight = 1;
  if (record.weight !== undefined) {
    if (typeof record.weight === 'number' && Number.isFinite(record.weight) && record.weight > 0) weight = record.weight;
    else {
      problems.add(childPath(path, 'weight'), `The weight ${typeof record.weight === 'number' || typeof record.weight === 'string' ? showValue(record.weight) : describeType(record.weight)} is not a positive number.`, {
        found: record.weight,
        expected: 'a positive number such as 2 or 0.5 (weights are relative; only "weighted" composites use them)',
      });
    }
  }
  if (problems.count > before || entityRef === undefined || sloName === undefined) return undefined;
  return { entityRef, sloName, sloId: sloId(entityRef, sloName), weight };
}
