import { formatDuration, parseDuration } from './parseDuration';

describe('parseDuration', () => {
  it.each([
    ['5m', 300],
    ['30d', 2592000],
    ['1h30m', 5400],
    ['1w', 604800],
    ['2w1d', 1296000],
    ['250ms', 0.25],
    ['1s500ms', 1.5],
    [' 7d ', 604800],
  ])('parses %s as %d seconds', (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds);
  });

  it.each(['', '5', 'm', '5M', '1.5h', '-5m', '1m1h', '5m5m', '5 m', 'abc', '0s', '30days'])(
    'rejects %j',
    text => {
      expect(parseDuration(text)).toBeUndefined();
    },
  );

  it('rejects non-strings without throwing', () => {
    expect(parseDuration(300)).toBeUndefined();
    expect(parseDuration(null)).toBeUndefined();
    expect(parseDuration({})).toBeUndefined();
  });
});

describe('formatDuration', () => {
  it.each([
    [300, '5m'],
    [5400, '1h30m'],
    [2592000, '30d'],
    [604800, '7d'],
    [0.25, '250ms'],
    [90061, '1d1h1m1s'],
    [0, '0s'],
    [NaN, '0s'],
  ])('formats %d as %s', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });

  it('round-trips through parseDuration', () => {
    for (const seconds of [60, 300, 3600, 5400, 86400, 2592000, 7776000, 1.5]) {
      expect(parseDuration(formatDuration(seconds))).toBe(seconds);
    }
  });
});
