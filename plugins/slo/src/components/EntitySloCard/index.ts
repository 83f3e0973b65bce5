export { EntitySloCard, EntitySloCardView } from './EntitySloCard';
export type { EntitySloCardViewProps } from './EntitySloCard';
