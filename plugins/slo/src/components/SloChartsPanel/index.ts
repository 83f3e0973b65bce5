export { SloChartsPanel } from './SloChartsPanel';
export type { SloChartsPanelProps } from './SloChartsPanel';
