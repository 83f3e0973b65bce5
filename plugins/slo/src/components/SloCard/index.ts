export { SloCard } from './SloCard';
export type { SloCardProps } from './SloCard';
export { SloCardTitle } from './SloCardTitle';
