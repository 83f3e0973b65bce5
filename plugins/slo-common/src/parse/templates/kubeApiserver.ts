import type { SliTemplate } from '../SliTemplate';
import { jobParameter, latencyTemplate, ratioTemplate, type TemplateFamily } from './defineTemplates';

const family: TemplateFamily = {
  family: 'Kubernetes API server',
  serviceParameter: 'job',
  documentation: [
    { title: 'Kubernetes: Kubernetes Metrics Reference (apiserver_request_total, apiserver_request_duration_seconds)', url: 'https://kubernetes.io/docs/reference/instrumentation/metrics/' },
    { title: 'Kubernetes: Kubernetes scalability and performance SLIs/SLOs', url: 'https://github.com/kubernetes/community/blob/master/sig-scalability/slos/slos.md' },
  ],
  parameters: [jobParameter('apiserver')],
};

/**
 * The Kubernetes API server's `apiserver_request_total{verb,code}` and
 * `apiserver_request_duration_seconds`, without long-running WATCH and
 * CONNECT requests.
 */
export const KUBE_APISERVER_TEMPLATES: readonly SliTemplate[] = [
  ratioTemplate(family, {
    name: 'kube-apiserver-availability',
    description: 'API server requests (WATCH and CONNECT aside) that do not fail with a 5xx code (apiserver_request_total).',
    sloDescription: 'Requests to the {{job}} API server that do not fail with a 5xx code.',
    bad: 'apiserver_request_total{job="{{job}}",verb!~"WATCH|CONNECT",code=~"5.."}',
    total: 'apiserver_request_total{job="{{job}}",verb!~"WATCH|CONNECT"}',
    objective: 99.9,
  }),
  latencyTemplate(family, {
    name: 'kube-apiserver-latency',
    description: 'API server requests of the given verbs served within a latency threshold (apiserver_request_duration_seconds).',
    sloDescription: 'Requests ({{verbs}}) to the {{job}} API server answered within the {{threshold}} latency threshold.',
    histogram: 'apiserver_request_duration_seconds{job="{{job}}",verb=~"{{verbs}}"}',
    threshold: 1,
    unit: 'seconds',
    objective: 99,
    parameters: [
      { name: 'verbs', description: 'A regular expression for the verbs to time (LIST can take far longer).', default: 'GET|POST|PUT|PATCH|DELETE', required: false },
    ],
  }),
];
