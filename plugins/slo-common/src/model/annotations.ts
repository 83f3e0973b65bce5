/**
 * Catalog annotation that holds a YAML list of SLO definitions for the entity.
 *
 * @public
 */
export const SLO_ANNOTATION = 'slo-kit.dev/slos';

/**
 * Catalog annotation that applies SLI templates from app-config, as a one-line
 * YAML mapping of template name to parameters, e.g.
 * `"http-availability: {job: checkout}"`.
 *
 * @public
 */
export const SLO_TEMPLATES_ANNOTATION = 'slo-kit.dev/templates';

/**
 * Catalog annotation that points to OpenSLO v1 YAML, relative to the entity's
 * own location or as a URL.
 *
 * @public
 */
export const SLO_OPENSLO_ANNOTATION = 'slo-kit.dev/openslo';

/**
 * Every annotation the SLO plugin reads; an entity with any of them "has SLOs".
 *
 * @public
 */
export const SLO_ANNOTATIONS: readonly string[] = [
  SLO_ANNOTATION,
  SLO_TEMPLATES_ANNOTATION,
  SLO_OPENSLO_ANNOTATION,
];
