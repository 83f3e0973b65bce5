import type { Entity } from '@backstage/catalog-model';
import { parseEntitySlos } from './parseEntitySlos';
import { parseSliTemplates } from './parseSliTemplates';
import { BUILTIN_SLI_TEMPLATES } from './templates';

const grpcTemplate = {
  description: 'gRPC calls that do not fail with a server error.',
  parameters: {
    service: { description: 'The gRPC service name.', required: true, example: 'checkout.v1.Checkout' },
    metric: 'grpc_server_handled_total',
  },
  slo: {
    description: 'gRPC calls to {{service}} without server errors.',
    sli: {
      ratio: {
        bad: '{{metric}}{grpc_service="{{service}}",grpc_code=~"Unknown|Internal|Unavailable|DataLoss|DeadlineExceeded"}',
        total: '{{metric}}{grpc_service="{{service}}"}',
      },
    },
    objective: 99.95,
    window: '28d',
  },
};

describe('parseSliTemplates', () => {
  it('returns the built-ins without config', () => {
    const { templates, problems } = parseSliTemplates(undefined);
    expect(problems).toEqual([]);
    expect(templates.map(template => template.name)).toEqual(BUILTIN_SLI_TEMPLATES.map(template => template.name));
    expect(templates.slice(0, 2).map(template => template.name)).toEqual(['http-availability', 'http-latency']);
  });

  it('adds app-config templates and lets them override built-ins', () => {
    const { templates, problems } = parseSliTemplates({
      'grpc-availability': grpcTemplate,
      'http-availability': {
        parameters: { job: { required: true } },
        slo: { sli: { ratio: { bad: 'requests_total{job="{{job}}",status="error"}', total: 'requests_total{job="{{job}}"}' } }, objective: 99.5 },
      },
    });
    expect(problems).toEqual([]);
    const listed = templates.map(template => [template.name, template.builtin ?? false]);
    expect(listed.slice(0, 2)).toEqual([
      ['http-availability', false],
      ['http-latency', true],
    ]);
    expect(listed[listed.length - 1]).toEqual(['grpc-availability', false]);
    expect(listed).toHaveLength(BUILTIN_SLI_TEMPLATES.length + 1);
    expect(templates[templates.length - 1].parameters).toEqual([
      { name: 'service', description: 'The gRPC service name.', required: true, example: 'checkout.v1.Checkout' },
      { name: 'metric', default: 'grpc_server_handled_total', required: false },
    ]);

    const entity: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: 'checkout',
        annotations: { 'slo-kit.dev/templates': 'grpc-availability: {service: checkout.v1.Checkout}\nhttp-availability: {job: web}' },
      },
    };
    const result = parseEntitySlos(entity, { templates });
    expect(result.problems).toEqual([]);
    expect(result.slos.map(slo => [slo.name, slo.objectives[0].target, slo.window.label])).toEqual([
      ['grpc-availability', 0.9995, '28d'],
      ['http-availability', 0.995, '30d'],
    ]);
    expect(result.slos[0].sli).toMatchObject({ total: { selector: 'grpc_server_handled_total{grpc_service="checkout.v1.Checkout"}' } });
  });

  it('accepts a reserved parameter declared with a default, as a placeholder and an override', () => {
    const { templates, problems } = parseSliTemplates(
      {
        availability: {
          parameters: { service: { required: true }, objective: { description: 'Objective in percent', default: '99.9' } },
          slo: { objective: '{{objective}}', description: 'Aiming for {{objective}}%', sli: { ratio: { bad: 'e_total{service="{{service}}"}', total: 'r_total{service="{{service}}"}' } } },
        },
      },
      { includeBuiltins: false },
    );
    expect(problems).toEqual([]);
    const parse = (annotation: string) =>
      parseEntitySlos(
        { apiVersion: 'backstage.io/v1alpha1', kind: 'Component', metadata: { name: 'a', annotations: { 'slo-kit.dev/templates': annotation } } },
        { templates },
      ).slos[0];
    expect(parse('availability: {service: a}')).toMatchObject({ objectives: [{ target: 0.999 }], description: 'Aiming for 99.9%' });
    expect(parse('availability: {service: a, objective: 99.5}')).toMatchObject({ objectives: [{ target: 0.995 }], description: 'Aiming for 99.5%' });
  });

  it('reads which parameter names the service, so suggestions can try the template', () => {
    const { templates, problems } = parseSliTemplates({ 'grpc-availability': { ...grpcTemplate, serviceParameter: 'service' } });
    expect(problems).toEqual([]);
    expect(templates.find(template => template.name === 'grpc-availability')?.serviceParameter).toBe('service');

    const wrong = parseSliTemplates({ 'grpc-availability': { ...grpcTemplate, serviceParameter: 'job' } });
    expect(wrong.templates.some(template => template.name === 'grpc-availability')).toBe(false);
    expect(wrong.problems).toEqual([
      expect.objectContaining({
        path: 'grpc-availability.serviceParameter',
        message: `"serviceParameter" must name one of the template's parameters, the one that names the service in its metrics.`,
        found: 'job',
        expected: 'one of service, metric',
      }),
    ]);
  });

  it('can leave the built-ins out', () => {
    expect(parseSliTemplates({}, { includeBuiltins: false }).templates).toEqual([]);
  });

  it.each([
    ['not a mapping', ['a'], '', /slo.templates must be a mapping of template names to templates, not a list/],
    ['a bad template name', { 'My Template': grpcTemplate }, 'My Template', /The template name "My Template" is not a valid name/],
    ['an unknown template key', { t: { ...grpcTemplate, params: {} } }, 't.params', /Unknown key "params" in the template "t". Did you mean "parameters"\?/],
    ['an undeclared placeholder', { t: { ...grpcTemplate, parameters: { metric: 'x' } } }, 't.slo', /The placeholder \{\{service\}\} is not a declared parameter of template "t"/],
    ['window as a parameter', { t: { ...grpcTemplate, parameters: { ...grpcTemplate.parameters, window: '5m' } } }, 't.parameters.window', /"window" cannot be a parameter/],
    ['required with a default', { t: { ...grpcTemplate, parameters: { service: { required: true, default: 'a' } } } }, 't.parameters.service.required', /A parameter with a default is not required/],
    ['a body that does not validate', { t: { ...grpcTemplate, slo: { ...grpcTemplate.slo, objective: 0.9995 } } }, 't.slo.objective', /looks like a fraction/],
    ['an unknown SLO key in the body', { t: { ...grpcTemplate, slo: { ...grpcTemplate.slo, windw: '7d' } } }, 't.slo.windw', /Unknown key "windw".*Did you mean "window"\?/],
  ])('reports %s', (_, config, path, message) => {
    const { templates, problems } = parseSliTemplates(config, { includeBuiltins: false });
    expect(templates).toEqual([]);
    expect(problems).toContainEqual(
      expect.objectContaining({ entityRef: 'app-config', annotation: 'slo.templates', path, message: expect.stringMatching(message) }),
    );
  });
});
