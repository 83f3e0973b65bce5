import { scorecardGroups } from '../testing';
import { buildGroupTree, compareValues, groupAncestry, subtree } from './groupTree';

describe('buildGroupTree', () => {
  it('nests sub-groups under their parents, siblings by title', () => {
    expect(
      buildGroupTree(scorecardGroups).map(row => `${row.depth}:${row.group.title}`),
    ).toEqual(['0:Engineering', '1:Payments', '2:Payments risk', '1:Search']);
  });

  it('sorts siblings by the chosen column', () => {
    expect(
      buildGroupTree(scorecardGroups, 'budget', 'asc').map(row => row.group.title),
    ).toEqual(['Engineering', 'Payments', 'Payments risk', 'Search']);
    expect(
      buildGroupTree(scorecardGroups, 'slos', 'asc').map(row => row.group.title),
    ).toEqual(['Engineering', 'Search', 'Payments', 'Payments risk']);
  });

  it('makes groups with an invisible parent roots and survives cycles', () => {
    const [a, b] = scorecardGroups.slice(1, 3);
    const cyclic = [
      { ...a, parentRef: b.groupRef, childRefs: [b.groupRef] },
      { ...b, parentRef: a.groupRef, childRefs: [a.groupRef] },
    ];
    expect(buildGroupTree(cyclic)).toEqual([]);
    expect(buildGroupTree([b]).map(row => row.depth)).toEqual([0]);
  });
});

describe('compareValues', () => {
  it('puts nulls last in both directions', () => {
    expect([3, null, 1].sort((x, y) => compareValues(x, y, 'asc'))).toEqual([1, 3, null]);
    expect([3, null, 1].sort((x, y) => compareValues(x, y, 'desc'))).toEqual([3, 1, null]);
  });
});

describe('groupAncestry and subtree', () => {
  it('walks up and down the tree', () => {
    expect(
      groupAncestry(scorecardGroups, 'group:default/payments-risk').map(g => g.title),
    ).toEqual(['Engineering', 'Payments', 'Payments risk']);
    expect(subtree(scorecardGroups, 'group:default/payments').map(g => g.title)).toEqual([
      'Payments',
      'Payments risk',
    ]);
  });
});
