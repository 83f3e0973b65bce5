/**
 * The SLO plugin for apps on Backstage's old frontend system:
 *
 * ```tsx
 * import {
 *   EntitySloContent, EntitySloCard, SloScorecardPage, SloReviewPage,
 *   EntityGroupReviewCard, isSloAvailable, isSloTabAvailable,
 * } from '@slo-kit/plugin-slo/legacy';
 * ```
 *
 * Mount `EntitySloContent` where `isSloTabAvailable` holds (entities with
 * SLOs, Systems and Domains with composite SLOs, and every Component), on the
 * service, System and Domain pages alike.
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
export {
  isSloAvailable,
  isSloTabAvailable,
  hasCompositeSlos,
} from './isSloAvailable';
export { sloApiRef, SloClient } from './api';
export type { SloApi, SloHistoryRequest, SloSeriesRequest } from './api';
export type { EntitySloContentProps } from './components/EntitySloContent';
export type { EntityGroupReviewCardProps } from './components/ReviewLinks';
