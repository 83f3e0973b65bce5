import {
  parseEntityRef,
  RELATION_CHILD_OF,
  RELATION_OWNED_BY,
  RELATION_PARENT_OF,
  stringifyEntityRef,
  type Entity,
} from '@backstage/catalog-model';
import type { ScorecardGroup, ScorecardSlo } from '@slo-kit/plugin-slo-common';
import { scorecardFigures, servicesWithoutSlos } from './scorecardFigures';

/**
 * A scorecard row with what roll-ups need besides the row itself.
 *
 * @internal
 */
export interface ScorecardRowInput {
  row: ScorecardSlo;
  /** Owner refs of the row's entity, lowercased. */
  ownerRefs: string[];
}

/** A ref in canonical lowercase form, or undefined when it cannot be parsed. */
function toRef(
  value: unknown,
  defaults: { defaultKind: string; defaultNamespace: string },
): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') {
    return undefined;
  }
  try {
    return stringifyEntityRef(
      parseEntityRef(value, defaults),
    ).toLocaleLowerCase('en-US');
  } catch {
    return undefined;
  }
}

/**
 * The owners of an entity: its `ownedBy` relations, or `spec.owner` before the
 * catalog has computed relations.
 *
 * @internal
 */
export function ownerRefsOf(entity: Entity): string[] {
  const fromRelations = (entity.relations ?? [])
    .filter(relation => relation.type === RELATION_OWNED_BY)
    .map(relation => relation.targetRef.toLocaleLowerCase('en-US'));
  if (fromRelations.length > 0) {
    return [...new Set(fromRelations)];
  }
  const owner = toRef(entity.spec?.owner, {
    defaultKind: 'group',
    defaultNamespace: entity.metadata.namespace ?? 'default',
  });
  return owner ? [owner] : [];
}

/** @internal */
export function groupRefOf(group: Entity): string {
  return stringifyEntityRef(group).toLocaleLowerCase('en-US');
}

/**
 * Parent and children of every group, from relations or from spec.parent / spec.children.
 *
 * @internal
 */
export function hierarchy(groups: Entity[]): {
  parentOf: Map<string, string | null>;
  childrenOf: Map<string, string[]>;
} {
  const known = new Set(groups.map(groupRefOf));
  const parentOf = new Map<string, string | null>();
  const childrenOf = new Map<string, string[]>();
  for (const ref of known) {
    childrenOf.set(ref, []);
  }
  const defaultsFor = (group: Entity) => ({
    defaultKind: 'group',
    defaultNamespace: group.metadata.namespace ?? 'default',
  });
  for (const group of groups) {
    const ref = groupRefOf(group);
    const relationParent = group.relations?.find(
      r => r.type === RELATION_CHILD_OF,
    )?.targetRef;
    const parent = toRef(
      relationParent ?? group.spec?.parent,
      defaultsFor(group),
    );
    // A parent the caller cannot see is treated as no parent: the group becomes a root.
    parentOf.set(ref, parent && known.has(parent) ? parent : null);
    const declaredChildren = [
      ...(group.relations ?? [])
        .filter(r => r.type === RELATION_PARENT_OF)
        .map(r => r.targetRef),
      ...((Array.isArray(group.spec?.children)
        ? group.spec?.children
        : []) as unknown[]),
    ];
    for (const child of declaredChildren) {
      const childRef = toRef(child, defaultsFor(group));
      if (childRef && known.has(childRef) && childRef !== ref) {
        parentOf.set(childRef, parentOf.get(childRef) ?? ref);
      }
    }
  }
  for (const [child, parent] of parentOf) {
    if (parent && !childrenOf.get(parent)!.includes(child)) {
      childrenOf.get(parent)!.push(child);
    }
  }
  for (const children of childrenOf.values()) {
    children.sort();
  }
  return { parentOf, childrenOf };
}

/**
 * The group and all its descendants; safe against cycles in the hierarchy.
 *
 * @internal
 */
export function subtree(ref: string, childrenOf: Map<string, string[]>): Set<string> {
  const seen = new Set<string>();
  const stack = [ref];
  while (stack.length > 0) {
    const next = stack.pop()!;
    if (!seen.has(next)) {
      seen.add(next);
      stack.push(...(childrenOf.get(next) ?? []));
    }
  }
  return seen;
}

/**
 * Rolls SLO rows up the group hierarchy: every group's figures come from its
 * own entities' SLOs and those of all its sub-groups, by the same
 * {@link scorecardFigures} as the organisation's, so a parent's share and
 * trend follow from its members' rows.
 *
 * @internal
 */
export function buildScorecardGroups(
  groups: Entity[],
  rows: ScorecardRowInput[],
  /** Services without SLOs, when suggestions are counted. */
  withoutSlos?: Array<{ ownerRefs: string[]; hasSuggestion: boolean }>,
): {
  groups: ScorecardGroup[];
  rowsOf: (groupRef: string) => ScorecardSlo[];
  /** The group and its sub-groups. */
  membersOf: (groupRef: string) => Set<string>;
} {
  const { parentOf, childrenOf } = hierarchy(groups);
  const rowsOf = (groupRef: string): ScorecardSlo[] => {
    const members = subtree(groupRef, childrenOf);
    return rows
      .filter(r => r.ownerRefs.some(owner => members.has(owner)))
      .map(r => r.row);
  };

  const result = groups.map((group): ScorecardGroup => {
    const ref = groupRefOf(group);
    const own = rowsOf(ref);
    const members = subtree(ref, childrenOf);
    let worstBudget: ScorecardGroup['worstBudget'] = null;
    for (const row of own) {
      if (
        row.budgetRemaining !== null &&
        (worstBudget === null ||
          row.budgetRemaining < worstBudget.budgetRemaining)
      ) {
        worstBudget = {
          entityRef: row.entityRef,
          entityTitle: row.entityTitle,
          name: row.name,
          budgetRemaining: row.budgetRemaining,
        };
      }
    }
    const profile = group.spec?.profile as
      | { displayName?: unknown }
      | undefined;
    const title =
      (typeof profile?.displayName === 'string' && profile.displayName) ||
      group.metadata.title ||
      group.metadata.name;
    return {
      groupRef: ref,
      title,
      parentRef: parentOf.get(ref) ?? null,
      childRefs: childrenOf.get(ref) ?? [],
      ...scorecardFigures(own),
      ...(withoutSlos
        ? {
            withoutSlos: servicesWithoutSlos(
              withoutSlos.filter(service =>
                service.ownerRefs.some(owner => members.has(owner)),
              ),
            ),
          }
        : {}),
      worstBudget,
    };
  });
  result.sort((a, b) => a.groupRef.localeCompare(b.groupRef));
  return {
    groups: result,
    rowsOf,
    membersOf: groupRef => subtree(groupRef, childrenOf),
  };
}
