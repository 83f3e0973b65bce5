/**
 * One service's traffic: `http_requests_total{service,code}` counters and an
 * `http_request_duration_seconds` histogram with the same requests.
 *
 * @public
 */
export interface ServiceSpec {
  /** Value of the `service` label. */
  name: string;
  /** Mean requests per minute; the actual rate follows a daily and weekly rhythm. */
  requestsPerMinute: number;
  /** Share of requests answered with a 500 outside incidents, e.g. 0.0005. */
  errorRate: number;
  /** Median latency in seconds outside incidents. */
  medianLatencySeconds: number;
  /**
   * When the service's series first appear (epoch seconds on the sample
   * grid), starting at 0. Before that the service has no series at all.
   */
  startsAt?: number;
}

/**
 * A period in which one service fails more often and answers more slowly.
 *
 * @public
 */
export interface IncidentSpec {
  service: string;
  /** Epoch seconds. */
  start: number;
  durationSeconds: number;
  /** Share of failing requests during the incident, e.g. 0.3. */
  errorRate?: number;
  /** Latencies are multiplied by this during the incident, e.g. 4. */
  latencyFactor?: number;
}

/**
 * A process restart: every series of the service starts again from zero just
 * before the sample at `at`, so that sample's value is only its own increment.
 *
 * @public
 */
export interface CounterResetSpec {
  service: string;
  /** Epoch seconds on the sample grid. */
  at: number;
}

/**
 * A series that appears late: `http_requests_total{service, code}` for a new
 * error code, first sampled at `at` with the value 0, then taking `share` of
 * the service's errors.
 *
 * @public
 */
export interface LateSeriesSpec {
  service: string;
  /** A 5xx code other than 500, e.g. `503`. */
  code: string;
  /** Epoch seconds on the sample grid. */
  at: number;
  /** Share of the service's failing requests that get this code. */
  share: number;
}

/**
 * A synthetic metrics scenario. Every sample's increment is known, so the
 * events between any two aligned times are known exactly.
 *
 * @public
 */
export interface ScenarioSpec {
  /** Time of the last sample, epoch seconds, a multiple of the sample interval. */
  end: number;
  /** Length of the data in days; the first sample is at `end - days × 86400`. */
  days: number;
  /** Seconds between samples; default 60. */
  sampleIntervalSeconds?: number;
  /** Seed of the pseudo-random traffic; default 1. */
  seed?: number;
  services: ServiceSpec[];
  incidents?: IncidentSpec[];
  counterResets?: CounterResetSpec[];
  lateSeries?: LateSeriesSpec[];
  /** Finite `le` boundaries of the latency histogram; default 0.1, 0.25, 0.5, 1, 2.5. */
  latencyBuckets?: number[];
}
