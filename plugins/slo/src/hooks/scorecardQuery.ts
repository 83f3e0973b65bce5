import type { SloHealth } from '@slo-kit/plugin-slo-common';

/** Health filter of the scorecard: one status, or every SLO. */
export type HealthFilter = SloHealth | 'all';

/**
 * The scorecard's view state, kept in the URL query string so that a link
 * shows the same table to whoever opens it.
 *
 * @public
 */
export interface ScorecardQuery {
  /** The group drilled into; undefined for the organisation view. */
  group?: string;
  /** Column key of the SLO table; undefined for worst first. */
  sort?: string;
  dir: 'asc' | 'desc';
  /** Column key of the teams table; undefined for the tree by name. */
  teamSort?: string;
  teamDir: 'asc' | 'desc';
  /** Free-text filter over service and SLO names. */
  q: string;
  health: HealthFilter;
  /** Zero-based page of the SLO table. */
  page: number;
}

const HEALTH_FILTERS: readonly HealthFilter[] = [
  'all',
  'paging',
  'met',
  'at-risk',
  'breaching',
  'unknown',
];

/** Reads the query string; unknown or malformed values fall back to defaults. */
export function parseScorecardQuery(params: URLSearchParams): ScorecardQuery {
  const health = params.get('health') as HealthFilter | null;
  const page = Number(params.get('page'));
  return {
    group: params.get('group') || undefined,
    sort: params.get('sort') || undefined,
    dir: params.get('dir') === 'desc' ? 'desc' : 'asc',
    teamSort: params.get('teamSort') || undefined,
    teamDir: params.get('teamDir') === 'desc' ? 'desc' : 'asc',
    q: params.get('q') ?? '',
    health: health && HEALTH_FILTERS.includes(health) ? health : 'all',
    page: Number.isInteger(page) && page > 0 ? page : 0,
  };
}

/** Writes the query string, leaving defaults out so links stay short. */
export function scorecardQueryToParams(query: ScorecardQuery): Record<string, string> {
  const params: Record<string, string> = {};
  if (query.group) {
    params.group = query.group;
  }
  if (query.sort) {
    params.sort = query.sort;
    if (query.dir === 'desc') {
      params.dir = 'desc';
    }
  }
  if (query.teamSort) {
    params.teamSort = query.teamSort;
    if (query.teamDir === 'desc') {
      params.teamDir = 'desc';
    }
  }
  if (query.q) {
    params.q = query.q;
  }
  if (query.health !== 'all') {
    params.health = query.health;
  }
  if (query.page > 0) {
    params.page = String(query.page);
  }
  return params;
}
