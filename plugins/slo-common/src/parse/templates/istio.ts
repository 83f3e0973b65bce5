import type { SliTemplate } from '../SliTemplate';
import { latencyTemplate, ratioTemplate, type TemplateFamily } from './defineTemplates';

const family: TemplateFamily = {
  family: 'Istio',
  serviceParameter: 'workload',
  documentation: [
    { title: 'Istio: Istio Standard Metrics', url: 'https://istio.io/latest/docs/reference/config/metrics/' },
  ],
  parameters: [
    { name: 'workload', description: 'The destination_workload label: the Deployment (or other workload) name.', required: true, example: 'checkout' },
    { name: 'namespace', description: 'A regular expression for destination_workload_namespace (default: every namespace).', default: '.+', required: false },
  ],
};

const selector = 'reporter="destination",destination_workload="{{workload}}",destination_workload_namespace=~"{{namespace}}"';

/**
 * Istio's standard metrics as the server-side proxy reports them:
 * `istio_requests_total{response_code}` and
 * `istio_request_duration_milliseconds`.
 */
export const ISTIO_TEMPLATES: readonly SliTemplate[] = [
  ratioTemplate(family, {
    name: 'istio-availability',
    description: 'Requests to a workload that do not fail with a 5xx response code (Istio istio_requests_total, reporter="destination").',
    sloDescription: 'Requests to {{workload}} that do not fail with a 5xx response code.',
    bad: `istio_requests_total{${selector},response_code=~"5.."}`,
    total: `istio_requests_total{${selector}}`,
    objective: 99.9,
  }),
  latencyTemplate(family, {
    name: 'istio-latency',
    description: 'Requests to a workload served within a threshold in milliseconds (Istio istio_request_duration_milliseconds).',
    sloDescription: 'Requests to {{workload}} answered within {{threshold}} ms.',
    histogram: `istio_request_duration_milliseconds{${selector}}`,
    threshold: 250,
    unit: 'milliseconds',
    objective: 99,
  }),
];
