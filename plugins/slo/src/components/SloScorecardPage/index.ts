export { SloScorecardPage } from './SloScorecardPage';
export { ScorecardView } from './ScorecardView';
export type { ScorecardViewProps } from './ScorecardView';
