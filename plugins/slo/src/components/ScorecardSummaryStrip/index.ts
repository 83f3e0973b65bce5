export { ScorecardSummaryStrip } from './ScorecardSummaryStrip';
export type { ScorecardSummaryStripProps } from './ScorecardSummaryStrip';
