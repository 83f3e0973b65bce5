/**
 * The SLO plugin for apps on Backstage's old frontend system:
 *
 * ```tsx
 * import {
 *   EntitySloContent, EntitySloCard, SloScorecardPage, SloReviewPage,
 *   EntityGroupReviewCard, isSloAvailable,
 * } from '@slo-kit/plugin-slo/legacy';
 * ```
 *
 * @packageDocumentation
 */

export {
  sloPlugin,
  EntitySloContent,
  EntitySloCard,
  SloScorecardPage,
  SloReviewPage,
  EntityGroupReviewCard,
} from './legacy/plugin';
export { isSloAvailable } from './isSloAvailable';
export { sloApiRef, SloClient } from './api';
export type { SloApi, SloHistoryRequest, SloSeriesRequest } from './api';
export type { EntitySloContentProps } from './components/EntitySloContent';
export type { EntityGroupReviewCardProps } from './components/ReviewLinks';
