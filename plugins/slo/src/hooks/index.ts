export { useEntitySlos } from './useEntitySlos';
export type { AsyncResult } from './useEntitySlos';
export { useSloSeries } from './useSloSeries';
export { useSloHistory, HISTORY_PERIODS } from './useSloHistory';
export { useNearViewport, NEAR_VIEWPORT_MARGIN_PX } from './useNearViewport';
export { useScorecard } from './useScorecard';
export { useScorecardQuery } from './useScorecardQuery';
export {
  parseScorecardQuery,
  scorecardQueryToParams,
} from './scorecardQuery';
export type { ScorecardQuery, HealthFilter } from './scorecardQuery';
export { TIME_RANGES, defaultTimeRange, timeRangeById } from './timeRanges';
export type { TimeRange } from './timeRanges';
export { useEntitySloLink, SLO_TAB_PATH } from './useEntitySloLink';
export { useEntitySuggestions } from './useEntitySuggestions';
export { useEntityComposites } from './useEntityComposites';
export { useProgressiveCount } from './useProgressiveCount';
