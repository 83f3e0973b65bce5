import type { SloCorrection } from '../corrections/SloCorrection';

/**
 * A counter or query that yields event counts.
 *
 * - `selector`: a counter selector such as `http_requests_total{code!~"5.."}`;
 *   the source wraps it itself (Prometheus: `sum(increase(SELECTOR[<bucket>]))`).
 * - `query`: a full query with a `{{window}}` placeholder (Sloth's style); the
 *   source substitutes the bucket length.
 *
 * @public
 */
export type EventQuery = { selector: string } | { query: string };

/**
 * Ratio SLI: good (or bad) events over total events.
 *
 * @public
 */
export interface RatioSli {
  kind: 'ratio';
  /** Exactly one of `good` and `bad` is set. */
  good?: EventQuery;
  bad?: EventQuery;
  total: EventQuery;
}

/**
 * Latency / threshold SLI.
 *
 * - `histogram`: events faster than `threshold` (the histogram bucket with
 *   `le` = threshold) over all events (`_count`). `metric` is the histogram's
 *   base name with an optional label selector, e.g.
 *   `http_request_duration_seconds{service="checkout"}`.
 * - `gauge`: each sample of `query` is an event, good when it compares to
 *   `threshold` with `operator`.
 *
 * @public
 */
export type LatencySli =
  | {
      kind: 'latency';
      mode: 'histogram';
      metric: string;
      /** In the histogram's unit (seconds for Prometheus conventions). */
      threshold: number;
    }
  | {
      kind: 'latency';
      mode: 'gauge';
      query: string;
      operator: ComparisonOperator;
      threshold: number;
    };

/**
 * Time-slice SLI (OpenSLO `Timeslices`): time is cut into slices of
 * `sliceSeconds`; a slice is good when its value compares to `threshold` with
 * `operator`. Attainment is good slices over slices with data.
 *
 * The value of a slice is either a query (with an optional `{{window}}`
 * placeholder, replaced by the slice length) or a ratio of event counts.
 *
 * With `sliceRatios` (OpenSLO `RatioTimeslices`, a ratio value only) no slice
 * is good or bad: a bucket holds the sum of its slices' good/total ratios as
 * `good` and the number of slices with events as `total`, so attainment over
 * any window is the average of its slices' ratios, and sums of buckets stay
 * exact; `operator` and `threshold` are not used.
 *
 * @public
 */
export interface TimeSliceSli {
  kind: 'timeSlice';
  sliceSeconds: number;
  operator: ComparisonOperator;
  threshold: number;
  value: { query: string } | { good: EventQuery; total: EventQuery };
  sliceRatios?: boolean;
}

/**
 * Comparison used by threshold and time-slice SLIs.
 *
 * @public
 */
export type ComparisonOperator = '<' | '<=' | '>' | '>=';

/**
 * Any SLI specification.
 *
 * @public
 */
export type SliSpec = RatioSli | LatencySli | TimeSliceSli;

/**
 * The period an objective is measured over.
 *
 * @public
 */
export type SloWindow =
  | {
      type: 'rolling';
      /** Length in seconds, e.g. 30 days = 2592000. */
      durationSeconds: number;
      /** The spelling the user wrote, e.g. `30d`. */
      label: string;
    }
  | {
      type: 'calendar';
      unit: 'week' | 'month' | 'quarter';
      /** IANA time zone, default `UTC`. */
      timeZone: string;
      label: string;
    };

/**
 * One objective of an SLO. `target` is a fraction (`0.999` for 99.9%).
 *
 * @public
 */
export interface SloObjective {
  /** Empty for the single unnamed objective. */
  name: string;
  target: number;
}

/**
 * A fully parsed and validated SLO, ready for collection and evaluation.
 *
 * @public
 */
export interface SloDefinition {
  /** Stable id: `<entityRef>/<name>`. */
  id: string;
  entityRef: string;
  name: string;
  description?: string;
  /** Named source instance from app-config; undefined means the default source. */
  source?: string;
  /**
   * The kind of source the SLI's queries are written in (`prometheus`,
   * `datadog`), from OpenSLO's `metricSource.type` or its DataSource's `type`.
   * The SLO is only sent to a source of this type. Undefined: whichever
   * source answers (the named one, else the default).
   */
  sourceType?: string;
  sli: SliSpec;
  /** First objective is the primary one that drives status. */
  objectives: SloObjective[];
  window: SloWindow;
  labels: Record<string, string>;
  /** Minimum events in the window before attainment is trusted. */
  minimumEvents?: number;
  /**
   * Corrections of the entity that apply to this SLO (its
   * `slo-kit.dev/corrections` annotation, OpenSLO BudgetAdjustments); absent
   * when none does. Buckets they overlap leave every figure (see
   * `excludeCorrectedBuckets`). Not part of what is collected: changing them
   * never re-collects.
   */
  corrections?: SloCorrection[];
  /** Where the definition came from, for error messages and links. */
  origin: {
    kind: 'annotation' | 'template' | 'openslo';
    annotation: string;
    /** Template name or OpenSLO file location, when relevant. */
    detail?: string;
  };
}
