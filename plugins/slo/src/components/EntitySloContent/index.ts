export { EntitySloContent, EntitySloContentView } from './EntitySloContent';
export type { EntitySloContentProps, EntitySloContentViewProps } from './EntitySloContent';
