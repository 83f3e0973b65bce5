import { didYouMean, levenshtein } from './didYouMean';

describe('levenshtein', () => {
  it.each([
    ['', '', 0],
    ['kitten', 'sitting', 3],
    ['objective', 'objectve', 1],
    ['abc', '', 3],
  ])('%s -> %s is %d', (a, b, distance) => {
    expect(levenshtein(a, b)).toBe(distance);
  });
});

describe('didYouMean', () => {
  const keys = ['name', 'description', 'objective', 'objectives', 'window', 'minimumEvents', 'parameters'];
  it.each([
    ['objectve', 'objective'],
    ['Objective', 'objective'],
    ['windw', 'window'],
    ['minimum_events', 'minimumEvents'],
    ['descripton', 'description'],
    ['params', 'parameters'],
    ['nmae', 'name'],
  ])('suggests %s -> %s', (input, suggestion) => {
    expect(didYouMean(input, keys)).toBe(suggestion);
  });

  it('suggests nothing for unrelated words', () => {
    expect(didYouMean('threshold', keys)).toBeUndefined();
    expect(didYouMean('x', keys)).toBeUndefined();
    expect(didYouMean('anything', [])).toBeUndefined();
  });
});
