import type { SliSpec } from '@slo-kit/plugin-slo-common';
import type { ScenarioSeries } from './ScenarioSeries';

/**
 * Good and total events.
 *
 * @public
 */
export interface EventCounts {
  good: number;
  total: number;
}

/**
 * The exact answers for a scenario.
 *
 * Events "between `start` and `end`" are the increments of the samples taken
 * in `(start, end]`. For times on the sample grid this is exactly what
 * Prometheus 2.x's `increase(x[end - start])` evaluated at `end` computes, so
 * bucket sums from a Prometheus source must equal it.
 *
 * @public
 */
export interface GroundTruth {
  /**
   * Names of the SLIs whose events are known: `<service>:availability`
   * (requests without a 5xx over all requests) and `<service>:latency:<le>`
   * (requests faster than `le` seconds over all requests).
   */
  names(): string[];
  /** The SLI, as PromQL selectors, that measures the named events. Throws for unknown names. */
  sli(name: string): SliSpec;
  /** Good and total events of the named SLI in `(start, end]`. Throws for unknown names. */
  events(name: string, start: number, end: number): EventCounts;
  /** Events of one series in `(start, end]`. */
  seriesEvents(series: ScenarioSeries, start: number, end: number): number;
}

export function createGroundTruth(options: {
  start: number;
  interval: number;
  slis: Map<
    string,
    { sli: SliSpec; good: ScenarioSeries[]; total: ScenarioSeries[] }
  >;
}): GroundTruth {
  const { start: scenarioStart, interval, slis } = options;

  const seriesEvents = (series: ScenarioSeries, start: number, end: number) => {
    // Samples with start < t <= end, as indexes into the series' increments.
    const from = Math.max(
      Math.floor((start - scenarioStart) / interval) + 1 - series.firstIndex,
      1,
    );
    const to = Math.min(
      Math.floor((end - scenarioStart) / interval) - series.firstIndex,
      series.increments.length - 1,
    );
    let sum = 0;
    for (let j = from; j <= to; j++) sum += series.increments[j];
    return sum;
  };

  const lookup = (name: string) => {
    const found = slis.get(name);
    if (!found) {
      throw new Error(
        `The scenario has no SLI named '${name}'; known: ${[
          ...slis.keys(),
        ].join(', ')}`,
      );
    }
    return found;
  };

  return {
    names: () => [...slis.keys()],
    sli: name => lookup(name).sli,
    events(name, start, end) {
      const { good, total } = lookup(name);
      const sum = (list: ScenarioSeries[]) =>
        list.reduce((acc, s) => acc + seriesEvents(s, start, end), 0);
      return { good: sum(good), total: sum(total) };
    },
    seriesEvents,
  };
}
