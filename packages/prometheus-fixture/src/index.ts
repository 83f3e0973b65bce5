/**
 * Synthetic metrics with exactly known event counts, and a real local
 * Prometheus loaded with them: for source tests, CLI and end-to-end tests,
 * benchmarks and the portal's "real Prometheus" demo.
 *
 * @packageDocumentation
 */

export type {
  ScenarioSpec,
  ServiceSpec,
  IncidentSpec,
  CounterResetSpec,
  LateSeriesSpec,
} from './ScenarioSpec';
export type { ScenarioSeries } from './ScenarioSeries';
export {
  generateScenario,
  openMetricsFloat,
  type Scenario,
} from './generateScenario';
export type { GroundTruth, EventCounts } from './groundTruth';
export { seriesValues } from './seriesValues';
export {
  demoScenarioSpec,
  exactnessScenarioSpec,
  DEMO_END,
} from './demoScenario';
export {
  startPrometheus,
  backfillTsdb,
  type StartPrometheusOptions,
  type RunningPrometheus,
} from './startPrometheus';
export { findExecutable } from './findExecutable';
export {
  generateInstrumentationData,
  type InstrumentationShape,
  type InstrumentationData,
} from './instrumentationShape';
