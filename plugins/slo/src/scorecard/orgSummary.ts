import type {
  ScorecardGroup,
  ScorecardResponse,
  ScorecardSlo,
} from '@slo-kit/plugin-slo-common';
import { meetsObjective } from '../status';
import { meetingShare } from './groupTree';

/** What the scorecard's summary strip says about the organisation. */
export interface OrgSummary {
  services: number;
  slos: number;
  meeting: number;
  /** Share meeting, 0..1; null without SLOs. */
  meetingShare: number | null;
  paging: number;
  /** Share meeting now minus share meeting in the previous period, in points; null without history. */
  trendPoints: number | null;
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
 * The organisation's figures from its rows, and the worst team: the lowest
 * share meeting, then the least budget left. Pure roll-up groups (that own
 * nothing themselves) are not candidates, or the top group would always win.
 */
export function summariseOrg(response: ScorecardResponse): OrgSummary {
  const rows = response.slos;
  // The same test as the backend's group roll-up, so the figures agree.
  const meets = (row: ScorecardSlo) => meetsObjective(row.sli, row.objective, row.health);
  const meeting = rows.filter(meets).length;
  const withHistory = rows.filter(row => row.previousPeriodSli !== null);
  let trendPoints: number | null = null;
  if (withHistory.length > 0) {
    const nowShare =
      withHistory.filter(meets).length / withHistory.length;
    const previousShare =
      withHistory.filter(row => row.previousPeriodSli! >= row.objective).length /
      withHistory.length;
    trendPoints = Math.round((nowShare - previousShare) * 100);
  }
  const byRef = new Map(response.groups.map(group => [group.groupRef, group]));
  const candidates = response.groups.filter(
    group => group.slos > 0 && ownsSlos(group, byRef),
  );
  const worstGroup = [...candidates].sort(
    (a, b) =>
      (meetingShare(a) ?? 1) - (meetingShare(b) ?? 1) ||
      b.paging - a.paging ||
      (a.worstBudget?.budgetRemaining ?? Infinity) -
        (b.worstBudget?.budgetRemaining ?? Infinity),
  )[0];
  return {
    services: new Set(rows.map(row => row.entityRef)).size,
    slos: rows.length,
    meeting,
    meetingShare: rows.length > 0 ? meeting / rows.length : null,
    paging: rows.filter(row => row.paging).length,
    trendPoints,
    worstGroup,
    demo: rows.some(row => row.demo),
  };
}
