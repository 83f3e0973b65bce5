import { BucketIndex } from './BucketIndex';
import { sumBuckets } from './sumBuckets';

const H = 3600;

describe('sumBuckets', () => {
  // Older hour buckets, then 5-minute buckets for the most recent hour.
  const buckets = [
    { start: 0, durationSeconds: H, good: 90, total: 100 },
    { start: H, durationSeconds: H, good: 190, total: 200 },
    ...Array.from({ length: 12 }, (_, i) => ({
      start: 2 * H + i * 300,
      durationSeconds: 300,
      good: 9,
      total: 10,
    })),
  ];

  it.each([
    // [start, end, good, total, coveredSeconds, buckets]
    ['everything', 0, 3 * H, 280 + 108, 300 + 120, 3 * H, 14],
    ['only the hour buckets', 0, 2 * H, 280, 300, 2 * H, 2],
    ['an hour bucket cut by the start is left out', 1800, 3 * H, 190 + 108, 200 + 120, 2 * H, 13],
    ['a 5-minute bucket cut by the end is left out', 2 * H, 2 * H + 450, 9, 10, 300, 1],
    ['the last 30 minutes', 3 * H - 1800, 3 * H, 54, 60, 1800, 6],
    ['an empty range', 500, 500, 0, 0, 0, 0],
    ['a range before all data', -H, 0, 0, 0, 0, 0],
  ])('%s', (_, start, end, good, total, coveredSeconds, count) => {
    const expected = { good, total, coveredSeconds, buckets: count };
    expect(sumBuckets(buckets, start, end)).toEqual(expected);
    expect(BucketIndex.from(buckets).sum(start, end)).toEqual(expected);
  });

  it('does not depend on bucket order', () => {
    const shuffled = [...buckets].reverse();
    expect(BucketIndex.from(shuffled).sum(0, 3 * H)).toEqual(sumBuckets(buckets, 0, 3 * H));
  });

  it('ignores broken buckets and caps good at total', () => {
    const odd = [
      { start: 0, durationSeconds: 300, good: NaN, total: 10 },
      { start: 300, durationSeconds: 300, good: 5, total: -1 },
      { start: 600, durationSeconds: 0, good: 1, total: 1 },
      { start: 900, durationSeconds: 300, good: 12, total: 10 },
    ];
    const expected = { good: 10, total: 10, coveredSeconds: 300, buckets: 1 };
    expect(sumBuckets(odd, 0, 1200)).toEqual(expected);
    expect(BucketIndex.from(odd).sum(0, 1200)).toEqual(expected);
  });

  it('keeps the last of two buckets with the same start in the index (upsert)', () => {
    const index = BucketIndex.from([
      { start: 0, durationSeconds: 300, good: 1, total: 1 },
      { start: 0, durationSeconds: 300, good: 2, total: 3 },
    ]);
    expect(index.sum(0, 300)).toMatchObject({ good: 2, total: 3 });
    expect(index.size).toBe(1);
  });
});
