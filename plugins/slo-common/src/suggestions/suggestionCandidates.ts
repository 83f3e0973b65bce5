import type { Entity } from '@backstage/catalog-model';
import { hasSloAnnotations } from '../parse/parseEntitySlos';
import type { SliTemplate } from '../parse/SliTemplate';

/**
 * Our annotation that names a service in its metrics when the name differs
 * from the entity's, e.g. `slo-kit.dev/metrics-id: checkout-api`.
 *
 * @public
 */
export const SLO_METRICS_ID_ANNOTATION = 'slo-kit.dev/metrics-id';

/** The Kubernetes plugin's annotation, which often equals the workload and job name. */
const KUBERNETES_ID_ANNOTATION = 'backstage.io/kubernetes-id';

/**
 * The names a service may carry in its metrics, most specific first:
 * `slo-kit.dev/metrics-id`, `backstage.io/kubernetes-id`, the entity's name.
 * Duplicates are dropped.
 *
 * @public
 */
export function serviceIdentities(entity: Entity): string[] {
  const annotations = entity.metadata.annotations ?? {};
  const names = [annotations[SLO_METRICS_ID_ANNOTATION], annotations[KUBERNETES_ID_ANNOTATION], entity.metadata.name]
    .filter((name): name is string => typeof name === 'string')
    .map(name => name.trim())
    .filter(name => name !== '');
  return [...new Set(names)];
}

/**
 * One template applied to one of the service's identities: what the
 * suggestion job asks the source about.
 *
 * @public
 */
export interface SuggestionCandidate {
  template: SliTemplate;
  /** The template's service parameter set to the identity, e.g. `{job: checkout}`. */
  parameters: Record<string, string>;
}

/**
 * What to try for an entity, grouped per template (identities in order; the
 * first with data wins): every template with a service parameter, for an
 * entity that declares no SLO. Empty for an entity with SLO annotations.
 *
 * @public
 */
export function suggestionCandidates(
  entity: Entity,
  templates: readonly SliTemplate[],
): SuggestionCandidate[][] {
  if (hasSloAnnotations(entity)) return [];
  const identities = serviceIdentities(entity);
  return templates
    .filter(template => template.serviceParameter !== undefined)
    .map(template =>
      identities.map(identity => ({ template, parameters: { [template.serviceParameter!]: identity } })),
    );
}
