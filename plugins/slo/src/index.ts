/**
 * The SLO plugin: an SLO tab and overview card on entity pages and a team
 * scorecard page, for Backstage's new frontend system. The old frontend
 * system's exports live in `@slo-kit/plugin-slo/legacy`.
 *
 * @packageDocumentation
 */

export { sloPlugin as default } from './plugin';
export {
  sloApi,
  sloScorecardPage,
  entitySloContent,
  entitySloCard,
} from './plugin';
export { sloApiRef, SloClient } from './api';
export type { SloApi, SloHistoryRequest, SloSeriesRequest } from './api';
export {
  isSloAvailable,
  isSloTabAvailable,
  hasCompositeSlos,
} from './isSloAvailable';
