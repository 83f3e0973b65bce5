import { weightedCompositeOf } from './openSloCompositeWeights';

describe('weightedCompositeOf', () => {
  it('keeps equal targets and weights that add up to 1 as they are (what the export writes)', () => {
    expect(weightedCompositeOf('Occurrences', [{ target: 0.995, weight: 0.25 }, { target: 0.995, weight: 0.75 }])).toEqual({ objective: 0.995, weights: [0.25, 0.75] });
    expect(weightedCompositeOf('RatioTimeslices', [{ target: 0.99, weight: 0.5 }, { target: 0.99, weight: 0.5 }])).toEqual({ objective: 0.99, weights: [0.5, 0.5] });
  });

  it('gives Occurrences weights that add up to more than 1 a stricter objective: the burn rates add up', () => {
    const result = weightedCompositeOf('Occurrences', [{ target: 0.99, weight: 1 }, { target: 0.99, weight: 1 }]);
    if (!('objective' in result)) throw new Error(result.refused);
    // Both objectives at burn 1 (SLI 0.99) make the composite burn at 2: (1 − 0.99) / (1 − objective) = 2.
    expect((1 - 0.99) / (1 - result.objective)).toBeCloseTo(2, 12);
  });

  it('refuses what the engine cannot compute, quoting the spec', () => {
    expect(weightedCompositeOf('Timeslices', [])).toEqual({ refused: expect.stringContaining('"If it was a bad minute for any individual objective') });
    expect(weightedCompositeOf('RatioTimeslices', [{ target: 0.99, weight: 1 }, { target: 0.999, weight: 0 }])).toEqual({ refused: expect.stringContaining('found 0.99, 0.999') });
    expect(weightedCompositeOf('Occurrences', [{ target: 0.9, weight: 0.01 }])).toEqual({ refused: expect.stringContaining('outside (0.01, 1)') });
  });
});
