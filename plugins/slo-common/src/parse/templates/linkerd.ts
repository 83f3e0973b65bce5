import type { SliTemplate } from '../SliTemplate';
import { latencyTemplate, ratioTemplate, type TemplateFamily } from './defineTemplates';

const family: TemplateFamily = {
  family: 'Linkerd',
  serviceParameter: 'deployment',
  documentation: [
    { title: 'Linkerd: Proxy Metrics', url: 'https://linkerd.io/2/reference/proxy-metrics/' },
  ],
  parameters: [
    { name: 'deployment', description: 'The deployment label the proxy adds.', required: true, example: 'checkout' },
    { name: 'namespace', description: 'A regular expression for the namespace label (default: every namespace).', default: '.+', required: false },
  ],
};

const selector = 'direction="inbound",deployment="{{deployment}}",namespace=~"{{namespace}}"';

/**
 * Linkerd's proxy metrics for inbound traffic: `response_total` with
 * `classification` (`success` / `failure`) and `response_latency_ms`.
 */
export const LINKERD_TEMPLATES: readonly SliTemplate[] = [
  ratioTemplate(family, {
    name: 'linkerd-availability',
    description: 'Inbound responses the Linkerd proxy classifies as success (Linkerd response_total, classification).',
    sloDescription: 'Requests to {{deployment}} that the proxy classifies as success.',
    bad: `response_total{${selector},classification="failure"}`,
    total: `response_total{${selector}}`,
    objective: 99.9,
  }),
  latencyTemplate(family, {
    name: 'linkerd-latency',
    description: 'Inbound requests answered within a threshold in milliseconds (Linkerd response_latency_ms).',
    sloDescription: 'Requests to {{deployment}} answered within {{threshold}} ms.',
    histogram: `response_latency_ms{${selector}}`,
    threshold: 300,
    unit: 'milliseconds',
    objective: 99,
  }),
];
