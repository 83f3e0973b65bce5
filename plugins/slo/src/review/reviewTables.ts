import type {
  ReliabilityReviewResponse,
  ReviewSlo,
  SloReviewPeriod,
} from '@slo-kit/plugin-slo-common';
import { csvPercent, toCsv } from '../scorecard/toCsv';
import { sloKind } from '../status';

/**
 * The page's filters: a team's SLOs, a system's, a label value's.
 *
 * @public
 */
export interface ReviewFilters {
  team?: string;
  system?: string;
  /** `key=value` of an entity label, e.g. `tier=1`. */
  label?: string;
}

/** The SLOs (with their index in the response) that pass the filters. */
export function filteredSlos(
  review: ReliabilityReviewResponse,
  filters: ReviewFilters,
): Array<{ slo: ReviewSlo; index: number }> {
  const team = filters.team
    ? review.teams.find(t => t.groupRef === filters.team)
    : undefined;
  const inTeam = team ? new Set(team.sloIndexes) : undefined;
  const [labelKey, labelValue] = (filters.label ?? '').split('=');
  return review.slos
    .map((slo, index) => ({ slo, index }))
    .filter(
      ({ slo, index }) =>
        (!inTeam || inTeam.has(index)) &&
        (!filters.system || slo.system === filters.system) &&
        (!filters.label || slo.labels[labelKey] === labelValue),
    );
}

/**
 * Sort keys of the most-missed ranking.
 *
 * @public
 */
export type RankingSort = 'missed' | 'overspend' | 'paging';

/** The most-missed ranking: most periods missed first, then worst overspend, then paging hours. */
export function rankSlos(
  slos: readonly ReviewSlo[],
  sort: RankingSort,
): ReviewSlo[] {
  const overspend = (s: ReviewSlo) => s.worstBudgetSpent?.value ?? -Infinity;
  const paging = (s: ReviewSlo) => s.pagingHours ?? -Infinity;
  const keys: Record<RankingSort, Array<(s: ReviewSlo) => number>> = {
    missed: [s => s.missedPeriods, overspend, paging],
    overspend: [overspend, s => s.missedPeriods, paging],
    paging: [paging, s => s.missedPeriods, overspend],
  };
  return [...slos].sort((a, b) => {
    for (const key of keys[sort]) {
      const difference = key(b) - key(a);
      if (difference !== 0) return difference;
    }
    return `${a.entityRef}/${a.name}`.localeCompare(`${b.entityRef}/${b.name}`);
  });
}

const verdictText = (p: SloReviewPeriod | undefined) => p?.verdict ?? '';

/** CSV of the SLO × period grid: one row per SLO and period. */
export function gridCsv(
  review: ReliabilityReviewResponse,
  slos: readonly ReviewSlo[],
): string {
  const rows = slos.flatMap(slo =>
    review.periods.map((period, i) => {
      const p = slo.periods[i];
      return [
        slo.entityRef,
        slo.name,
        sloKind(slo.composite),
        slo.ownerRefs.join(' '),
        period.label,
        p?.timeZone,
        csvPercent(slo.objective),
        p?.good,
        p?.total,
        csvPercent(p?.sli),
        verdictText(p),
        csvPercent(p?.budgetSpent),
        p?.pageMinutes,
        p?.episodes.length,
        p ? p.exact : null,
        period.current,
      ];
    }),
  );
  return toCsv([
    [
      'entity',
      'slo',
      'kind',
      'owners',
      'period',
      'time zone',
      'objective %',
      'good',
      'total',
      'attainment %',
      'verdict',
      'budget spent %',
      'page minutes',
      'episodes',
      'exact',
      'current',
    ],
    ...rows,
  ]);
}

/** CSV of the teams' figures per period. */
export function teamsCsv(review: ReliabilityReviewResponse): string {
  return toCsv([
    [
      'team',
      'period',
      'slos',
      'met',
      'missed',
      'no verdict',
      'share met %',
      'overspent',
      'episodes',
      'page minutes',
    ],
    ...review.teams.flatMap(team =>
      team.periods.map(p => [
        team.groupRef,
        p.label,
        p.slos,
        p.met,
        p.missed,
        p.unjudged,
        csvPercent(p.shareMet),
        p.overspent,
        p.episodes,
        p.pageMinutes,
      ]),
    ),
  ]);
}

/** CSV of the most-missed ranking, in the order shown. */
export function rankingCsv(slos: readonly ReviewSlo[]): string {
  return toCsv([
    [
      'entity',
      'slo',
      'kind',
      'owners',
      'periods missed',
      'periods judged',
      'worst budget spent %',
      'worst period',
      'paging hours',
      'episodes',
    ],
    ...slos.map(s => [
      s.entityRef,
      s.name,
      sloKind(s.composite),
      s.ownerRefs.join(' '),
      s.missedPeriods,
      s.judgedPeriods,
      csvPercent(s.worstBudgetSpent?.value),
      s.worstBudgetSpent?.label,
      s.pagingHours,
      s.episodes,
    ]),
  ]);
}
