import fs from 'node:fs';
import path from 'node:path';
import type { Entity } from '@backstage/catalog-model';
import { parseEntitySlos } from '../parseEntitySlos';
import { checkTemplate } from '../parseSliTemplates';
import { ProblemCollector } from '../ProblemCollector';
import { BUILTIN_SLI_TEMPLATES } from './index';

describe('BUILTIN_SLI_TEMPLATES', () => {
  it('has unique names, and every template is a valid SLO with its defaults and examples', () => {
    const names = BUILTIN_SLI_TEMPLATES.map(template => template.name);
    expect(new Set(names).size).toBe(names.length);
    for (const template of BUILTIN_SLI_TEMPLATES) {
      const problems = new ProblemCollector('app-config', 'builtin');
      checkTemplate(template, template.name, problems);
      expect({ name: template.name, problems: problems.problems }).toEqual({ name: template.name, problems: [] });
    }
  });

  it('names for every template its family, the service parameter and documentation pages', () => {
    for (const template of BUILTIN_SLI_TEMPLATES) {
      const parameters = template.parameters.map(parameter => parameter.name);
      expect({ name: template.name, family: typeof template.family }).toEqual({ name: template.name, family: 'string' });
      expect(parameters).toContain(template.serviceParameter);
      expect(template.parameters.find(p => p.name === template.serviceParameter)?.required).toBe(true);
      expect(template.documentation?.length).toBeGreaterThan(0);
      for (const page of template.documentation ?? []) expect(page.url).toMatch(/^https:\/\//);
    }
  });

  it('covers the instrumentations of issue 24, availability and latency where both exist', () => {
    const families = new Map<string, string[]>();
    for (const template of BUILTIN_SLI_TEMPLATES) {
      families.set(template.family!, [...(families.get(template.family!) ?? []), template.name]);
    }
    expect([...families.keys()]).toEqual([
      'Prometheus HTTP conventions',
      'OpenTelemetry HTTP server',
      'OpenTelemetry HTTP client',
      'OpenTelemetry HTTP server (semantic conventions 1.20 and earlier)',
      'OpenTelemetry RPC / gRPC server',
      'gRPC go-grpc-prometheus',
      'Spring Boot / Micrometer',
      'Istio',
      'Linkerd',
      'ingress-nginx',
      'Traefik v2 / v3',
      'Envoy',
      'HAProxy',
      'CoreDNS',
      'Kubernetes API server',
      'Node.js prom-client HTTP (express-prom-bundle)',
    ]);
    for (const [family, members] of families) {
      const expected = family === 'HAProxy' ? 1 : 2;
      expect({ family, count: members.length }).toEqual({ family, count: expected });
    }
  });

  it('keeps the two original templates exactly as they were', () => {
    const entity: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'checkout', annotations: { 'slo-kit.dev/templates': 'http-availability: {job: checkout}\nhttp-latency: {job: checkout}' } },
    };
    const { slos, problems } = parseEntitySlos(entity);
    expect(problems).toEqual([]);
    expect(slos.map(slo => [slo.name, slo.sli, slo.objectives[0].target, slo.window.label])).toEqual([
      ['http-availability', { kind: 'ratio', bad: { selector: 'http_requests_total{job="checkout",code=~"5.."}' }, total: { selector: 'http_requests_total{job="checkout"}' } }, 0.999, '30d'],
      ['http-latency', { kind: 'latency', mode: 'histogram', metric: 'http_request_duration_seconds{job="checkout"}', threshold: 0.3 }, 0.99, '30d'],
    ]);
  });

  it('keeps a millisecond threshold a number of milliseconds', () => {
    const entity: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'checkout', annotations: { 'slo-kit.dev/templates': 'istio-latency: {workload: checkout, threshold: 500}' } },
    };
    const { slos, problems } = parseEntitySlos(entity);
    expect(problems).toEqual([]);
    expect(slos[0].sli).toEqual({
      kind: 'latency',
      mode: 'histogram',
      metric: 'istio_request_duration_milliseconds{reporter="destination", destination_workload="checkout", destination_workload_namespace=~".+"}',
      threshold: 500,
    });
  });
});

describe('docs/annotations.md', () => {
  const doc = fs.readFileSync(path.resolve(__dirname, '../../../../../docs/annotations.md'), 'utf8');

  it('lists every built-in template with the documentation it reads', () => {
    for (const template of BUILTIN_SLI_TEMPLATES) {
      expect({ template: template.name, listed: doc.includes(`| \`${template.name}\` |`) }).toEqual({ template: template.name, listed: true });
      for (const page of template.documentation ?? []) {
        expect({ template: template.name, cited: doc.includes(`[${page.title}](${page.url})`) }).toEqual({ template: template.name, cited: true });
      }
    }
  });
});
