import type { SliTemplate } from '../SliTemplate';
import { jobParameter, latencyTemplate, metricParameter, ratioTemplate, type TemplateFamily } from './defineTemplates';

const family: TemplateFamily = {
  family: 'Node.js prom-client HTTP (express-prom-bundle)',
  serviceParameter: 'job',
  documentation: [
    { title: 'express-prom-bundle README (metrics: http_request_duration_seconds with status_code, method, path)', url: 'https://github.com/jochen-schweizer/express-prom-bundle#readme' },
    { title: 'prom-client README (Histogram)', url: 'https://github.com/siimon/prom-client#histogram' },
  ],
  parameters: [jobParameter('checkout')],
};

/**
 * Node services that expose HTTP metrics with prom-client the common way
 * (express-prom-bundle's defaults): one histogram
 * `http_request_duration_seconds{status_code}`, no request counter, so
 * availability is read from the histogram's `_count`.
 */
export const NODE_HTTP_TEMPLATES: readonly SliTemplate[] = [
  ratioTemplate(family, {
    name: 'node-http-availability',
    description: 'HTTP requests without a 5xx status_code (prom-client http_request_duration_seconds, express-prom-bundle defaults).',
    sloDescription: 'HTTP requests to {{job}} that do not fail with a 5xx status.',
    bad: '{{metric}}_count{job="{{job}}",status_code=~"5.."}',
    total: '{{metric}}_count{job="{{job}}"}',
    objective: 99.9,
    parameters: [metricParameter('http_request_duration_seconds', 'The histogram base name.')],
  }),
  latencyTemplate(family, {
    name: 'node-http-latency',
    description: 'HTTP requests served within a latency threshold (prom-client http_request_duration_seconds; express-prom-bundle buckets 0.003, 0.03, 0.1, 0.3, 1.5, 10).',
    sloDescription: 'HTTP requests to {{job}} answered within the {{threshold}} latency threshold.',
    histogram: '{{metric}}{job="{{job}}"}',
    threshold: 0.3,
    unit: 'seconds',
    objective: 99,
    parameters: [metricParameter('http_request_duration_seconds', 'The histogram base name.')],
  }),
];
