import type { SliTemplate } from '../SliTemplate';
import { latencyTemplate, ratioTemplate, type TemplateFamily } from './defineTemplates';

const family: TemplateFamily = {
  family: 'ingress-nginx',
  serviceParameter: 'ingress',
  documentation: [
    { title: 'Ingress-Nginx Controller: Prometheus and Grafana installation, Exposed metrics (Request metrics)', url: 'https://kubernetes.github.io/ingress-nginx/user-guide/monitoring/#exposed-metrics' },
    { title: 'ingress-nginx: socket collector (request labels status, ingress, namespace, service)', url: 'https://github.com/kubernetes/ingress-nginx/blob/main/internal/ingress/metric/collectors/socket.go' },
  ],
  parameters: [
    { name: 'ingress', description: 'The ingress label: the Ingress object\'s name.', required: true, example: 'checkout' },
  ],
};

/**
 * The ingress-nginx controller's request metrics per Ingress:
 * `nginx_ingress_controller_requests{status}` (a counter without the
 * `_total` suffix) and `nginx_ingress_controller_request_duration_seconds`.
 */
export const INGRESS_NGINX_TEMPLATES: readonly SliTemplate[] = [
  ratioTemplate(family, {
    name: 'ingress-nginx-availability',
    description: 'Requests through an Ingress that do not fail with a 5xx status (ingress-nginx nginx_ingress_controller_requests).',
    sloDescription: 'Requests through the {{ingress}} Ingress that do not fail with a 5xx status.',
    bad: 'nginx_ingress_controller_requests{ingress="{{ingress}}",status=~"5.."}',
    total: 'nginx_ingress_controller_requests{ingress="{{ingress}}"}',
    objective: 99.9,
  }),
  latencyTemplate(family, {
    name: 'ingress-nginx-latency',
    description: 'Requests through an Ingress answered within a latency threshold (ingress-nginx nginx_ingress_controller_request_duration_seconds).',
    sloDescription: 'Requests through the {{ingress}} Ingress answered within the {{threshold}} latency threshold.',
    histogram: 'nginx_ingress_controller_request_duration_seconds{ingress="{{ingress}}"}',
    threshold: 0.5,
    unit: 'seconds',
    objective: 99,
  }),
];
