import type { ScorecardGroup } from '@slo-kit/plugin-slo-common';

/** A group placed in the tree: its depth below the top. */
export interface GroupTreeRow {
  group: ScorecardGroup;
  depth: number;
}

/** Sortable columns of the teams table. */
export type GroupSortKey =
  | 'group'
  | 'services'
  | 'slos'
  | 'meeting'
  | 'budget'
  | 'paging'
  | 'trend'
  | 'suggestions';

function sortValue(group: ScorecardGroup, key: GroupSortKey): string | number | null {
  switch (key) {
    case 'group':
      return group.title.toLocaleLowerCase();
    case 'services':
      return group.services;
    case 'slos':
      return group.slos;
    case 'meeting':
      return group.meetingShare;
    case 'budget':
      return group.worstBudget?.budgetRemaining ?? null;
    case 'paging':
      return group.paging;
    case 'trend':
      return group.trend.points;
    case 'suggestions':
      // Null when the backend does not search for suggestions: last in both directions.
      return group.withoutSlos?.withSuggestion ?? null;
    default:
      return null;
  }
}

/** Compares two values; nulls always last whatever the direction. */
export function compareValues(
  a: string | number | null,
  b: string | number | null,
  dir: 'asc' | 'desc',
): number {
  if (a === null && b === null) {
    return 0;
  }
  if (a === null || b === null) {
    return a === null ? 1 : -1;
  }
  const order = typeof a === 'string' ? a.localeCompare(String(b)) : a - (b as number);
  return dir === 'asc' ? order : -order;
}

/**
 * Groups as a tree, depth first: each group followed by its sub-groups,
 * siblings sorted by `key`. Groups whose parent is not visible become roots.
 */
export function buildGroupTree(
  groups: readonly ScorecardGroup[],
  key: GroupSortKey = 'group',
  dir: 'asc' | 'desc' = 'asc',
): GroupTreeRow[] {
  const byRef = new Map(groups.map(group => [group.groupRef, group]));
  const children = new Map<string | null, ScorecardGroup[]>();
  for (const group of groups) {
    const parent = group.parentRef && byRef.has(group.parentRef) ? group.parentRef : null;
    children.set(parent, [...(children.get(parent) ?? []), group]);
  }
  const sorted = (list: ScorecardGroup[]) =>
    [...list].sort(
      (a, b) =>
        compareValues(sortValue(a, key), sortValue(b, key), dir) ||
        a.title.localeCompare(b.title),
    );
  const rows: GroupTreeRow[] = [];
  const seen = new Set<string>();
  const visit = (group: ScorecardGroup, depth: number) => {
    // Guards against cycles in bad catalog data.
    if (seen.has(group.groupRef)) {
      return;
    }
    seen.add(group.groupRef);
    rows.push({ group, depth });
    for (const child of sorted(children.get(group.groupRef) ?? [])) {
      visit(child, depth + 1);
    }
  };
  for (const root of sorted(children.get(null) ?? [])) {
    visit(root, 0);
  }
  return rows;
}

/** The chain of groups from the top down to `groupRef`, for breadcrumbs. */
export function groupAncestry(
  groups: readonly ScorecardGroup[],
  groupRef: string,
): ScorecardGroup[] {
  const byRef = new Map(groups.map(group => [group.groupRef, group]));
  const chain: ScorecardGroup[] = [];
  let current = byRef.get(groupRef);
  while (current && !chain.includes(current)) {
    chain.unshift(current);
    current = current.parentRef ? byRef.get(current.parentRef) : undefined;
  }
  return chain;
}

/** The groups at and below `groupRef`. */
export function subtree(
  groups: readonly ScorecardGroup[],
  groupRef: string,
): ScorecardGroup[] {
  const byRef = new Map(groups.map(group => [group.groupRef, group]));
  const result: ScorecardGroup[] = [];
  const queue = [groupRef];
  while (queue.length > 0) {
    const ref = queue.shift()!;
    const group = byRef.get(ref);
    if (group && !result.includes(group)) {
      result.push(group);
      queue.push(...group.childRefs);
    }
  }
  return result;
}
