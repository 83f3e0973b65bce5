/**
 * A suggested SLO for a service that declares none: a built-in (or
 * app-config) template whose metrics have data for the service, with the
 * attainment it had over the last days and an objective it meets today.
 *
 * @public
 */
export interface SloSuggestion {
  entityRef: string;
  /** The template's name; also the SLO's name once applied. */
  template: string;
  /** The instrumentation, e.g. `Istio`. */
  family?: string;
  /** The template's parameters that matched, e.g. `{job: checkout}`. */
  parameters: Record<string, string>;
  /** The span the attainment covers, epoch seconds: (start, end]. */
  windowStart: number;
  windowEnd: number;
  good: number;
  total: number;
  /** good / total, 0..1. */
  attainment: number;
  /** The suggested objective in percent (99.9), see {@link suggestedObjective}. */
  objective: number;
  /** The template's own objective in percent, for comparison. */
  templateObjective?: number;
}
