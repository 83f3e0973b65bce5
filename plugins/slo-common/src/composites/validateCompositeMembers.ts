import type { SloDefinition, SloWindow } from '../model/SloDefinition';
import type { ValidationProblem } from '../model/ValidationProblem';
import { childPath, ProblemCollector, type ProblemDetails } from '../parse/ProblemCollector';
import { didYouMean } from '../util/didYouMean';
import {
  COMPOSITE_SLOS_ANNOTATION,
  type CompositeMember,
  type CompositeSloDefinition,
} from './CompositeSlo';

/**
 * What the catalog says about one member's entity, as the backend resolved it.
 *
 * @public
 */
export interface CompositeMemberEntity {
  /** The entity's valid SLO definitions. */
  definitions: readonly SloDefinition[];
  /** Names of the composites the entity itself declares. */
  compositeNames: readonly string[];
  /**
   * Whether the caller may read the entity: problems about an entity the
   * caller may not read name no SLO of it.
   */
  visible: boolean;
}

/**
 * A member with the SLO definition it refers to.
 *
 * @public
 */
export interface ResolvedCompositeMember extends CompositeMember {
  definition: SloDefinition;
}

/**
 * Two windows are the same when they measure the same span.
 *
 * @public
 */
export function sameWindow(a: SloWindow, b: SloWindow): boolean {
  if (a.type === 'rolling' && b.type === 'rolling') return a.durationSeconds === b.durationSeconds;
  if (a.type === 'calendar' && b.type === 'calendar') return a.unit === b.unit && a.timeZone === b.timeZone;
  return false;
}

/**
 * Where a composite's member problems point: entry `position` of the
 * annotation's `members`, or, for an OpenSLO composite, the objective of its
 * document that makes the member, named with its file as the OpenSLO
 * reader's own problems are.
 */
function memberProblems(composite: CompositeSloDefinition): {
  collector: ProblemCollector;
  add: (path: string, message: string, details?: ProblemDetails) => void;
  memberPath: (index: number) => string;
} {
  const origin = composite.openSlo;
  if (!origin) {
    const collector = new ProblemCollector(composite.entityRef, COMPOSITE_SLOS_ANNOTATION, { sloName: composite.name });
    const membersPath = childPath(childPath('', composite.position), 'members');
    return {
      collector,
      add: (path, message, details) => collector.add(path, message, details),
      memberPath: index => childPath(membersPath, index),
    };
  }
  const collector = new ProblemCollector(composite.entityRef, origin.annotation, { sloName: composite.name, location: origin.location });
  return {
    collector,
    add: (path, message, details) => collector.add(path, `${origin.location}, document ${origin.documentIndex + 1}: ${message}`, details),
    memberPath: index => `[${origin.documentIndex}].spec.objectives[${index}]`,
  };
}

/**
 * Checks a composite's members against the catalog: every member names an
 * existing SLO (with a did-you-mean among the entity's SLOs), is not itself
 * a composite, has the composite's window, and — for `events` semantics —
 * counts events rather than time slices. Returns the resolved members when
 * there is no problem, else undefined with the problems.
 *
 * @param entities - member entity ref → what the catalog holds; undefined
 *   when there is no such entity.
 * @public
 */
export function validateCompositeMembers(
  composite: CompositeSloDefinition,
  entities: ReadonlyMap<string, CompositeMemberEntity | undefined>,
): { members?: ResolvedCompositeMember[]; problems: ValidationProblem[] } {
  const { collector, add, memberPath } = memberProblems(composite);
  const resolved: ResolvedCompositeMember[] = [];
  composite.members.forEach((member, index) => {
    const path = memberPath(index);
    const entity = entities.get(member.entityRef);
    if (!entity) {
      add(path, `Unknown member: there is no entity ${member.entityRef} in the catalog. Check the ref (kind:namespace/name).`, {
        found: member.entityRef,
        expected: 'the ref of an entity that declares SLOs',
      });
      return;
    }
    if (entity.compositeNames.includes(member.sloName)) {
      add(path, `The member ${member.sloId} is itself a composite: composites of composites not supported yet. List its members instead.`, {
        found: member.sloId,
        expected: 'an SLO declared in slo-kit.dev/slos, templates or OpenSLO',
      });
      return;
    }
    const definition = entity.definitions.find(d => d.name === member.sloName);
    if (!definition) {
      const names = entity.definitions.map(d => d.name);
      add(path, `Unknown member: entity ${member.entityRef} has no SLO named "${member.sloName}".`, {
        found: member.sloId,
        expected: entity.visible && names.length > 0 ? `one of ${names.join(', ')}` : 'the name of an SLO of that entity',
        didYouMean: entity.visible ? didYouMean(member.sloName, names) : undefined,
      });
      return;
    }
    if (!sameWindow(definition.window, composite.window)) {
      add(path, `Mixed windows: the member ${member.sloId} is measured over ${entity.visible ? definition.window.label : 'another window'}, the composite over ${composite.window.label}. Every member must have the composite's window.`, {
        found: entity.visible ? definition.window.label : undefined,
        expected: composite.window.label,
      });
      return;
    }
    if (composite.semantics === 'events' && definition.sli.kind === 'timeSlice') {
      add(path, `The member ${member.sloId} counts time slices, not events: its slices cannot be pooled with other members' events. Use semantics: weighted.`, {
        found: 'a time-slice SLI',
        expected: 'a ratio or latency SLI',
        didYouMean: 'weighted',
      });
      return;
    }
    resolved.push({ ...member, definition });
  });
  return collector.count > 0 ? { problems: collector.problems } : { members: resolved, problems: [] };
}
