import type { SliTemplate } from '../SliTemplate';
import { latencyTemplate, ratioTemplate, type TemplateFamily } from './defineTemplates';

const family: TemplateFamily = {
  family: 'Envoy',
  serviceParameter: 'cluster',
  documentation: [
    { title: 'Envoy: Cluster manager, General statistics (upstream_rq_xx, upstream_rq_time)', url: 'https://www.envoyproxy.io/docs/envoy/latest/configuration/upstream/cluster_manager/cluster_stats' },
    { title: 'Envoy admin: GET /stats/prometheus', url: 'https://www.envoyproxy.io/docs/envoy/latest/operations/admin#get--stats-prometheus' },
    { title: 'Envoy: default tag names (envoy.cluster_name, envoy.response_code_class) in well_known_names.h', url: 'https://github.com/envoyproxy/envoy/blob/main/source/common/config/well_known_names.h' },
  ],
  parameters: [
    { name: 'cluster', description: 'The envoy_cluster_name label: the upstream cluster that serves the service.', required: true, example: 'checkout' },
  ],
};

/**
 * Envoy's upstream cluster statistics from `/stats/prometheus`:
 * `envoy_cluster_upstream_rq_xx{envoy_response_code_class}` (no `_total`
 * suffix) and `envoy_cluster_upstream_rq_time` (milliseconds).
 */
export const ENVOY_TEMPLATES: readonly SliTemplate[] = [
  ratioTemplate(family, {
    name: 'envoy-availability',
    description: 'Upstream requests of an Envoy cluster that do not get a 5xx response (envoy_cluster_upstream_rq_xx).',
    sloDescription: 'Requests to the {{cluster}} cluster that do not get a 5xx response.',
    bad: 'envoy_cluster_upstream_rq_xx{envoy_cluster_name="{{cluster}}",envoy_response_code_class="5"}',
    total: 'envoy_cluster_upstream_rq_xx{envoy_cluster_name="{{cluster}}"}',
    objective: 99.9,
  }),
  latencyTemplate(family, {
    name: 'envoy-latency',
    description: 'Upstream requests of an Envoy cluster answered within a threshold in milliseconds (envoy_cluster_upstream_rq_time).',
    sloDescription: 'Requests to the {{cluster}} cluster answered within {{threshold}} ms.',
    histogram: 'envoy_cluster_upstream_rq_time{envoy_cluster_name="{{cluster}}"}',
    threshold: 250,
    unit: 'milliseconds',
    objective: 99,
  }),
];
