import type { Entity } from '@backstage/catalog-model';
import type {
  CompositeSloDefinition,
  SloDefinition,
  ValidationProblem,
} from '@slo-kit/plugin-slo-common';

/**
 * An entity's SLOs as declared, parsed and validated.
 *
 * @public
 */
export interface EntitySlos {
  entityRef: string;
  definitions: SloDefinition[];
  /**
   * Composite SLOs read with the definitions (from OpenSLO files), computed
   * like those of `slo-kit.dev/composite-slos`; none when left out.
   */
  composites?: CompositeSloDefinition[];
  problems: ValidationProblem[];
}

/**
 * Turns a catalog entity's annotations (and the OpenSLO files they point to)
 * into SLO definitions. Never throws on what users wrote: problems are returned.
 *
 * @public
 */
export interface SloDefinitionLoader {
  load(entity: Entity): Promise<EntitySlos>;
}
