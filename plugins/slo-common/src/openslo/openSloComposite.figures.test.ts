import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { CompositeSloDefinition } from '../composites/CompositeSlo';
import { evaluateWeightedComposite } from '../composites/evaluateWeightedComposite';
import { parseCompositeSlos } from '../composites/parseCompositeSlos';
import { parseDuration } from '../math/parseDuration';
import type { EventBucket } from '../model/EventBucket';
import { compositeAnnotationOf } from './compositeAnnotationOf';
import { parseOpenSlo } from './parseOpenSlo';

/**
 * An OpenSLO composite gives the figures the spec defines for it (the
 * README's "Notes (Composite SLO)") and exactly the figures of the same
 * composite written as the portal's annotation, from the same buckets.
 */
const ENTITY = 'component:default/checkout';
const HOUR = 3600;
const AT = 1_767_225_600; // 2026-01-01T00:00:00Z, on the hourly grid
const fixture = (name: string) => readFileSync(path.join(__dirname, '__fixtures__', name), 'utf8');
const relative = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

/** 40 days of hourly buckets with a bad share that changes every hour (and an incident for `incident`). */
function buckets(seed: number, incident: boolean): EventBucket[] {
  const result: EventBucket[] = [];
  for (let hour = 40 * 24; hour > 0; hour--) {
    const total = 1000 + ((hour * 37 * seed) % 500);
    const bad = ((hour * seed) % 7) + (incident && hour < 30 ? 120 : 0);
    result.push({ start: AT - hour * HOUR, durationSeconds: HOUR, good: total - bad, total });
  }
  return result;
}

/** A member's SLI over `[start, end)`, summed the plain way. */
function sliOver(memberBuckets: readonly EventBucket[], start: number, end: number): number {
  const inside = memberBuckets.filter(bucket => bucket.start >= start && bucket.start + bucket.durationSeconds <= end);
  return inside.reduce((sum, b) => sum + b.good, 0) / inside.reduce((sum, b) => sum + b.total, 0);
}

function read(file: string, name: string): CompositeSloDefinition {
  const parsed = parseOpenSlo(fixture(file), { entityRef: ENTITY, location: file });
  const composite = parsed.composites.find(c => c.name === name);
  if (!composite) throw new Error(`no composite ${name}: ${JSON.stringify(parsed.problems)}`);
  return composite;
}

function evaluate(composite: CompositeSloDefinition, byId: Record<string, EventBucket[]>) {
  return evaluateWeightedComposite({
    objective: composite.objective,
    window: composite.window,
    at: AT,
    bucketSeconds: HOUR,
    members: composite.members.map(member => ({ weight: member.weight, buckets: byId[member.sloId] })),
  });
}

describe('OpenSLO composites, figures', () => {
  const cart = buckets(3, true);
  const payments = buckets(5, false);
  const byId: Record<string, EventBucket[]> = {
    [`${ENTITY}/checkout-journey-cart`]: cart,
    [`${ENTITY}/checkout-journey-payments`]: payments,
    [`${ENTITY}/checkout-journey-payment`]: payments,
    [`${ENTITY}/checkout-journey-search`]: buckets(11, false),
  };

  it('burns an Occurrences composite at the weighted sum of its objectives\' burn rates, as the spec says', () => {
    // v1-composite.yaml: Cart target 0.999 weight 2, Payments target 0.99 weight 1, 28d rolling.
    const composite = read('v1-composite.yaml', 'checkout-journey');
    const figures = evaluate(composite, byId);
    const spec = (start: number) => 2 * ((1 - sliOver(cart, start, AT)) / (1 - 0.999)) + 1 * ((1 - sliOver(payments, start, AT)) / (1 - 0.99));
    expect(relative(figures.errorBudgetRemaining!, 1 - spec(AT - 28 * 86400))).toBeLessThan(1e-9);
    const labels = Object.keys(figures.burnRates);
    expect(labels.length).toBeGreaterThanOrEqual(4);
    for (const label of labels) {
      const seconds = parseDuration(label)!;
      expect({ label, error: relative(figures.burnRates[label]!, spec(AT - seconds)) < 1e-9 }).toEqual({ label, error: true });
    }
    // The incident in the last hours makes the composite burn: a test that could not fail would not.
    expect(figures.burnRates['1h']!).toBeGreaterThan(10);
  });

  it('gives a RatioTimeslices composite the spec\'s ratio, 1 − Σ wᵢ(1 − rᵢ)', () => {
    // v2alpha-composite.yaml: weights 0.5, 0.25, 0.25 over calendar months in Europe/Berlin.
    const composite = read('v2alpha-composite.yaml', 'checkout-journey');
    const figures = evaluate(composite, byId);
    const [cartId, paymentId, searchId] = composite.members.map(m => m.sloId);
    const ratio = (id: string) => sliOver(byId[id], figures.windowStart, AT);
    const spec = 1 - (0.5 * (1 - ratio(cartId)) + 0.25 * (1 - ratio(paymentId)) + 0.25 * (1 - ratio(searchId)));
    expect(relative(figures.sli!, spec)).toBeLessThan(1e-9);
    expect(figures.windowStart).toBe(1_767_222_000); // 2026-01-01T00:00 in Berlin
  });

  it.each([
    ['v1-composite.yaml', 'checkout-journey'],
    ['v2alpha-composite.yaml', 'checkout-journey'],
    ['v2alpha-composite.yaml', 'api-latency'],
  ])('%s %s gives exactly the figures of the annotation entry the portal suggests for it', (file, name) => {
    const composite = read(file, name);
    const annotation = parseCompositeSlos(compositeAnnotationOf(composite), { entityRef: ENTITY });
    expect(annotation.problems).toEqual([]);
    const [declared] = annotation.composites;
    expect(declared.members.map(m => m.sloId)).toEqual(composite.members.map(m => m.sloId));
    const members = { ...byId, [`${ENTITY}/api-latency-fast`]: cart, [`${ENTITY}/api-latency-strict`]: payments };
    const fromOpenSlo = evaluate(composite, members);
    const fromAnnotation = evaluate(declared, members);
    expect(relative(fromAnnotation.sli!, fromOpenSlo.sli!)).toBeLessThan(1e-9);
    expect(relative(fromAnnotation.errorBudgetRemaining!, fromOpenSlo.errorBudgetRemaining!)).toBeLessThan(1e-9);
    for (const label of Object.keys(fromOpenSlo.burnRates)) {
      expect(relative(fromAnnotation.burnRates[label]!, fromOpenSlo.burnRates[label]!)).toBeLessThan(1e-9);
    }
    expect(fromAnnotation.alerts.map(alert => alert.firing)).toEqual(fromOpenSlo.alerts.map(alert => alert.firing));
  });
});
