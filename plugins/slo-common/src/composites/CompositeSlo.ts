import type { SloWindow } from '../model/SloDefinition';

/**
 * Catalog annotation that declares composite SLOs on any entity (a System,
 * a Domain…): a YAML list of composites built from other entities' SLOs.
 *
 * @public
 */
export const COMPOSITE_SLOS_ANNOTATION = 'slo-kit.dev/composite-slos';

/**
 * How a composite combines its members.
 *
 * - `events`: the members' good and total events are pooled per bucket, and
 *   the composite is evaluated exactly like a plain SLO over the pooled buckets.
 * - `weighted`: the composite's SLI over a window is `Σ wᵢ·SLIᵢ / Σ wᵢ` over
 *   the members with data in that window.
 *
 * @public
 */
export type CompositeSemantics = 'events' | 'weighted';

/**
 * One member of a composite: an SLO of some entity, with its weight.
 *
 * @public
 */
export interface CompositeMember {
  /** Normalised entity ref of the member's entity. */
  entityRef: string;
  sloName: string;
  /** The member SLO's id, `<entityRef>/<sloName>`. */
  sloId: string;
  /** Positive; 1 when not declared. Used by `weighted` semantics only. */
  weight: number;
}

/**
 * A composite SLO as declared in {@link COMPOSITE_SLOS_ANNOTATION}, parsed
 * (its members are not resolved yet: see {@link validateCompositeMembers}).
 *
 * @public
 */
export interface CompositeSloDefinition {
  /** `<entityRef>/<name>` of the entity that declares it. */
  id: string;
  entityRef: string;
  name: string;
  description?: string;
  /** A fraction, 0.999 for 99.9%. */
  objective: number;
  window: SloWindow;
  semantics: CompositeSemantics;
  members: CompositeMember[];
  /** Index in the annotation's list, for the paths of problems found later. */
  position: number;
  /**
   * Set when the composite is written in an OpenSLO file rather than in
   * {@link COMPOSITE_SLOS_ANNOTATION}: the file and document, so that
   * problems found later (its members) point there. Member `i` is the
   * document's `spec.objectives[i]`.
   */
  openSlo?: CompositeOpenSloOrigin;
}

/**
 * Where an OpenSLO composite is written: the file (as the `slo-kit.dev/openslo`
 * annotation names it) and the document's index in it.
 *
 * @public
 */
export interface CompositeOpenSloOrigin {
  /** The annotation that points to the file (`slo-kit.dev/openslo`). */
  annotation: string;
  /** The file, as problems of OpenSLO files name it. */
  location: string;
  /** 0-based index of the document in the file. */
  documentIndex: number;
}
