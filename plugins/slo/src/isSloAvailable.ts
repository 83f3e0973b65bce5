import type { Entity } from '@backstage/catalog-model';
import {
  COMPOSITE_SLOS_ANNOTATION,
  SLO_ANNOTATIONS,
} from '@slo-kit/plugin-slo-common';

/**
 * True when the entity declares SLOs through any SLO annotation
 * (`slo-kit.dev/slos`, `slo-kit.dev/templates` or `slo-kit.dev/openslo`).
 * Decides whether the SLO tab and card are shown.
 *
 * @public
 */
export function isSloAvailable(entity: Entity): boolean {
  const annotations = entity.metadata.annotations ?? {};
  return SLO_ANNOTATIONS.some(key => Boolean(annotations[key]?.trim()));
}

/**
 * True when the entity declares composite SLOs
 * (`slo-kit.dev/composite-slos`): a System's or a Domain's journeys, built
 * from other entities' SLOs.
 *
 * @public
 */
export function hasCompositeSlos(entity: Entity): boolean {
  return Boolean(entity.metadata.annotations?.[COMPOSITE_SLOS_ANNOTATION]?.trim());
}

/**
 * Whether an entity gets the SLOs tab: one with SLO or composite SLO
 * annotations, and every Component, whose tab without SLOs shows the SLOs
 * suggested from its metrics (or how to declare some). The overview card
 * stays for entities with SLO annotations ({@link isSloAvailable}).
 *
 * @public
 */
export function isSloTabAvailable(entity: Entity): boolean {
  return (
    isSloAvailable(entity) ||
    hasCompositeSlos(entity) ||
    entity.kind.toLocaleLowerCase('en-US') === 'component'
  );
}
