import type { Entity } from '@backstage/catalog-model';
import { parseEntitySlos } from '../parse/parseEntitySlos';
import { BUILTIN_SLI_TEMPLATES } from '../parse/templates';
import type { SloSuggestion } from './SloSuggestion';
import { suggestedObjective } from './suggestedObjective';
import { serviceIdentities, suggestionCandidates } from './suggestionCandidates';
import { suggestionAnnotation } from './suggestionAnnotation';

const entity = (annotations: Record<string, string> = {}): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout', annotations },
  spec: { type: 'service', owner: 'payments', lifecycle: 'production' },
});

describe('suggestedObjective', () => {
  it.each([
    [999, 1000, 99.9],
    [9993, 10000, 99.9],
    [998, 1000, 99.5],
    [995, 1000, 99.5],
    [994, 1000, 99],
    [990, 1000, 99],
    [989, 1000, 95],
    [950, 1000, 95],
    [1000, 1000, 99.9],
  ])('%d good of %d suggests %d', (good, total, objective) => {
    expect(suggestedObjective(good, total)).toBe(objective);
  });

  it('suggests nothing below 95% or without events', () => {
    expect(suggestedObjective(949, 1000)).toBeUndefined();
    expect(suggestedObjective(0, 0)).toBeUndefined();
  });

  it('rounds down on the exact boundary despite floating point', () => {
    // 0.999 * 3 is 2.9969999999999999 in floating point; the counts are exact.
    expect(suggestedObjective(2997, 3000)).toBe(99.9);
  });
});

describe('suggestion candidates', () => {
  it('tries our metrics id, then the Kubernetes id, then the name, once each', () => {
    expect(serviceIdentities(entity({ 'slo-kit.dev/metrics-id': 'checkout-api', 'backstage.io/kubernetes-id': 'checkout' }))).toEqual([
      'checkout-api',
      'checkout',
    ]);
    const candidates = suggestionCandidates(entity({ 'backstage.io/kubernetes-id': 'checkout-k8s' }), BUILTIN_SLI_TEMPLATES);
    expect(candidates).toHaveLength(BUILTIN_SLI_TEMPLATES.length);
    const istio = candidates.find(list => list[0].template.name === 'istio-availability')!;
    expect(istio.map(candidate => candidate.parameters)).toEqual([{ workload: 'checkout-k8s' }, { workload: 'checkout' }]);
  });

  it('suggests nothing for a service that declares SLOs', () => {
    expect(suggestionCandidates(entity({ 'slo-kit.dev/templates': 'http-availability: {job: checkout}' }), BUILTIN_SLI_TEMPLATES)).toEqual([]);
  });
});

describe('suggestionAnnotation', () => {
  const suggestion = (template: string, parameters: Record<string, string>, objective: number): SloSuggestion => ({
    entityRef: 'component:default/checkout',
    template,
    parameters,
    windowStart: 0,
    windowEnd: 30 * 86400,
    good: 995,
    total: 1000,
    attainment: 0.995,
    objective,
  });

  it('applied to the entity, yields SLOs with the suggested objectives and the matched parameters', () => {
    const text = suggestionAnnotation([
      suggestion('otel-http-server-availability', { job: 'checkout' }, 99.5),
      suggestion('istio-latency', { workload: 'checkout-v2' }, 95),
    ]);
    expect(text).toBe('otel-http-server-availability: { job: checkout, objective: 99.5 }\nistio-latency: { workload: checkout-v2, objective: 95 }');
    const { slos, problems } = parseEntitySlos(entity({ 'slo-kit.dev/templates': text }));
    expect(problems).toEqual([]);
    expect(slos.map(slo => [slo.name, slo.objectives[0].target, slo.window.label])).toEqual([
      ['otel-http-server-availability', 0.995, '30d'],
      ['istio-latency', 0.95, '30d'],
    ]);
    expect(slos[1].sli).toMatchObject({ metric: expect.stringContaining('destination_workload="checkout-v2"') });
  });
});
