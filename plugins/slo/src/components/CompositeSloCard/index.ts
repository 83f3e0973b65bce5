export { CompositeSloCard } from './CompositeSloCard';
export type { CompositeSloCardProps } from './CompositeSloCard';
export { CompositeMembersTable } from './CompositeMembersTable';
export type { CompositeMembersTableProps } from './CompositeMembersTable';
