import type { SliTemplate } from '../SliTemplate';
import { ratioTemplate, type TemplateFamily } from './defineTemplates';

const family: TemplateFamily = {
  family: 'HAProxy',
  serviceParameter: 'backend',
  documentation: [
    { title: 'HAProxy: Prometheus exporter (addons/promex README)', url: 'https://github.com/haproxy/haproxy/blob/master/addons/promex/README' },
    { title: 'HAProxy Configuration Manual: Statistics and monitoring (hrsp_5xx)', url: 'https://docs.haproxy.org/2.8/management.html#9.1' },
  ],
  parameters: [
    { name: 'backend', description: 'The proxy label: the HAProxy backend\'s name.', required: true, example: 'checkout' },
  ],
};

/**
 * HAProxy's built-in Prometheus exporter: `haproxy_backend_http_responses_total`
 * with `code` (`1xx` ... `5xx`, `other`). HAProxy exports no latency
 * histogram (only averages), so there is no latency template.
 */
export const HAPROXY_TEMPLATES: readonly SliTemplate[] = [
  ratioTemplate(family, {
    name: 'haproxy-availability',
    description: 'HTTP responses of an HAProxy backend that are not 5xx (haproxy_backend_http_responses_total).',
    sloDescription: 'HTTP responses of the {{backend}} backend that are not 5xx.',
    bad: 'haproxy_backend_http_responses_total{proxy="{{backend}}",code="5xx"}',
    total: 'haproxy_backend_http_responses_total{proxy="{{backend}}"}',
    objective: 99.9,
  }),
];
