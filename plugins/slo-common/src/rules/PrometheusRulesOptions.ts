import type { CompositeSloDefinition } from '../composites/CompositeSlo';
import type { SloDefinition } from '../model';
import type { PromqlOptions } from '../promql/sliQueries';

/**
 * A composite SLO to export with `generatePrometheusRules`: an
 * `events` composite with its resolved members gets rules; any other, or one
 * given a `notExported` reason, is listed in the file's top comment.
 *
 * @public
 */
export interface PrometheusRulesComposite {
  composite: CompositeSloDefinition;
  /** The members' SLO definitions, in the composite's order. */
  members?: ReadonlyArray<{ definition: SloDefinition }>;
  /** Why the composite is not exported (e.g. a member the caller may not read). */
  notExported?: string;
}

/**
 * Why `weighted` composites have no rules: said in every file that leaves one out.
 *
 * @public
 */
export const WEIGHTED_COMPOSITE_NOT_EXPORTED =
  'weighted composites are not exported: their burn rate is a weighted mean of the members\' error ratios, not a share of events, so slo:error_ratio and the alerts\' "x% of events failed" would not mean what they say; the portal shows their alert states';

/**
 * Options for `generatePrometheusRules`.
 *
 * @public
 */
export interface PrometheusRulesOptions extends PromqlOptions {
  /**
   * Each SLO's stored bucket length in seconds (one number for all, or per
   * SLO): alert windows are whole numbers of it (`alertRulesFor`), so
   * the rules and the portal compute the same burn rates. Default 300.
   */
  bucketSeconds?: number | ((slo: SloDefinition) => number);
  /** Evaluation interval of each rule group (e.g. `1m`); default Prometheus' global one. */
  interval?: string;
  /** A link to the SLO in the portal, added to every alert as the `slo_url` annotation. */
  sloUrl?: (slo: SloDefinition) => string | undefined;
  /**
   * Composite SLOs (`slo-kit.dev/composite-slos`): each `events` composite
   * gets a group like an SLO's, whose recording rules sum its members' good
   * and total events over each alert window (`compositeErrorRatioQuery`).
   * Its bucket is the longest of its members', as in the portal.
   */
  composites?: readonly PrometheusRulesComposite[];
}

