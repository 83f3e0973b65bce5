import type { SliTemplate } from '../SliTemplate';
import { jobParameter, latencyTemplate, metricParameter, ratioTemplate, type TemplateFamily } from './defineTemplates';

const family: TemplateFamily = {
  family: 'OpenTelemetry RPC / gRPC server',
  serviceParameter: 'job',
  documentation: [
    { title: 'OpenTelemetry semantic conventions v1.37.0: RPC metrics (rpc.server.duration, rpc.service)', url: 'https://github.com/open-telemetry/semantic-conventions/blob/v1.37.0/docs/rpc/rpc-metrics.md' },
    { title: 'OpenTelemetry semantic conventions v1.37.0: gRPC (rpc.grpc.status_code)', url: 'https://github.com/open-telemetry/semantic-conventions/blob/v1.37.0/docs/rpc/grpc.md' },
  ],
  parameters: [
    jobParameter('checkout'),
    { name: 'service', description: 'A regular expression for rpc.service, the full gRPC service name (default: every service).', default: '.+', required: false },
  ],
};

/**
 * gRPC status codes that mean the server failed (Unknown, DeadlineExceeded,
 * Unimplemented, Internal, Unavailable, DataLoss); the others are the
 * caller's doing or success. As numbers, as OpenTelemetry records them.
 */
const SERVER_ERROR_CODES = '2|4|12|13|14|15';

/** OpenTelemetry RPC semantic conventions: `rpc.server.duration` (milliseconds). */
export const OPEN_TELEMETRY_RPC_TEMPLATES: readonly SliTemplate[] = [
  ratioTemplate(family, {
    name: 'otel-rpc-server-availability',
    description: 'gRPC calls that do not fail with a server-side status (OpenTelemetry rpc.server.duration, rpc.grpc.status_code).',
    sloDescription: 'gRPC calls to {{job}} ({{service}}) without a server-side error.',
    bad: `{{metric}}_count{job="{{job}}",rpc_service=~"{{service}}",rpc_grpc_status_code=~"${SERVER_ERROR_CODES}"}`,
    total: '{{metric}}_count{job="{{job}}",rpc_service=~"{{service}}"}',
    objective: 99.9,
    parameters: [metricParameter('rpc_server_duration_milliseconds', 'The histogram base name.')],
  }),
  latencyTemplate(family, {
    name: 'otel-rpc-server-latency',
    description: 'RPC calls served within a threshold in milliseconds (OpenTelemetry rpc.server.duration).',
    sloDescription: 'RPC calls to {{job}} ({{service}}) answered within {{threshold}} ms.',
    histogram: '{{metric}}{job="{{job}}",rpc_service=~"{{service}}"}',
    threshold: 250,
    unit: 'milliseconds',
    objective: 99,
    parameters: [metricParameter('rpc_server_duration_milliseconds', 'The histogram base name.')],
  }),
];
