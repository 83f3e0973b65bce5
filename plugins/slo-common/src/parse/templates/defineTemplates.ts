import type { SliTemplate, SliTemplateDocumentation, SliTemplateParameter } from '../SliTemplate';

/** What every template of one instrumentation shares. */
export interface TemplateFamily {
  family: string;
  /** The parameter that names the service in the metrics. */
  serviceParameter: string;
  documentation: SliTemplateDocumentation[];
  /** Parameters every template of the family takes (the service first). */
  parameters: SliTemplateParameter[];
}

/**
 * A ratio template: bad (or good) events over all events, the selectors
 * written with `{{placeholders}}`.
 */
export function ratioTemplate(
  family: TemplateFamily,
  options: {
    name: string;
    description: string;
    sloDescription: string;
    bad?: string;
    good?: string;
    total: string;
    objective: number;
    parameters?: SliTemplateParameter[];
  },
): SliTemplate {
  return {
    name: options.name,
    description: options.description,
    builtin: true,
    family: family.family,
    serviceParameter: family.serviceParameter,
    documentation: family.documentation,
    parameters: [...family.parameters, ...(options.parameters ?? [])],
    slo: {
      description: options.sloDescription,
      sli: {
        ratio: options.bad
          ? { bad: options.bad, total: options.total }
          : { good: options.good, total: options.total },
      },
      objective: options.objective,
      window: '30d',
    },
  };
}

/**
 * A histogram latency template: events at or below `threshold` (one of the
 * histogram's bucket boundaries, in its unit) over all events.
 */
export function latencyTemplate(
  family: TemplateFamily,
  options: {
    name: string;
    description: string;
    sloDescription: string;
    histogram: string;
    /** The default threshold, in the histogram's unit. */
    threshold: number;
    unit: 'seconds' | 'milliseconds';
    objective: number;
    parameters?: SliTemplateParameter[];
  },
): SliTemplate {
  const threshold: SliTemplateParameter = {
    name: 'threshold',
    description:
      options.unit === 'seconds'
        ? 'Latency in seconds (0.3) or with a unit (300ms); one of the histogram bucket boundaries.'
        : 'Latency as a plain number of milliseconds (250), the histogram\'s unit; one of its bucket boundaries. Do not write a unit.',
    default: options.threshold,
    required: false,
  };
  return {
    name: options.name,
    description: options.description,
    builtin: true,
    family: family.family,
    serviceParameter: family.serviceParameter,
    documentation: family.documentation,
    parameters: [...family.parameters, threshold, ...(options.parameters ?? [])],
    slo: {
      description: options.sloDescription,
      sli: { latency: { histogram: options.histogram, threshold: '{{threshold}}' } },
      objective: options.objective,
      window: '30d',
    },
  };
}

/** The `job` parameter of instrumentations scraped per service. */
export function jobParameter(example: string): SliTemplateParameter {
  return {
    name: 'job',
    description: 'The Prometheus job label of the service.',
    required: true,
    example,
  };
}

/** A `metric` parameter: the metric's name as Prometheus stores it. */
export function metricParameter(defaultName: string, what: string): SliTemplateParameter {
  return { name: 'metric', description: what, default: defaultName, required: false };
}
