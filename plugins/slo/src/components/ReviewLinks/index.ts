export { EntityGroupReviewCard } from './EntityGroupReviewCard';
export type { EntityGroupReviewCardProps } from './EntityGroupReviewCard';
export { ScorecardReviewLinks } from './ScorecardReviewLinks';
