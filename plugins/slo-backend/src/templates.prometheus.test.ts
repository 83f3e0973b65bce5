/**
 * Every built-in SLI template against Debian's Prometheus loaded with series
 * in its instrumentation's own metric shape (names, labels, `le` spellings,
 * decoy series its selectors must leave out, a counter reset). The SLI the
 * collector reads through the template (per-bucket queries) and the SLI the
 * exported recording rule computes must both equal the ground truth computed
 * from the generated increments.
 */
import type { Entity } from '@backstage/catalog-model';
import {
  generateInstrumentationData,
  startPrometheus,
  type InstrumentationData,
  type InstrumentationShape,
  type RunningPrometheus,
} from '@internal/prometheus-fixture';
import { PrometheusSloSource } from '@slo-kit/plugin-slo-backend-module-prometheus';
import {
  BUILTIN_SLI_TEMPLATES,
  parseEntitySlos,
  sliRatioQuery,
  type SloDefinition,
} from '@slo-kit/plugin-slo-common';
import YAML from 'yaml';

jest.setTimeout(240_000);

/** On the 5-minute grid; 24 hours of data before it. */
const END = 1_700_000_100;
const FROM = END - 20 * 3600;

type Labels = Record<string, string>;
type Filter = (labels: Labels) => boolean;

interface TemplateCase {
  template: string;
  parameters: Record<string, string | number>;
  shape: InstrumentationShape;
  /** Good and total events over (from, to], from the generated increments. */
  truth(data: InstrumentationData, from: number, to: number): { good: number; total: number };
}

const is5xx = (label: string): Filter => labels => /^5\d\d$/.test(labels[label] ?? '');
const all = (...filters: Filter[]): Filter => labels => filters.every(filter => filter(labels));
const has = (label: string, value: string): Filter => labels => labels[label] === value;
const not = (filter: Filter): Filter => labels => !filter(labels);

/** bad-over-total ratio truth from a counter. */
function counterRatio(name: string, service: Filter, bad: Filter): TemplateCase['truth'] {
  return (data, from, to) => {
    const total = data.counterEvents(name, service, from, to);
    return { good: total - data.counterEvents(name, all(service, bad), from, to), total };
  };
}
/** bad-over-total ratio truth from a histogram's _count. */
function countRatio(name: string, service: Filter, bad: Filter): TemplateCase['truth'] {
  return (data, from, to) => {
    const total = data.histogramEvents(name, service, from, to);
    return { good: total - data.histogramEvents(name, all(service, bad), from, to), total };
  };
}
/** at-or-below-threshold truth from a histogram. */
function latency(name: string, service: Filter, le: number): TemplateCase['truth'] {
  return (data, from, to) => ({
    good: data.histogramEvents(name, service, from, to, le),
    total: data.histogramEvents(name, service, from, to),
  });
}

const GO_DEFAULT_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const OTEL_SECONDS_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];
const OTEL_MS_BUCKETS = [0, 5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000, 7500, 10000];
const ENVOY_MS_BUCKETS = [0.5, 1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000];
const NODE_BUCKETS = [0.003, 0.03, 0.1, 0.3, 1.5, 10];

const withCodes = (base: Labels, label: string, codes: string[]) => codes.map(code => ({ ...base, [label]: code }));

const otelServer: InstrumentationShape = {
  histograms: [{
    name: 'http_server_request_duration_seconds',
    buckets: OTEL_SECONDS_BUCKETS,
    leSpelling: 'openmetrics',
    series: [
      ...withCodes({ job: 'otel-server', http_request_method: 'GET' }, 'http_response_status_code', ['200', '404', '500', '503']),
      { job: 'otel-other', http_request_method: 'GET', http_response_status_code: '500' },
    ],
  }],
};
const otelClient: InstrumentationShape = {
  histograms: [{
    name: 'http_client_request_duration_seconds',
    buckets: OTEL_SECONDS_BUCKETS,
    leSpelling: 'openmetrics',
    series: [
      { job: 'otel-client', server_address: 'payments', http_response_status_code: '200' },
      { job: 'otel-client', server_address: 'payments', http_response_status_code: '404', error_type: '404' },
      { job: 'otel-client', server_address: 'payments', http_response_status_code: '503', error_type: '503' },
      { job: 'otel-client', server_address: 'payments', error_type: 'java.net.SocketTimeoutException' },
      { job: 'otel-other', server_address: 'payments', error_type: '500' },
    ],
  }],
};
const otelLegacy: InstrumentationShape = {
  histograms: [{
    name: 'http_server_duration_milliseconds',
    buckets: OTEL_MS_BUCKETS,
    series: [...withCodes({ job: 'otel-legacy' }, 'http_status_code', ['200', '500']), { job: 'otel-other', http_status_code: '500' }],
  }],
};
const otelRpc: InstrumentationShape = {
  histograms: [{
    name: 'rpc_server_duration_milliseconds',
    buckets: OTEL_MS_BUCKETS,
    series: withCodes({ job: 'otel-rpc', rpc_system: 'grpc', rpc_service: 'checkout.v1.Checkout' }, 'rpc_grpc_status_code', ['0', '5', '12', '13', '14']),
  }],
};
const goGrpc: InstrumentationShape = {
  counters: [{
    name: 'grpc_server_handled_total',
    series: withCodes({ job: 'grpc-go', grpc_service: 'checkout.v1.Checkout', grpc_method: 'Pay', grpc_type: 'unary' }, 'grpc_code', ['OK', 'NotFound', 'InvalidArgument', 'Internal', 'Unavailable']),
  }],
  histograms: [{
    name: 'grpc_server_handling_seconds',
    buckets: GO_DEFAULT_BUCKETS,
    series: ['unary', 'server_stream'].map(type => ({ job: 'grpc-go', grpc_service: 'checkout.v1.Checkout', grpc_method: 'Pay', grpc_type: type })),
  }],
};
const spring: InstrumentationShape = {
  histograms: [{
    name: 'http_server_requests_seconds',
    buckets: [0.1, 0.25, 0.5, 1, 2.5],
    leSpelling: 'openmetrics',
    series: [
      { job: 'spring-app', uri: '/orders', outcome: 'SUCCESS', status: '200' },
      { job: 'spring-app', uri: '/orders', outcome: 'CLIENT_ERROR', status: '404' },
      { job: 'spring-app', uri: '/orders', outcome: 'SERVER_ERROR', status: '500' },
    ],
  }],
};
const istioLabels = (reporter: string) => ({ reporter, destination_workload: 'reviews', destination_workload_namespace: 'shop' });
const istio: InstrumentationShape = {
  counters: [{
    name: 'istio_requests_total',
    series: [...withCodes(istioLabels('destination'), 'response_code', ['200', '404', '503']), { ...istioLabels('source'), response_code: '503' }],
  }],
  histograms: [{
    name: 'istio_request_duration_milliseconds',
    buckets: ENVOY_MS_BUCKETS,
    series: [{ ...istioLabels('destination'), response_code: '200' }, { ...istioLabels('source'), response_code: '200' }],
  }],
};
const linkerdLabels = (direction: string) => ({ direction, deployment: 'web', namespace: 'emojivoto' });
const linkerd: InstrumentationShape = {
  counters: [{
    name: 'response_total',
    series: [
      { ...linkerdLabels('inbound'), classification: 'success', status_code: '200' },
      { ...linkerdLabels('inbound'), classification: 'failure', status_code: '500' },
      { ...linkerdLabels('outbound'), classification: 'failure', status_code: '503' },
    ],
  }],
  histograms: [{
    name: 'response_latency_ms',
    buckets: [1, 2, 3, 4, 5, 10, 20, 30, 40, 50, 100, 200, 300, 400, 500, 1000],
    series: [linkerdLabels('inbound'), linkerdLabels('outbound')],
  }],
};
const ingressNginx: InstrumentationShape = {
  counters: [{
    name: 'nginx_ingress_controller_requests',
    series: [...withCodes({ ingress: 'shop', namespace: 'web' }, 'status', ['200', '404', '502']), { ingress: 'admin', namespace: 'web', status: '500' }],
  }],
  histograms: [{
    name: 'nginx_ingress_controller_request_duration_seconds',
    buckets: GO_DEFAULT_BUCKETS,
    series: [{ ingress: 'shop', namespace: 'web', status: '200' }, { ingress: 'admin', namespace: 'web', status: '200' }],
  }],
};
const traefik: InstrumentationShape = {
  counters: [{
    name: 'traefik_service_requests_total',
    series: [
      ...withCodes({ service: 'shop@kubernetescrd', method: 'GET', protocol: 'http' }, 'code', ['200', '500']),
      { service: 'admin@kubernetescrd', method: 'GET', protocol: 'http', code: '500' },
    ],
  }],
  histograms: [{
    name: 'traefik_service_request_duration_seconds',
    buckets: [0.1, 0.3, 1.2, 5],
    series: [{ service: 'shop@kubernetescrd', code: '200' }, { service: 'admin@kubernetescrd', code: '200' }],
  }],
};
const envoy: InstrumentationShape = {
  counters: [{
    name: 'envoy_cluster_upstream_rq_xx',
    series: [...withCodes({ envoy_cluster_name: 'payments' }, 'envoy_response_code_class', ['2', '4', '5']), { envoy_cluster_name: 'ads', envoy_response_code_class: '5' }],
  }],
  histograms: [{
    name: 'envoy_cluster_upstream_rq_time',
    buckets: ENVOY_MS_BUCKETS,
    series: [{ envoy_cluster_name: 'payments' }, { envoy_cluster_name: 'ads' }],
  }],
};
const haproxy: InstrumentationShape = {
  counters: [{
    name: 'haproxy_backend_http_responses_total',
    series: [...withCodes({ proxy: 'be_shop' }, 'code', ['1xx', '2xx', '3xx', '4xx', '5xx', 'other']), { proxy: 'be_admin', code: '5xx' }],
  }],
};
const coredns: InstrumentationShape = {
  counters: [{
    name: 'coredns_dns_responses_total',
    series: withCodes({ job: 'coredns', server: 'dns://:53', zone: '.', plugin: 'forward' }, 'rcode', ['NOERROR', 'NXDOMAIN', 'SERVFAIL']),
  }],
  histograms: [{
    name: 'coredns_dns_request_duration_seconds',
    buckets: [0.00025, 0.0005, 0.001, 0.002, 0.004, 0.008, 0.016, 0.032, 0.064, 0.128, 0.256, 0.512, 1.024, 2.048, 4.096, 8.192],
    series: [{ job: 'coredns', server: 'dns://:53', zone: '.', type: 'A' }, { job: 'coredns', server: 'dns://:53', zone: '.', type: 'AAAA' }],
  }],
};
const apiserver: InstrumentationShape = {
  counters: [{
    name: 'apiserver_request_total',
    series: [
      { job: 'apiserver', verb: 'GET', resource: 'pods', code: '200' },
      { job: 'apiserver', verb: 'GET', resource: 'pods', code: '500' },
      { job: 'apiserver', verb: 'POST', resource: 'pods', code: '503' },
      { job: 'apiserver', verb: 'LIST', resource: 'pods', code: '200' },
      { job: 'apiserver', verb: 'WATCH', resource: 'pods', code: '500' },
    ],
  }],
  histograms: [{
    name: 'apiserver_request_duration_seconds',
    buckets: [0.05, 0.1, 0.2, 0.4, 0.6, 0.8, 1, 1.25, 1.5, 2],
    series: ['GET', 'POST', 'LIST', 'WATCH'].map(verb => ({ job: 'apiserver', verb, resource: 'pods' })),
  }],
};
/** Prometheus conventions and Node's prom-client share a histogram name: two jobs. */
const promHttp: InstrumentationShape = {
  counters: [{
    name: 'http_requests_total',
    series: [...withCodes({ job: 'prom-http' }, 'code', ['200', '500', '503']), { job: 'other', code: '500' }],
  }],
  histograms: [{
    name: 'http_request_duration_seconds',
    buckets: NODE_BUCKETS,
    series: [
      { job: 'prom-http' },
      ...withCodes({ job: 'node-app', method: 'GET', path: '/orders' }, 'status_code', ['200', '404', '500']),
    ],
  }],
};

const job = (name: string) => has('job', name);

const CASES: TemplateCase[] = [
  { template: 'http-availability', parameters: { job: 'prom-http' }, shape: promHttp, truth: counterRatio('http_requests_total', job('prom-http'), is5xx('code')) },
  { template: 'http-latency', parameters: { job: 'prom-http' }, shape: promHttp, truth: latency('http_request_duration_seconds', job('prom-http'), 0.3) },
  { template: 'otel-http-server-availability', parameters: { job: 'otel-server' }, shape: otelServer, truth: countRatio('http_server_request_duration_seconds', job('otel-server'), is5xx('http_response_status_code')) },
  { template: 'otel-http-server-latency', parameters: { job: 'otel-server', threshold: 1 }, shape: otelServer, truth: latency('http_server_request_duration_seconds', job('otel-server'), 1) },
  {
    template: 'otel-http-client-availability',
    parameters: { job: 'otel-client', server: 'payments' },
    shape: otelClient,
    truth: countRatio('http_client_request_duration_seconds', job('otel-client'), labels => /^5\d\d$|\D/.test(labels.error_type ?? '')),
  },
  { template: 'otel-http-client-latency', parameters: { job: 'otel-client' }, shape: otelClient, truth: latency('http_client_request_duration_seconds', job('otel-client'), 0.5) },
  { template: 'otel-http-server-legacy-availability', parameters: { job: 'otel-legacy' }, shape: otelLegacy, truth: countRatio('http_server_duration_milliseconds', job('otel-legacy'), is5xx('http_status_code')) },
  { template: 'otel-http-server-legacy-latency', parameters: { job: 'otel-legacy' }, shape: otelLegacy, truth: latency('http_server_duration_milliseconds', job('otel-legacy'), 250) },
  {
    template: 'otel-rpc-server-availability',
    parameters: { job: 'otel-rpc' },
    shape: otelRpc,
    truth: countRatio('rpc_server_duration_milliseconds', job('otel-rpc'), labels => ['2', '4', '12', '13', '14', '15'].includes(labels.rpc_grpc_status_code)),
  },
  { template: 'otel-rpc-server-latency', parameters: { job: 'otel-rpc', threshold: 100 }, shape: otelRpc, truth: latency('rpc_server_duration_milliseconds', job('otel-rpc'), 100) },
  {
    template: 'go-grpc-availability',
    parameters: { job: 'grpc-go', service: 'checkout[.]v1[.]Checkout' },
    shape: goGrpc,
    truth: counterRatio('grpc_server_handled_total', job('grpc-go'), labels => ['Internal', 'Unavailable'].includes(labels.grpc_code)),
  },
  { template: 'go-grpc-latency', parameters: { job: 'grpc-go' }, shape: goGrpc, truth: latency('grpc_server_handling_seconds', all(job('grpc-go'), has('grpc_type', 'unary')), 0.25) },
  { template: 'spring-http-availability', parameters: { job: 'spring-app' }, shape: spring, truth: countRatio('http_server_requests_seconds', job('spring-app'), has('outcome', 'SERVER_ERROR')) },
  { template: 'spring-http-latency', parameters: { job: 'spring-app', threshold: 1 }, shape: spring, truth: latency('http_server_requests_seconds', job('spring-app'), 1) },
  {
    template: 'istio-availability',
    parameters: { workload: 'reviews' },
    shape: istio,
    truth: counterRatio('istio_requests_total', has('reporter', 'destination'), is5xx('response_code')),
  },
  { template: 'istio-latency', parameters: { workload: 'reviews', namespace: 'shop' }, shape: istio, truth: latency('istio_request_duration_milliseconds', has('reporter', 'destination'), 250) },
  { template: 'linkerd-availability', parameters: { deployment: 'web' }, shape: linkerd, truth: counterRatio('response_total', has('direction', 'inbound'), has('classification', 'failure')) },
  { template: 'linkerd-latency', parameters: { deployment: 'web' }, shape: linkerd, truth: latency('response_latency_ms', has('direction', 'inbound'), 300) },
  { template: 'ingress-nginx-availability', parameters: { ingress: 'shop' }, shape: ingressNginx, truth: counterRatio('nginx_ingress_controller_requests', has('ingress', 'shop'), is5xx('status')) },
  { template: 'ingress-nginx-latency', parameters: { ingress: 'shop' }, shape: ingressNginx, truth: latency('nginx_ingress_controller_request_duration_seconds', has('ingress', 'shop'), 0.5) },
  { template: 'traefik-availability', parameters: { service: 'shop@kubernetescrd' }, shape: traefik, truth: counterRatio('traefik_service_requests_total', has('service', 'shop@kubernetescrd'), is5xx('code')) },
  { template: 'traefik-latency', parameters: { service: 'shop@kubernetescrd' }, shape: traefik, truth: latency('traefik_service_request_duration_seconds', has('service', 'shop@kubernetescrd'), 0.3) },
  { template: 'envoy-availability', parameters: { cluster: 'payments' }, shape: envoy, truth: counterRatio('envoy_cluster_upstream_rq_xx', has('envoy_cluster_name', 'payments'), has('envoy_response_code_class', '5')) },
  { template: 'envoy-latency', parameters: { cluster: 'payments' }, shape: envoy, truth: latency('envoy_cluster_upstream_rq_time', has('envoy_cluster_name', 'payments'), 250) },
  { template: 'haproxy-availability', parameters: { backend: 'be_shop' }, shape: haproxy, truth: counterRatio('haproxy_backend_http_responses_total', has('proxy', 'be_shop'), has('code', '5xx')) },
  { template: 'coredns-availability', parameters: { job: 'coredns' }, shape: coredns, truth: counterRatio('coredns_dns_responses_total', job('coredns'), has('rcode', 'SERVFAIL')) },
  { template: 'coredns-latency', parameters: { job: 'coredns' }, shape: coredns, truth: latency('coredns_dns_request_duration_seconds', job('coredns'), 0.128) },
  {
    template: 'kube-apiserver-availability',
    parameters: { job: 'apiserver' },
    shape: apiserver,
    truth: counterRatio('apiserver_request_total', not(has('verb', 'WATCH')), is5xx('code')),
  },
  {
    template: 'kube-apiserver-latency',
    parameters: { job: 'apiserver' },
    shape: apiserver,
    truth: latency('apiserver_request_duration_seconds', labels => ['GET', 'POST'].includes(labels.verb), 1),
  },
  { template: 'node-http-availability', parameters: { job: 'node-app' }, shape: promHttp, truth: countRatio('http_request_duration_seconds', job('node-app'), is5xx('status_code')) },
  { template: 'node-http-latency', parameters: { job: 'node-app' }, shape: promHttp, truth: latency('http_request_duration_seconds', job('node-app'), 0.3) },
];

/** Every shape once (several templates share one). */
function mergedShape(): InstrumentationShape {
  const shapes = [...new Set(CASES.map(c => c.shape))];
  return {
    counters: shapes.flatMap(shape => shape.counters ?? []),
    histograms: shapes.flatMap(shape => shape.histograms ?? []),
  };
}

function definitionOf(testCase: TemplateCase): SloDefinition {
  const entity: Entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'service',
      annotations: { 'slo-kit.dev/templates': YAML.stringify({ [testCase.template]: testCase.parameters }) },
    },
  };
  const { slos, problems } = parseEntitySlos(entity);
  expect(problems).toEqual([]);
  return slos[0];
}

const relativeError = (actual: number, expected: number) => Math.abs(actual - expected) / Math.abs(expected);

describe('built-in SLI templates against their instrumentations\' metric shapes on a real Prometheus', () => {
  const data = generateInstrumentationData(mergedShape(), { end: END, hours: 24 });
  let prometheus: RunningPrometheus;
  let source: PrometheusSloSource;

  beforeAll(async () => {
    prometheus = await startPrometheus({ openMetricsText: data.openMetricsText });
    source = new PrometheusSloSource({
      name: 'fixture',
      baseUrl: prometheus.url,
      headers: {},
      timeoutMs: 30_000,
      maxConcurrentQueries: 2,
      maxPointsPerRequest: 10000,
    });
  }, 180_000);

  afterAll(async () => {
    await prometheus?.stop();
  });

  it('has a case for every built-in template', () => {
    expect(CASES.map(c => c.template).sort()).toEqual(BUILTIN_SLI_TEMPLATES.map(t => t.name).sort());
  });

  it.each(CASES.map(c => [c.template, c] as const))('%s reads exactly the events of its shape', async (_name, testCase) => {
    const definition = definitionOf(testCase);
    const truth = testCase.truth(data, FROM, END);
    // The ground truth has events of both kinds, so an empty selector cannot pass.
    expect(truth.total).toBeGreaterThan(0);
    expect(truth.good).toBeGreaterThan(0);
    expect(truth.good).toBeLessThan(truth.total);

    // As the collector reads it: 5-minute buckets over (FROM, END].
    const { buckets } = await source.fetchBuckets({
      sloId: definition.id,
      sli: definition.sli,
      start: FROM,
      end: END,
      bucketSeconds: 300,
    });
    const good = buckets.reduce((sum, bucket) => sum + bucket.good, 0);
    const total = buckets.reduce((sum, bucket) => sum + bucket.total, 0);
    expect({ good, total }).toEqual(truth);
    expect(relativeError(good / total, truth.good / truth.total)).toBeLessThanOrEqual(1e-9);

    // As the exported recording rule computes it, over the same 20 hours.
    const response = await fetch(`${prometheus.url}/api/v1/query`, {
      method: 'POST',
      body: new URLSearchParams({ query: sliRatioQuery(definition.sli, END - FROM), time: String(END) }),
    });
    const json = (await response.json()) as { data: { result: Array<{ value: [number, string] }> } };
    expect(json.data.result).toHaveLength(1);
    expect(relativeError(Number(json.data.result[0].value[1]), truth.good / truth.total)).toBeLessThanOrEqual(1e-9);
  });
});
