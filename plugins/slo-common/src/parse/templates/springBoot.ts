import type { SliTemplate } from '../SliTemplate';
import { jobParameter, latencyTemplate, ratioTemplate, type TemplateFamily } from './defineTemplates';

const family: TemplateFamily = {
  family: 'Spring Boot / Micrometer',
  serviceParameter: 'job',
  documentation: [
    { title: 'Spring Boot reference: Metrics, Supported Metrics and Meters, Spring MVC Metrics (http.server.requests)', url: 'https://docs.spring.io/spring-boot/reference/actuator/metrics.html#actuator.metrics.supported.spring-mvc' },
    { title: 'Micrometer: Prometheus (naming: http_server_requests_seconds)', url: 'https://docs.micrometer.io/micrometer/reference/implementations/prometheus.html' },
    { title: 'Micrometer: Outcome (the outcome tag: SERVER_ERROR for 5xx)', url: 'https://github.com/micrometer-metrics/micrometer/blob/main/micrometer-core/src/main/java/io/micrometer/core/instrument/binder/http/Outcome.java' },
  ],
  parameters: [jobParameter('checkout')],
};

/**
 * Spring Boot Actuator's `http.server.requests` timer through Micrometer's
 * Prometheus registry: `http_server_requests_seconds_{count,bucket}` with
 * `outcome` (`SERVER_ERROR` for 5xx) and `status`. Buckets exist only with
 * `management.metrics.distribution.percentiles-histogram.http.server.requests=true`
 * or an `slo` boundary at the threshold.
 */
export const SPRING_BOOT_TEMPLATES: readonly SliTemplate[] = [
  ratioTemplate(family, {
    name: 'spring-http-availability',
    description: 'HTTP requests whose outcome is not SERVER_ERROR (Spring Boot / Micrometer http_server_requests_seconds).',
    sloDescription: 'HTTP requests to {{job}} that do not fail with a 5xx status.',
    bad: 'http_server_requests_seconds_count{job="{{job}}",outcome="SERVER_ERROR"}',
    total: 'http_server_requests_seconds_count{job="{{job}}"}',
    objective: 99.9,
  }),
  latencyTemplate(family, {
    name: 'spring-http-latency',
    description: 'HTTP requests served within a latency threshold (Spring Boot / Micrometer http_server_requests_seconds histogram).',
    sloDescription: 'HTTP requests to {{job}} answered within the {{threshold}} latency threshold.',
    histogram: 'http_server_requests_seconds{job="{{job}}"}',
    threshold: 0.5,
    unit: 'seconds',
    objective: 99,
  }),
];
