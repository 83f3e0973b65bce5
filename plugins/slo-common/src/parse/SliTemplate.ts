/**
 * A parameter of an SLI template.
 *
 * @public
 */
export interface SliTemplateParameter {
  name: string;
  description?: string;
  /** Used when the entity does not set the parameter. */
  default?: string | number | boolean;
  /** True when the entity must set it (no default). */
  required: boolean;
  /** A sample value, used to check the template when the parameter has no default. */
  example?: string | number | boolean;
}

/**
 * An SLI template: an SLO body with `{{param}}` placeholders that an entity
 * applies with one short annotation, e.g.
 * `slo-kit.dev/templates: "http-availability: {job: checkout}"`.
 *
 * The body has the keys of one SLO in `slo-kit.dev/slos` (name optional: it
 * defaults to the template's name). `{{window}}` inside queries is not a
 * template parameter: it stays for the source (the bucket length).
 *
 * Every template also takes the reserved parameters `name`, `description`,
 * `objective`, `objectives`, `window`, `source`, `labels` and `minimumEvents`,
 * which replace the body's fields of the same name. A template may declare
 * one of them as a parameter too (to give a `{{objective}}` placeholder a
 * default and a description); `window` cannot be declared.
 *
 * @public
 */
export interface SliTemplate {
  name: string;
  description?: string;
  parameters: SliTemplateParameter[];
  /** The SLO body, placeholders not yet replaced. */
  slo: Record<string, unknown>;
  /** True for the templates that ship with the plugin. */
  builtin?: boolean;
  /**
   * The instrumentation whose metrics the template reads, e.g.
   * `OpenTelemetry HTTP server`; templates of one family are alternatives
   * for the same service (availability, latency).
   */
  family?: string;
  /**
   * The parameter that names the service in the metrics (`job`, `workload`,
   * `ingress`...): suggestions fill it from the entity.
   */
  serviceParameter?: string;
  /** The public documentation of the metric names and labels the template uses. */
  documentation?: SliTemplateDocumentation[];
}

/**
 * A page of an instrumentation's public documentation.
 *
 * @public
 */
export interface SliTemplateDocumentation {
  /** The page's title, as the project names it. */
  title: string;
  url: string;
}
