import type { GateResult } from './evaluateGate';

/**
 * `GET /entities/:kind/:namespace/:name/gate?policy=...` and the JSON of
 * `yarn slo gate --format json`: the gate's result for an entity at a time.
 *
 * @public
 */
export interface GateResponse extends GateResult {
  entityRef: string;
  /** The policy as read (normalised spelling). */
  policy: string;
  /** The SLO judged, when one was named. */
  slo?: string;
  /** Evaluation time, ISO-8601. */
  at: string;
}
