import { isSloAvailable } from './isSloAvailable';
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
