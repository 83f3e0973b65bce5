import { hasCompositeSlos, isSloAvailable, isSloTabAvailable } from './isSloAvailable';
import { checkoutEntity, plainEntity } from './testing';

describe('isSloAvailable', () => {
  it('is true for entities with any SLO annotation', () => {
    expect(isSloAvailable(checkoutEntity)).toBe(true);
    expect(
      isSloAvailable({
        ...plainEntity,
        metadata: { name: 'x', annotations: { 'slo-kit.dev/templates': 'http-availability: {service: x}' } },
      }),
    ).toBe(true);
    expect(
      isSloAvailable({
        ...plainEntity,
        metadata: { name: 'x', annotations: { 'slo-kit.dev/openslo': './slo.yaml' } },
      }),
    ).toBe(true);
  });

  it('is false without annotations or with blank ones', () => {
    expect(isSloAvailable(plainEntity)).toBe(false);
    expect(
      isSloAvailable({ ...plainEntity, metadata: { name: 'x', annotations: { 'slo-kit.dev/slos': '  ' } } }),
    ).toBe(false);
  });
});

describe('isSloTabAvailable', () => {
  const system = (annotations: Record<string, string>) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name: 'commerce', annotations },
  });

  it('gives Systems and Domains with composite SLOs the tab, not the overview card', () => {
    const commerce = system({ 'slo-kit.dev/composite-slos': '- name: checkout-journey' });
    expect(hasCompositeSlos(commerce)).toBe(true);
    expect(isSloTabAvailable(commerce)).toBe(true);
    expect(isSloTabAvailable({ ...commerce, kind: 'Domain' })).toBe(true);
    expect(isSloAvailable(commerce)).toBe(false);
  });

  it('leaves it out for a System without SLOs or with a blank composite annotation', () => {
    expect(isSloTabAvailable(system({}))).toBe(false);
    expect(isSloTabAvailable(system({ 'slo-kit.dev/composite-slos': ' ' }))).toBe(false);
  });

  it('keeps it for every Component', () => {
    expect(isSloTabAvailable(plainEntity)).toBe(true);
  });
});
