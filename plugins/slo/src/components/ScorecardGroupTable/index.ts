export { ScorecardGroupTable } from './ScorecardGroupTable';
export type { ScorecardGroupTableProps } from './ScorecardGroupTable';
