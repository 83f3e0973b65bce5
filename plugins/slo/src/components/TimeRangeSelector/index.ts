export { TimeRangeSelector } from './TimeRangeSelector';
export type { TimeRangeSelectorProps } from './TimeRangeSelector';
