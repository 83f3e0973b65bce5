/**
 * The SLO plugin for apps on Backstage's old frontend system:
 *
 * ```tsx
 * import { EntitySloContent, EntitySloCard, SloScorecardPage, isSloAvailable } from '@slo-kit/plugin-slo/legacy';
 * ```
 *
 * @packageDocumentation
 */

export {
  sloPlugin,
  EntitySloContent,
  EntitySloCard,
  SloScorecardPage,
} from './legacy/plugin';
export { isSloAvailable } from './isSloAvailable';
export { sloApiRef, SloClient } from './api';
export type { SloApi, SloHistoryRequest, SloSeriesRequest } from './api';
