export { SloHistory, periodName } from './SloHistory';
export type { SloHistoryProps } from './SloHistory';
