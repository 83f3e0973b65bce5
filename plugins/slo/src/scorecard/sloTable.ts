import type { ScorecardSlo } from '@slo-kit/plugin-slo-common';
import type { HealthFilter } from '../hooks';
import { HEALTH_RANK } from '../status';
import { compareValues } from './groupTree';

/** Sortable columns of the SLO table. */
export type SloSortKey =
  | 'service'
  | 'slo'
  | 'objective'
  | 'attainment'
  | 'budget'
  | 'health'
  | 'previous'
  | 'change';

/** The SLO table's columns that sort, in display order. */
export const SLO_SORT_KEYS: readonly SloSortKey[] = [
  'service',
  'slo',
  'objective',
  'attainment',
  'budget',
  'health',
  'previous',
  'change',
];

/**
 * The previous period's attainment when that period has a verdict; null when
 * it had too little traffic or no data, so such rows sort with the missing.
 */
export function judgedPreviousSli(row: ScorecardSlo): number | null {
  return row.previousPeriodVerdict === 'met' || row.previousPeriodVerdict === 'missed'
    ? row.previousPeriodSli
    : null;
}

function sortValue(row: ScorecardSlo, key: SloSortKey): string | number | null {
  switch (key) {
    case 'service':
      return (row.entityTitle || row.entityRef).toLocaleLowerCase();
    case 'slo':
      return row.name.toLocaleLowerCase();
    case 'objective':
      return row.objective;
    case 'attainment':
      return row.sli;
    case 'budget':
      return row.budgetRemaining;
    case 'health':
      // Paging first within a status: it is the most urgent.
      return HEALTH_RANK[row.health] * 2 + (row.paging ? 0 : 1);
    case 'previous':
      return judgedPreviousSli(row);
    case 'change':
      return row.changePoints;
    default:
      return null;
  }
}

/** True when a row matches the free-text filter (service, entity ref or SLO name). */
export function matchesText(row: ScorecardSlo, text: string): boolean {
  const needle = text.trim().toLocaleLowerCase();
  if (!needle) {
    return true;
  }
  return [row.entityTitle, row.entityRef, row.name].some(value =>
    value.toLocaleLowerCase().includes(needle),
  );
}

/**
 * Filters and sorts SLO rows. The default order is worst first: status, then
 * budget remaining.
 */
export function filterAndSortSlos(
  rows: readonly ScorecardSlo[],
  options: { q: string; health: HealthFilter; sort?: string; dir: 'asc' | 'desc' },
): ScorecardSlo[] {
  const key = SLO_SORT_KEYS.includes(options.sort as SloSortKey)
    ? (options.sort as SloSortKey)
    : 'health';
  const dir = options.sort === key ? options.dir : 'asc';
  return rows
    .filter(row => options.health === 'all' || row.health === options.health)
    .filter(row => matchesText(row, options.q))
    .sort(
      (a, b) =>
        compareValues(sortValue(a, key), sortValue(b, key), dir) ||
        compareValues(sortValue(a, 'budget'), sortValue(b, 'budget'), 'asc') ||
        a.entityRef.localeCompare(b.entityRef) ||
        a.name.localeCompare(b.name),
    );
}
