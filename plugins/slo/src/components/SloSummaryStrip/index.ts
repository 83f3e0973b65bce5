export { SloSummaryStrip } from './SloSummaryStrip';
export type { SloSummaryStripProps } from './SloSummaryStrip';
