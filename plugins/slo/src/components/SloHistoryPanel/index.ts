export { SloHistoryPanel, defaultHistoryPeriod } from './SloHistoryPanel';
export type { HistorySlo, SloHistoryPanelProps } from './SloHistoryPanel';
