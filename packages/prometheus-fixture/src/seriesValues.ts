import type { ScenarioSeries } from './ScenarioSeries';

/**
 * The sample values of a series in time order, resets applied.
 *
 * @public
 */
export function* seriesValues(series: ScenarioSeries): Generator<number> {
  let value = series.initialValue;
  yield value;
  for (let j = 1; j < series.increments.length; j++) {
    value = series.resets.has(series.firstIndex + j)
      ? series.increments[j]
      : value + series.increments[j];
    yield value;
  }
}
