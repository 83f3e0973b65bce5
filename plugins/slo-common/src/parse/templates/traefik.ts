import type { SliTemplate } from '../SliTemplate';
import { latencyTemplate, ratioTemplate, type TemplateFamily } from './defineTemplates';

const family: TemplateFamily = {
  family: 'Traefik v2 / v3',
  serviceParameter: 'service',
  documentation: [
    { title: 'Traefik: Metrics Overview (Service Metrics)', url: 'https://doc.traefik.io/traefik/observability/metrics/overview/' },
    { title: 'Traefik: Prometheus (metrics provider)', url: 'https://doc.traefik.io/traefik/observability/metrics/prometheus/' },
  ],
  parameters: [
    {
      name: 'service',
      description: 'A regular expression for Traefik\'s service label, which carries the provider (checkout@kubernetescrd, default-checkout-80@kubernetes).',
      required: true,
      example: 'checkout@kubernetescrd',
    },
  ],
};

/**
 * Traefik's service metrics (v2 and v3 name them alike):
 * `traefik_service_requests_total{code}` and
 * `traefik_service_request_duration_seconds`.
 */
export const TRAEFIK_TEMPLATES: readonly SliTemplate[] = [
  ratioTemplate(family, {
    name: 'traefik-availability',
    description: 'Requests to a Traefik service that do not fail with a 5xx status (traefik_service_requests_total).',
    sloDescription: 'Requests to the Traefik service {{service}} that do not fail with a 5xx status.',
    bad: 'traefik_service_requests_total{service=~"{{service}}",code=~"5.."}',
    total: 'traefik_service_requests_total{service=~"{{service}}"}',
    objective: 99.9,
  }),
  latencyTemplate(family, {
    name: 'traefik-latency',
    description: 'Requests to a Traefik service answered within a latency threshold (traefik_service_request_duration_seconds; default buckets 0.1, 0.3, 1.2, 5).',
    sloDescription: 'Requests to the Traefik service {{service}} answered within the {{threshold}} latency threshold.',
    histogram: 'traefik_service_request_duration_seconds{service=~"{{service}}"}',
    threshold: 0.3,
    unit: 'seconds',
    objective: 99,
  }),
];
