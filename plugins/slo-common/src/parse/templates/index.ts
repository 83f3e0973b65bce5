import type { SliTemplate } from '../SliTemplate';
import { COREDNS_TEMPLATES } from './coredns';
import { ENVOY_TEMPLATES } from './envoy';
import { GO_GRPC_PROMETHEUS_TEMPLATES } from './goGrpcPrometheus';
import { HAPROXY_TEMPLATES } from './haproxy';
import { INGRESS_NGINX_TEMPLATES } from './ingressNginx';
import { ISTIO_TEMPLATES } from './istio';
import { KUBE_APISERVER_TEMPLATES } from './kubeApiserver';
import { LINKERD_TEMPLATES } from './linkerd';
import { NODE_HTTP_TEMPLATES } from './nodeHttp';
import { OPEN_TELEMETRY_HTTP_TEMPLATES } from './openTelemetryHttp';
import { OPEN_TELEMETRY_RPC_TEMPLATES } from './openTelemetryRpc';
import { PROMETHEUS_HTTP_TEMPLATES } from './prometheusHttp';
import { SPRING_BOOT_TEMPLATES } from './springBoot';
import { TRAEFIK_TEMPLATES } from './traefik';

/**
 * Templates that ship with the plugin, one file per instrumentation family
 * (docs/annotations.md lists them with the documentation of each metric).
 * app-config's `slo.templates` can override them by name or add more.
 *
 * - `http-availability` / `http-latency`: Prometheus conventions,
 *   `http_requests_total{job,code}` and `http_request_duration_seconds`.
 * - OpenTelemetry HTTP server and client (stable and pre-1.20 names), RPC;
 *   go-grpc-prometheus; Spring Boot / Micrometer; Istio; Linkerd;
 *   ingress-nginx; Traefik; Envoy; HAProxy; CoreDNS; the Kubernetes API
 *   server; Node's prom-client (express-prom-bundle).
 *
 * Availability templates default to 99.9% over 30d, latency ones to 99%.
 *
 * @public
 */
export const BUILTIN_SLI_TEMPLATES: readonly SliTemplate[] = [
  ...PROMETHEUS_HTTP_TEMPLATES,
  ...OPEN_TELEMETRY_HTTP_TEMPLATES,
  ...OPEN_TELEMETRY_RPC_TEMPLATES,
  ...GO_GRPC_PROMETHEUS_TEMPLATES,
  ...SPRING_BOOT_TEMPLATES,
  ...ISTIO_TEMPLATES,
  ...LINKERD_TEMPLATES,
  ...INGRESS_NGINX_TEMPLATES,
  ...TRAEFIK_TEMPLATES,
  ...ENVOY_TEMPLATES,
  ...HAPROXY_TEMPLATES,
  ...COREDNS_TEMPLATES,
  ...KUBE_APISERVER_TEMPLATES,
  ...NODE_HTTP_TEMPLATES,
];
