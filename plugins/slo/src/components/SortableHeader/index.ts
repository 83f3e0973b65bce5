export { SortableHeader } from './SortableHeader';
export type { SortableHeaderProps } from './SortableHeader';
