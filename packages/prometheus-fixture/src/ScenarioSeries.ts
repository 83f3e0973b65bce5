/**
 * One counter series of a scenario with the increment of every sample.
 *
 * @public
 */
export interface ScenarioSeries {
  /** Sample name, e.g. `http_requests_total` or `http_request_duration_seconds_bucket`. */
  name: string;
  labels: Readonly<Record<string, string>>;
  /** Index (0 = the scenario's first sample) of this series' first sample. */
  firstIndex: number;
  /** Value of the first sample: 0 for series that appear late. */
  initialValue: number;
  /**
   * `increments[j]` is what the counter grew by between its samples `j - 1`
   * and `j`; `increments[0]` is 0 (nothing is known before the first sample).
   */
  increments: Float64Array;
  /**
   * Absolute sample indexes just before which the counter restarted from 0;
   * the sample's value is then its own increment.
   */
  resets: ReadonlySet<number>;
}
