/**
 * Datadog metrics as an SLI source for the SLO plugin: named instances on any
 * Datadog site, event counts rolled up to the collector's buckets, latency
 * from distribution threshold queries or gauges, and time-slice SLIs.
 *
 * @packageDocumentation
 */

export { sloModuleDatadog as default } from './module';
export { createDatadogSloSources } from './createDatadogSloSources';
export {
  DatadogSloSource,
  DATADOG_BATCH_DEFAULTS,
  type DatadogBatchConfig,
  type DatadogSloSourceOptions,
} from './DatadogSloSource';
export {
  readDatadogSources,
  type DatadogSourceConfig,
} from './readDatadogSources';
export {
  DatadogClient,
  DatadogApiError,
  type DatadogClientOptions,
  type DatadogRateLimit,
  type DatadogSeries,
} from './DatadogClient';
export {
  datadogSliQueries,
  datadogEventCountQuery,
  withRollup,
  splitDatadogSelector,
  DatadogQueryProblem,
  type DatadogSliQueries,
  type DatadogQueryOptions,
} from './datadogQueries';
export { DATADOG_SITES, isDatadogSite, type DatadogSite } from './datadogSites';
