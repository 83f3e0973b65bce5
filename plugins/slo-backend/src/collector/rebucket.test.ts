import type { EventBucket } from '@slo-kit/plugin-slo-common';
import { rebucket } from './fetchRange';

const bucket = (
  start: number,
  durationSeconds: number,
  good: number,
  total: number,
): EventBucket => ({ start, durationSeconds, good, total });

describe('rebucket', () => {
  it('sums finer buckets into buckets of the given length inside the range', () => {
    const fine = [
      bucket(600, 60, 1, 2),
      bucket(0, 60, 3, 4),
      bucket(60, 60, 5, 6),
      bucket(300, 60, 7, 8),
      bucket(900, 60, 9, 10),
    ];
    expect(rebucket(fine, 300, 0, 900)).toEqual([
      bucket(0, 300, 8, 10),
      bucket(300, 300, 7, 8),
      bucket(600, 300, 1, 2),
    ]);
  });

  it('keeps buckets already of the stored length as they are, inside the range', () => {
    const stored = [
      bucket(0, 300, 1, 2),
      bucket(300, 300, 3, 4),
      bucket(600, 300, 5, 6),
      bucket(900, 300, 7, 8),
    ];
    const kept = rebucket(stored, 300, 300, 900);
    expect(kept).toEqual([bucket(300, 300, 3, 4), bucket(600, 300, 5, 6)]);
    expect(kept[0]).toBe(stored[1]);
  });

  it('gives the same buckets either way', () => {
    const stored = Array.from({ length: 50 }, (_, i) =>
      bucket(i * 300, 300, i, 2 * i + 1),
    );
    // Shuffled, the same buckets take the summing path.
    const shuffled = [...stored].reverse();
    expect(rebucket(stored, 300, 3000, 12000)).toEqual(
      rebucket(shuffled, 300, 3000, 12000),
    );
    // A duplicate start, misaligned or shorter buckets are summed, not kept.
    expect(
      rebucket([bucket(0, 300, 1, 1), bucket(0, 300, 2, 2)], 300, 0, 300),
    ).toEqual([bucket(0, 300, 3, 3)]);
    expect(rebucket([bucket(30, 300, 1, 1)], 300, 0, 600)).toEqual([
      bucket(0, 300, 1, 1),
    ]);
    expect(rebucket([bucket(0, 60, 1, 1)], 300, 0, 600)).toEqual([
      bucket(0, 300, 1, 1),
    ]);
  });
});
