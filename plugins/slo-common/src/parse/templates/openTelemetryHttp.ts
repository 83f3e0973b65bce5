import type { SliTemplate } from '../SliTemplate';
import { jobParameter, latencyTemplate, metricParameter, ratioTemplate, type TemplateFamily } from './defineTemplates';

const documentation = [
  { title: 'OpenTelemetry: Semantic conventions for HTTP metrics', url: 'https://opentelemetry.io/docs/specs/semconv/http/http-metrics/' },
  { title: 'OpenTelemetry: Prometheus and OpenMetrics compatibility (metric and label names)', url: 'https://opentelemetry.io/docs/specs/otel/compatibility/prometheus_and_openmetrics/' },
];
const job = jobParameter('checkout');
job.description = 'The Prometheus job label of the service: OpenTelemetry\'s service.name (service.namespace/service.name when a namespace is set).';

const server: TemplateFamily = { family: 'OpenTelemetry HTTP server', serviceParameter: 'job', documentation, parameters: [job] };
const client: TemplateFamily = {
  family: 'OpenTelemetry HTTP client',
  serviceParameter: 'job',
  documentation,
  parameters: [
    job,
    { name: 'server', description: 'A regular expression for the called server.address (default: every server).', default: '.*', required: false },
  ],
};
const legacy: TemplateFamily = {
  family: 'OpenTelemetry HTTP server (semantic conventions 1.20 and earlier)',
  serviceParameter: 'job',
  documentation: [
    { title: 'OpenTelemetry specification v1.20.0: Semantic conventions for HTTP metrics (http.server.duration)', url: 'https://github.com/open-telemetry/opentelemetry-specification/blob/v1.20.0/specification/metrics/semantic_conventions/http-metrics.md' },
    documentation[1],
  ],
  parameters: [job],
};

/**
 * OpenTelemetry HTTP semantic conventions as Prometheus stores them: the
 * stable `http.server.request.duration` and `http.client.request.duration`
 * histograms (seconds; `http_response_status_code`, `error_type`), and the
 * older `http.server.duration` (milliseconds; `http_status_code`).
 */
export const OPEN_TELEMETRY_HTTP_TEMPLATES: readonly SliTemplate[] = [
  ratioTemplate(server, {
    name: 'otel-http-server-availability',
    description: 'HTTP server requests without a 5xx status (OpenTelemetry http.server.request.duration, stable semantic conventions).',
    sloDescription: 'HTTP requests to {{job}} that do not fail with a 5xx status.',
    bad: '{{metric}}_count{job="{{job}}",http_response_status_code=~"5.."}',
    total: '{{metric}}_count{job="{{job}}"}',
    objective: 99.9,
    parameters: [metricParameter('http_server_request_duration_seconds', 'The histogram base name.')],
  }),
  latencyTemplate(server, {
    name: 'otel-http-server-latency',
    description: 'HTTP server requests served within a latency threshold (OpenTelemetry http.server.request.duration).',
    sloDescription: 'HTTP requests to {{job}} answered within the {{threshold}} latency threshold.',
    histogram: '{{metric}}{job="{{job}}"}',
    threshold: 0.25,
    unit: 'seconds',
    objective: 99,
    parameters: [metricParameter('http_server_request_duration_seconds', 'The histogram base name.')],
  }),
  ratioTemplate(client, {
    name: 'otel-http-client-availability',
    description: 'Outgoing HTTP requests that get an answer other than 5xx (OpenTelemetry http.client.request.duration; error.type is a 5xx code or a failure such as timeout).',
    sloDescription: 'HTTP requests from {{job}} to {{server}} that get an answer other than 5xx.',
    bad: '{{metric}}_count{job="{{job}}",server_address=~"{{server}}",error_type=~"5[0-9][0-9]|.*[^0-9].*"}',
    total: '{{metric}}_count{job="{{job}}",server_address=~"{{server}}"}',
    objective: 99.9,
    parameters: [metricParameter('http_client_request_duration_seconds', 'The histogram base name.')],
  }),
  latencyTemplate(client, {
    name: 'otel-http-client-latency',
    description: 'Outgoing HTTP requests answered within a latency threshold (OpenTelemetry http.client.request.duration).',
    sloDescription: 'HTTP requests from {{job}} to {{server}} answered within the {{threshold}} latency threshold.',
    histogram: '{{metric}}{job="{{job}}",server_address=~"{{server}}"}',
    threshold: 0.5,
    unit: 'seconds',
    objective: 99,
    parameters: [metricParameter('http_client_request_duration_seconds', 'The histogram base name.')],
  }),
  ratioTemplate(legacy, {
    name: 'otel-http-server-legacy-availability',
    description: 'HTTP server requests without a 5xx status (OpenTelemetry http.server.duration in milliseconds, semantic conventions before 1.20).',
    sloDescription: 'HTTP requests to {{job}} that do not fail with a 5xx status.',
    bad: '{{metric}}_count{job="{{job}}",http_status_code=~"5.."}',
    total: '{{metric}}_count{job="{{job}}"}',
    objective: 99.9,
    parameters: [metricParameter('http_server_duration_milliseconds', 'The histogram base name (http_server_duration when the exporter adds no unit suffix).')],
  }),
  latencyTemplate(legacy, {
    name: 'otel-http-server-legacy-latency',
    description: 'HTTP server requests served within a threshold in milliseconds (OpenTelemetry http.server.duration, before 1.20).',
    sloDescription: 'HTTP requests to {{job}} answered within {{threshold}} ms.',
    histogram: '{{metric}}{job="{{job}}"}',
    threshold: 250,
    unit: 'milliseconds',
    objective: 99,
    parameters: [metricParameter('http_server_duration_milliseconds', 'The histogram base name (http_server_duration when the exporter adds no unit suffix).')],
  }),
];
