import type { Entity } from '@backstage/catalog-model';
import type {
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
