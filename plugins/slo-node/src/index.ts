/**
 * Node.js library for the SLO plugin: the contract between the SLO backend and
 * the modules that read SLIs from monitoring systems.
 *
 * @packageDocumentation
 */

export type {
  SloSource,
  SloBatchResult,
  SloSourceCapabilities,
  SloSourceQueryBudget,
  SloSourceRequest,
  SloSourceResult,
} from './SloSource';
export { SloSourceError } from './SloSourceError';
export {
  sloSourcesExtensionPoint,
  type SloSourcesExtensionPoint,
  type SloSourceModuleInfo,
} from './sloSourcesExtensionPoint';
export {
  sloAlertEpisodesExtensionPoint,
  type SloAlertEpisodesExtensionPoint,
  type SloAlertEpisodeChange,
  type SloAlertEpisodeEvent,
  type SloAlertEpisodeListener,
} from './sloAlertEpisodesExtensionPoint';
export {
  sloBudgetExhaustionExtensionPoint,
  type SloBudgetExhaustionExtensionPoint,
  type SloBudgetExhaustionChange,
  type SloBudgetExhaustionEvent,
  type SloBudgetExhaustionListener,
} from './sloBudgetExhaustionExtensionPoint';
