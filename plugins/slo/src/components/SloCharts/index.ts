export { SloCharts } from './SloCharts';
export type { SloChartsProps } from './SloCharts';
export {
  toChartData,
  burnThresholds,
  summariseSli,
  summariseBudget,
  summariseBurn,
} from './chartData';
export type { ChartDatum, BurnThreshold } from './chartData';
