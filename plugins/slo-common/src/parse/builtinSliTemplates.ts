import type { SliTemplate } from './SliTemplate';

/**
 * Templates that ship with the plugin, following Prometheus conventions.
 * app-config's `slo.templates` can override them by name or add more.
 *
 * - `http-availability`: share of requests that are not 5xx, from the counter
 *   `http_requests_total{job=...}` and its `code` label. 99.9% over 30d.
 * - `http-latency`: share of requests served within `threshold` seconds
 *   (default 300ms), from the histogram `http_request_duration_seconds{job=...}`.
 *   99% over 30d.
 *
 * @public
 */
export const BUILTIN_SLI_TEMPLATES: readonly SliTemplate[] = [
  {
    name: 'http-availability',
    description: 'HTTP requests that do not fail with a 5xx status (Prometheus http_requests_total with a code label).',
    builtin: true,
    parameters: [
      { name: 'job', description: 'The Prometheus job label of the service.', required: true, example: 'checkout' },
      { name: 'metric', description: 'The request counter.', default: 'http_requests_total', required: false },
    ],
    slo: {
      description: 'HTTP requests to {{job}} that do not fail with a 5xx status.',
      sli: {
        ratio: {
          bad: '{{metric}}{job="{{job}}",code=~"5.."}',
          total: '{{metric}}{job="{{job}}"}',
        },
      },
      objective: 99.9,
      window: '30d',
    },
  },
  {
    name: 'http-latency',
    description: 'HTTP requests served within a latency threshold (Prometheus histogram http_request_duration_seconds).',
    builtin: true,
    parameters: [
      { name: 'job', description: 'The Prometheus job label of the service.', required: true, example: 'checkout' },
      {
        name: 'threshold',
        description: 'Latency in seconds (0.3) or with a unit (300ms); one of the histogram bucket boundaries.',
        default: 0.3,
        required: false,
      },
      { name: 'metric', description: 'The histogram base name.', default: 'http_request_duration_seconds', required: false },
    ],
    slo: {
      description: 'HTTP requests to {{job}} answered within the {{threshold}} latency threshold.',
      sli: {
        latency: {
          histogram: '{{metric}}{job="{{job}}"}',
          threshold: '{{threshold}}',
        },
      },
      objective: 99,
      window: '30d',
    },
  },
];
