export { SloHistoryPanel, defaultHistoryPeriod } from './SloHistoryPanel';
export type { SloHistoryPanelProps } from './SloHistoryPanel';
