/**
 * A demo source for the SLO plugin: deterministic synthetic event counts with
 * daily and weekly traffic, incidents and quiet periods, labelled as demo data.
 *
 * @packageDocumentation
 */

export { sloModuleDemo as default } from './module';
export { DemoSloSource, type DemoSloSourceOptions, type DemoSeries } from './DemoSloSource';
export {
  DemoTrafficModel,
  type DemoScenario,
  type MinuteCounts,
} from './DemoTrafficModel';
