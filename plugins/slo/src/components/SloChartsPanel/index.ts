export { SloChartsPanel, chartedSlo } from './SloChartsPanel';
export type { ChartedSlo, SloChartsPanelProps } from './SloChartsPanel';
