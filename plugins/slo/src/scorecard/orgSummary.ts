import type {
  ScorecardFigures,
  ScorecardGroup,
  ScorecardResponse,
} from '@slo-kit/plugin-slo-common';

/** What the scorecard's summary strip says about the organisation. */
export interface OrgSummary {
  /** The backend's figures of every row: the same computation as each group's. */
  figures: ScorecardFigures;
  worstGroup?: ScorecardGroup;
  demo: boolean;
}

/** Groups that own SLOs themselves, not only through sub-groups. */
function ownsSlos(group: ScorecardGroup, byRef: Map<string, ScorecardGroup>): boolean {
  const viaChildren = group.childRefs.reduce(
    (sum, ref) => sum + (byRef.get(ref)?.slos ?? 0),
    0,
  );
  return group.slos - viaChildren > 0;
}

/**
 * The organisation's figures, as the backend computed them, and the worst
 * team: the lowest share meeting, then the most paging, then the least budget
 * left. Pure roll-up groups (that own nothing themselves) are not candidates,
 * or the top group would always win.
 */
export function summariseOrg(response: ScorecardResponse): OrgSummary {
  const byRef = new Map(response.groups.map(group => [group.groupRef, group]));
  const candidates = response.groups.filter(
    group => group.slos > 0 && ownsSlos(group, byRef),
  );
  const worstGroup = [...candidates].sort(
    (a, b) =>
      (a.meetingShare ?? 1) - (b.meetingShare ?? 1) ||
      b.paging - a.paging ||
      (a.worstBudget?.budgetRemaining ?? Infinity) -
        (b.worstBudget?.budgetRemaining ?? Infinity),
  )[0];
  return {
    figures: response.summary,
    worstGroup,
    demo: response.slos.some(row => row.demo),
  };
}
