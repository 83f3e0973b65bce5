import type { Entity } from '@backstage/catalog-model';
import type {
  ScorecardSlo,
  SloHealth,
  SloPeriodVerdict,
} from '@slo-kit/plugin-slo-common';
import { buildScorecardGroups, type ScorecardRowInput } from './buildScorecard';
import { roundPoints, scorecardFigures } from './scorecardFigures';

function group(name: string, parent?: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default' },
    spec: { type: 'team', children: [], ...(parent ? { parent } : {}) },
  };
}

type StateNow = 'meeting' | 'breaching' | 'paging' | 'low-traffic' | 'no-data';

function healthOf(now: StateNow): SloHealth {
  if (now === 'meeting') return 'met';
  if (now === 'low-traffic' || now === 'no-data') return 'unknown';
  return now;
}

/** One SLO row: its state now and its previous period's verdict. */
function row(
  owner: string,
  entity: string,
  name: string,
  now: StateNow,
  before: SloPeriodVerdict,
): ScorecardRowInput {
  const known = now !== 'low-traffic' && now !== 'no-data';
  let sli: number | null = 0.995;
  if (now === 'breaching') sli = 0.98;
  if (now === 'no-data') sli = null;
  const slo: ScorecardSlo = {
    entityRef: `component:default/${entity}`,
    entityTitle: entity,
    name,
    objective: 0.99,
    window: '30d',
    sli,
    budgetRemaining: sli === null ? null : 1 - (1 - sli) / 0.01,
    health: healthOf(now),
    paging: now === 'paging',
    ticketing: false,
    dataState: known ? 'ok' : now,
    previousPeriodSli: { met: 0.995, missed: 0.98, 'low-traffic': 0.995, 'no-data': null }[before],
    previousPeriodVerdict: before,
    changePoints: null,
    sparkline: [],
    demo: false,
  };
  return { row: slo, ownerRefs: [`group:default/${owner}`] };
}

const groups = [
  group('engineering'),
  group('payments', 'engineering'),
  group('payments-risk', 'payments'),
  group('search', 'engineering'),
];

const rows: ScorecardRowInput[] = [
  // Payments: checkout.
  row('payments', 'checkout', 'a', 'meeting', 'met'), // compared, met → meets
  row('payments', 'checkout', 'b', 'breaching', 'met'), // compared, met → misses
  row('payments', 'checkout', 'c', 'low-traffic', 'met'), // became unknown: left out
  // Payments risk: fraud.
  row('payments-risk', 'fraud', 'a', 'meeting', 'low-traffic'), // was unknown: left out
  row('payments-risk', 'fraud', 'b', 'meeting', 'missed'), // compared, missed → meets
  // Search.
  row('search', 'search-api', 'a', 'meeting', 'met'), // compared, met → meets
  row('search', 'search-api', 'b', 'no-data', 'no-data'), // unknown in both: left out
  row('search', 'search-api', 'c', 'breaching', 'met'), // compared, met → misses
  row('search', 'search-api', 'd', 'breaching', 'missed'), // compared, missed → misses
  // Paging while still above target (99.5% against 99%): not meeting, by the status rule.
  row('search', 'search-api', 'e', 'paging', 'met'), // compared, met → misses
];

describe('buildScorecardGroups', () => {
  const built = buildScorecardGroups(groups, rows);
  const figures = (name: string) => {
    const found = built.groups.find(g => g.groupRef === `group:default/${name}`)!;
    const { groupRef, title, parentRef, childRefs, worstBudget, ...rest } = found;
    return rest;
  };

  it('counts unknown SLOs apart and shares meeting among the known ones', () => {
    // payments-risk: fraud a and b meet now, none unknown: 2 of 2.
    expect(figures('payments-risk')).toMatchObject({ slos: 2, meeting: 2, unknown: 0, meetingShare: 1 });
    // payments: checkout a, fraud a and b meet; checkout c is unknown: 3 of 4 known.
    expect(figures('payments')).toMatchObject({ slos: 5, meeting: 3, unknown: 1, meetingShare: 0.75 });
    // search: only a meets (e pages); b is unknown: 1 of 4 known.
    expect(figures('search')).toMatchObject({ slos: 5, meeting: 1, unknown: 1, meetingShare: 0.25, paging: 1 });
    // engineering: 4 meet of the 8 known, 2 unknown.
    expect(figures('engineering')).toMatchObject({
      slos: 10,
      meeting: 4,
      unknown: 2,
      meetingShare: 0.5,
      paging: 1,
    });
  });

  it('compares only SLOs known in both periods, so a change to or from unknown is no drop', () => {
    // payments-risk: only fraud b is known in both; it missed before and meets now: 0/1 → 1/1.
    expect(figures('payments-risk').trend).toEqual({
      compared: 1,
      meetingBefore: 0,
      meetingNow: 1,
      points: 100,
    });
    // payments: checkout a (met → meets), checkout b (met → misses), fraud b (missed → meets):
    // 2/3 → 2/3. Checkout c (met → too little traffic) and fraud a (too little → meets) are left out.
    expect(figures('payments').trend).toEqual({
      compared: 3,
      meetingBefore: 2,
      meetingNow: 2,
      points: 0,
    });
    // search: a (met → meets), c (met → misses), d (missed → misses), e (met → pages):
    // 3/4 → 1/4 = −50 pts. b (no data in both) is left out.
    expect(figures('search').trend).toEqual({
      compared: 4,
      meetingBefore: 3,
      meetingNow: 1,
      points: -50,
    });
  });

  it("gives a parent the trend its members' rows give", () => {
    // engineering = payments (3 compared, net 0) + search (4 compared, net −2):
    // 5/7 → 3/7 = −28.571… → −28.6 pts, not the mean of 0 and −50.
    expect(figures('engineering').trend).toEqual({
      compared: 7,
      meetingBefore: 5,
      meetingNow: 3,
      points: -28.6,
    });
    // The organisation's figures over the same rows are the root group's.
    expect(scorecardFigures(rows.map(r => r.row))).toEqual(figures('engineering'));
  });

  it('names the service of the worst budget', () => {
    const search = built.groups.find(g => g.groupRef === 'group:default/search')!;
    expect(search.worstBudget).toMatchObject({ entityTitle: 'search-api', name: 'c' });
  });
});

describe('roundPoints', () => {
  it('rounds to one decimal, half away from zero, and keeps a change from reading as none', () => {
    expect(roundPoints(-33.333)).toBe(-33.3);
    expect(roundPoints(0.25)).toBe(0.3);
    expect(roundPoints(-0.25)).toBe(-0.3);
    expect(roundPoints(-0.02)).toBe(-0.1);
    expect(roundPoints(0)).toBe(0);
  });
});
