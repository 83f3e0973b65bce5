import type { CompositeSloStatus } from '@slo-kit/plugin-slo-common';
import { statusForCaller, type CompositeStatusFigures } from './compositeStatus';

const member = (entityRef: string) => ({
  visible: true as const,
  entityRef,
  sloName: 'availability',
  weight: 1,
  good: 9,
  total: 10,
  sli: 0.9,
  badShare: 0.5,
  health: 'breaching' as const,
  dataState: 'stale' as const,
});

const figures: CompositeStatusFigures = {
  partialMembers: [0, 1],
  memberSloIds: ['component:default/open/availability', 'component:default/secret/availability'],
  status: {
    name: 'journey',
    objective: 0.99,
    window: { type: 'rolling', durationSeconds: 2592000, label: '30d' },
    semantics: 'weighted',
    weighted: { memberSlis: [0.9, 0.8] } as CompositeSloStatus['weighted'],
    health: 'breaching',
    dataState: 'partial',
    partialMembers: ['component:default/open/availability', 'component:default/secret/availability'],
    gridMismatch:
      "Members' buckets disagree: at 2025-03-01T00:00:00.000Z component:default/open/availability has a bucket of 300 s and component:default/secret/availability one of 3600 s (collected or compacted at different resolutions).",
    members: [member('component:default/open'), member('component:default/secret')],
  },
};

describe('statusForCaller', () => {
  it('shows a member the caller may not read nowhere: not in members, partial members, member SLIs or the grid message', () => {
    const shown = statusForCaller(figures, [true, false]);
    expect(JSON.stringify(shown)).not.toContain('secret');
    expect(JSON.stringify(shown)).not.toContain('0.8');
    expect(shown.members[1]).toEqual({ visible: false, label: 'another entity' });
    expect(shown.partialMembers).toEqual(['component:default/open/availability', 'another entity']);
    expect(shown.weighted!.memberSlis).toEqual([0.9, null]);
    expect(shown.gridMismatch).toContain('component:default/open/availability has a bucket of 300 s and another entity one of 3600 s');
    // The kept figures are not changed for the next caller.
    expect(statusForCaller(figures, [true, true])).toEqual(figures.status);
  });
});
