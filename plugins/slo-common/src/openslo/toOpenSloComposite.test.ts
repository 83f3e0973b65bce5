import { parse } from 'yaml';
import type { CompositeSloDefinition } from '../composites/CompositeSlo';
import { weightedSli } from '../composites/evaluateWeightedComposite';
import type { SloDefinition } from '../model/SloDefinition';
import { parseOpenSlo } from './parseOpenSlo';
import { toOpenSloComposite } from './toOpenSloComposite';

const window = { type: 'rolling' as const, durationSeconds: 30 * 86400, label: '30d' };

function member(entity: string, name: string, sli: SloDefinition['sli']): SloDefinition {
  const entityRef = `component:default/${entity}`;
  return { id: `${entityRef}/${name}`, entityRef, name, sli, objectives: [{ name: '', target: 0.99 }], window, labels: {}, origin: { kind: 'annotation', annotation: 'slo-kit.dev/slos' } };
}

const cart = member('cart', 'availability', { kind: 'ratio', bad: { selector: 'cart_requests_total{code=~"5.."}' }, total: { selector: 'cart_requests_total' } });
const payments = member('payments', 'latency', { kind: 'latency', mode: 'histogram', metric: 'payment_duration_seconds', threshold: 0.5 });

function composite(semantics: 'events' | 'weighted', weights: number[]): CompositeSloDefinition {
  const members = [cart, payments].map((slo, index) => ({ entityRef: slo.entityRef, sloName: slo.name, sloId: slo.id, weight: weights[index] }));
  return { id: 'system:default/shop/checkout-journey', entityRef: 'system:default/shop', name: 'checkout-journey', objective: 0.995, window, semantics, members, position: 0 };
}

describe('toOpenSloComposite', () => {
  it('writes a weighted composite as one objective per member, weights summing to 1 and the composite\'s target', () => {
    const result = toOpenSloComposite(composite('weighted', [1, 3]), [cart, payments]);
    if (!('yaml' in result)) throw new Error(result.notExported);
    const document = parse(result.yaml);
    expect(document).toMatchObject({ apiVersion: 'openslo/v1', kind: 'SLO', metadata: { name: 'checkout-journey' }, spec: { service: 'shop', budgetingMethod: 'Occurrences', timeWindow: [{ duration: '30d', isRolling: true }] } });
    expect(document.spec.objectives.map((objective: Record<string, unknown>) => [objective.displayName, objective.target, objective.compositeWeight])).toEqual([
      ['component:default/cart/availability', 0.995, 0.25],
      ['component:default/payments/latency', 0.995, 0.75],
    ]);
    expect(document.spec.objectives[0].indicator.spec.ratioMetric.bad.metricSource.spec.query).toBe('cart_requests_total{code=~"5.."}');
    expect(document.spec.objectives[1].indicator.spec.ratioMetric.good.metricSource.spec.query).toBe('payment_duration_seconds_bucket{le="0.5"}');
    // Read back, it is the same weighted composite, its members now SLOs of the System.
    const back = parseOpenSlo(result.yaml, { entityRef: 'system:default/shop', location: 'export.yaml' });
    expect(back.problems).toEqual([]);
    expect(back.composites).toMatchObject([{ name: 'checkout-journey', objective: 0.995, semantics: 'weighted', members: [{ weight: 0.25 }, { weight: 0.75 }] }]);
    expect(back.slos.map(slo => slo.id)).toEqual(['system:default/shop/checkout-journey-component-default-cart-availability', 'system:default/shop/checkout-journey-component-default-payments-latency']);
  });

  it('writes v2alpha with sli for indicator', () => {
    const result = toOpenSloComposite(composite('weighted', [1, 1]), [cart, payments], { apiVersion: 'openslo.com/v2alpha' });
    if (!('yaml' in result)) throw new Error(result.notExported);
    const document = parse(result.yaml);
    expect(document.apiVersion).toBe('openslo.com/v2alpha');
    expect(document.spec.objectives[0].sli.spec.ratioMetric.total).toEqual({ spec: { query: 'cart_requests_total' } });
    expect(document.spec.objectives.map((objective: Record<string, unknown>) => objective.compositeWeight)).toEqual([0.5, 0.5]);
  });

  it('keeps the portal\'s burn rate under the spec\'s rule: the weighted sum of the objectives\' burn rates', () => {
    const weights = [1, 3, 0.5];
    const slis = [0.999, 0.97, 0.9995];
    const objective = 0.995;
    const total = weights.reduce((sum, weight) => sum + weight, 0);
    const spec = weights.reduce((sum, weight, index) => sum + (weight / total) * ((1 - slis[index]) / (1 - objective)), 0);
    const portal = (1 - weightedSli(weights.map((weight, index) => ({ weight, sli: slis[index] })))!) / (1 - objective);
    expect(Math.abs(spec - portal) / portal).toBeLessThan(1e-12);
  });

  it('does not export what OpenSLO cannot say, and says why', () => {
    expect(toOpenSloComposite(composite('events', [1, 1]), [cart, payments])).toEqual({ notExported: expect.stringContaining('pools its members\' events') });
    const slices = member('payments', 'latency', { kind: 'timeSlice', sliceSeconds: 60, operator: '<', threshold: 0.5, value: { query: 'p99' } });
    expect(toOpenSloComposite(composite('weighted', [1, 1]), [cart, slices])).toEqual({ notExported: expect.stringContaining('different budgeting methods (Occurrences, Timeslices)') });
    const otherSlices = member('cart', 'availability', { kind: 'timeSlice', sliceSeconds: 60, operator: '<', threshold: 0.3, value: { query: 'p99' } });
    expect(toOpenSloComposite(composite('weighted', [1, 1]), [otherSlices, slices])).toEqual({ notExported: expect.stringContaining('counts a slice bad when any objective\'s slice is bad') });
    expect(toOpenSloComposite(composite('weighted', [1, 1]), [cart])).toEqual({ notExported: expect.stringContaining('all its 2 members') });
  });
});
