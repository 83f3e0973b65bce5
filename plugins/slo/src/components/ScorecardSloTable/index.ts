export { ScorecardSloTable, SLO_ROWS_PER_PAGE } from './ScorecardSloTable';
export type { ScorecardSloTableProps } from './ScorecardSloTable';
