/**
 * Prometheus-compatible SLI sources for the SLO backend: Prometheus, Thanos,
 * Mimir, Cortex and VictoriaMetrics, any number of named instances.
 *
 * @packageDocumentation
 */

export { sloModulePrometheus as default } from './module';
export {
  PrometheusSloSource,
  type PrometheusSloSourceOptions,
} from './PrometheusSloSource';
export {
  PrometheusClient,
  describeUrl,
  type RangeQuery,
  type RangeSeries,
} from './PrometheusClient';
export {
  readPrometheusSources,
  PROMETHEUS_MAX_POINTS,
  PROMETHEUS_BATCH_DEFAULTS,
  type PrometheusBatchConfig,
  type PrometheusSourceConfig,
} from './readPrometheusSources';
