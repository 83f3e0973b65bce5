export { SloHealthChip } from './SloHealthChip';
export type { SloHealthChipProps } from './SloHealthChip';
