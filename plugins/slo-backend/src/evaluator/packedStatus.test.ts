import type { SloStatus } from '@slo-kit/plugin-slo-common';
import { ratioSlo } from '../testing/testDefinitions';
import { packStatus, unpackStatus } from './packedStatus';

describe('packStatus', () => {
  it('gives back every figure exactly, with the definition it is given', () => {
    const definition = ratioSlo('component:default/checkout', 'availability');
    const evaluation = {
      at: 1_740_787_200,
      sli: 0.1 + 0.2,
      good: 2 ** 53 - 1,
      coverage: -0,
      episode: undefined,
      forecast: { exhaustedAtCurrentRate: null },
      burnRates: { '5m': Number.MAX_VALUE, '1h': 5e-324 },
    };
    const status = {
      definition,
      evaluations: [evaluation],
      collection: { source: 'prometheus', lastError: null },
    } as unknown as SloStatus;

    const unpacked = unpackStatus(packStatus(status), definition);
    // (toEqual: the decoded objects are of Node's realm, not the test's.)
    expect(unpacked).toEqual(status);
    expect(JSON.stringify(unpacked)).toBe(JSON.stringify(status));
    expect(unpacked.definition).toBe(definition);
    expect(Object.is(unpacked.evaluations[0].coverage, -0)).toBe(true);
    expect(Object.keys(unpacked)).toEqual(Object.keys(status));
    expect('episode' in unpacked.evaluations[0]).toBe(true);
    // Each request gets objects of its own: changing one changes no other.
    const again = unpackStatus(packStatus(status), definition);
    again.evaluations[0].sli = 0;
    expect(unpacked.evaluations[0].sli).toBe(0.1 + 0.2);
  });
});
