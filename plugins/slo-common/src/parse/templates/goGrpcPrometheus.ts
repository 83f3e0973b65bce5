import type { SliTemplate } from '../SliTemplate';
import { jobParameter, latencyTemplate, ratioTemplate, type TemplateFamily } from './defineTemplates';

const family: TemplateFamily = {
  family: 'gRPC go-grpc-prometheus',
  serviceParameter: 'job',
  documentation: [
    { title: 'go-grpc-prometheus README (Metrics)', url: 'https://github.com/grpc-ecosystem/go-grpc-prometheus#metrics' },
    { title: 'gRPC: Status codes and their use in gRPC', url: 'https://grpc.github.io/grpc/core/md_doc_statuscodes.html' },
  ],
  parameters: [
    jobParameter('checkout'),
    { name: 'service', description: 'A regular expression for grpc_service, the full gRPC service name (default: every service).', default: '.+', required: false },
  ],
};

const SERVER_ERROR_CODES = 'Unknown|DeadlineExceeded|Unimplemented|Internal|Unavailable|DataLoss';

/**
 * go-grpc-prometheus (and go-grpc-middleware's providers/prometheus):
 * `grpc_server_handled_total{grpc_code}` and, with handling-time histograms
 * turned on, `grpc_server_handling_seconds`.
 */
export const GO_GRPC_PROMETHEUS_TEMPLATES: readonly SliTemplate[] = [
  ratioTemplate(family, {
    name: 'go-grpc-availability',
    description: 'gRPC calls that do not fail with a server-side code (go-grpc-prometheus grpc_server_handled_total).',
    sloDescription: 'gRPC calls to {{job}} ({{service}}) without a server-side error.',
    bad: `grpc_server_handled_total{job="{{job}}",grpc_service=~"{{service}}",grpc_code=~"${SERVER_ERROR_CODES}"}`,
    total: 'grpc_server_handled_total{job="{{job}}",grpc_service=~"{{service}}"}',
    objective: 99.9,
  }),
  latencyTemplate(family, {
    name: 'go-grpc-latency',
    description: 'Unary gRPC calls handled within a latency threshold (go-grpc-prometheus grpc_server_handling_seconds).',
    sloDescription: 'Unary gRPC calls to {{job}} ({{service}}) handled within the {{threshold}} latency threshold.',
    histogram: 'grpc_server_handling_seconds{job="{{job}}",grpc_service=~"{{service}}",grpc_type="unary"}',
    threshold: 0.25,
    unit: 'seconds',
    objective: 99,
  }),
];
