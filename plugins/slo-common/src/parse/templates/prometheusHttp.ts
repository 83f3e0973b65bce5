import type { SliTemplate } from '../SliTemplate';
import { jobParameter, latencyTemplate, metricParameter, ratioTemplate, type TemplateFamily } from './defineTemplates';

const family: TemplateFamily = {
  family: 'Prometheus HTTP conventions',
  serviceParameter: 'job',
  documentation: [
    { title: 'Prometheus: Metric and label naming', url: 'https://prometheus.io/docs/practices/naming/' },
    { title: 'Prometheus: Histograms and summaries', url: 'https://prometheus.io/docs/practices/histograms/' },
    { title: 'client_golang promhttp: InstrumentHandlerCounter (code and method labels)', url: 'https://pkg.go.dev/github.com/prometheus/client_golang/prometheus/promhttp#InstrumentHandlerCounter' },
  ],
  parameters: [jobParameter('checkout')],
};

/**
 * `http-availability` and `http-latency`: the Prometheus naming conventions'
 * `http_requests_total{code}` counter and `http_request_duration_seconds`
 * histogram, as Go's promhttp and many hand-instrumented services expose them.
 */
export const PROMETHEUS_HTTP_TEMPLATES: readonly SliTemplate[] = [
  ratioTemplate(family, {
    name: 'http-availability',
    description: 'HTTP requests that do not fail with a 5xx status (Prometheus http_requests_total with a code label).',
    sloDescription: 'HTTP requests to {{job}} that do not fail with a 5xx status.',
    bad: '{{metric}}{job="{{job}}",code=~"5.."}',
    total: '{{metric}}{job="{{job}}"}',
    objective: 99.9,
    parameters: [metricParameter('http_requests_total', 'The request counter.')],
  }),
  latencyTemplate(family, {
    name: 'http-latency',
    description: 'HTTP requests served within a latency threshold (Prometheus histogram http_request_duration_seconds).',
    sloDescription: 'HTTP requests to {{job}} answered within the {{threshold}} latency threshold.',
    histogram: '{{metric}}{job="{{job}}"}',
    threshold: 0.3,
    unit: 'seconds',
    objective: 99,
    parameters: [metricParameter('http_request_duration_seconds', 'The histogram base name.')],
  }),
];
