import type { SloWindow } from '../model/SloDefinition';
import type { SloDataState, SloEvaluation, SloHealth } from '../model/SloEvaluation';
import type { ValidationProblem } from '../model/ValidationProblem';
import type { CompositeSemantics } from './CompositeSlo';
import type { WeightedCompositeEvaluation } from './evaluateWeightedComposite';

/**
 * One member of a composite as the caller may see it. A member whose entity
 * the caller may not read is `{ visible: false, label: 'another entity' }`:
 * no name, no figures.
 *
 * @public
 */
export type CompositeMemberStatus =
  | {
      visible: true;
      entityRef: string;
      sloName: string;
      weight: number;
      /** The member's events in the composite's window. */
      good: number;
      total: number;
      sli: number | null;
      /**
       * The member's share of the composite's bad events (`events`), or of
       * its weighted shortfall `wᵢ(1 − SLIᵢ) / Σ wⱼ(1 − SLIⱼ)` (`weighted`);
       * null when the composite has nothing bad.
       */
      badShare: number | null;
      /** The member's own status against its own primary objective. */
      health: SloHealth;
      dataState: SloDataState;
    }
  | { visible: false; label: 'another entity' };

/**
 * A composite SLO with its figures.
 *
 * @public
 */
export interface CompositeSloStatus {
  name: string;
  description?: string;
  objective: number;
  window: SloWindow;
  semantics: CompositeSemantics;
  /** `events`: the ordinary evaluation of the pooled buckets. Absent for `weighted`. */
  evaluation?: SloEvaluation;
  /** `weighted`: the current window's figures. Absent for `events`. */
  weighted?: WeightedCompositeEvaluation;
  health: SloHealth;
  /**
   * `partial` when a member has no data, partial data, or stale or failed
   * collection (named in `partialMembers`); otherwise the state of the
   * composite's own figures.
   */
  dataState: SloDataState;
  /** Members that make the composite partial: `<entityRef>/<sloName>`, or "another entity". */
  partialMembers: string[];
  /** Set when members' buckets are not on one grid; the figures may then be approximate. */
  gridMismatch: string | null;
  members: CompositeMemberStatus[];
}

/**
 * Response of `GET /entities/{kind}/{namespace}/{name}/composites`.
 *
 * @public
 */
export interface EntityCompositesResponse {
  entityRef: string;
  composites: CompositeSloStatus[];
  /** Problems of the annotation and of its members (unknown, mixed windows, composites of composites). */
  problems: ValidationProblem[];
  /** The backend's "now", ISO-8601. */
  now: string;
}
