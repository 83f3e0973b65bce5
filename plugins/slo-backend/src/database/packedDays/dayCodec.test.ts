import type { EventBucket } from '@slo-kit/plugin-slo-common';
import { DAY_SECONDS, decodeDay, encodeDay } from './dayCodec';

const day = 1_740_787_200; // 2025-03-01T00:00:00Z

/** A deterministic stand-in for Math.random: the same buckets in every run. */
function seeded(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

function regularDay(
  step: number,
  counts: (i: number) => { good: number; total: number },
): EventBucket[] {
  return Array.from({ length: DAY_SECONDS / step }, (_, i) => ({
    start: day + i * step,
    durationSeconds: step,
    ...counts(i),
  }));
}

/** Each bucket with its counts as their 64 bits: `toEqual` takes -0 for 0. */
function bits(buckets: EventBucket[]): string[] {
  const view = new DataView(new ArrayBuffer(8));
  const hex = (value: number) => {
    view.setFloat64(0, value);
    return view.getBigUint64(0).toString(16);
  };
  return buckets.map(
    b => `${b.start}+${b.durationSeconds}: ${hex(b.good)}/${hex(b.total)}`,
  );
}

describe('encodeDay / decodeDay', () => {
  it('gives back every count bit for bit: integers, increase() fractions, -0, huge', () => {
    const random = seeded(7);
    const cases: EventBucket[][] = [
      regularDay(300, i => ({ good: 600 + i, total: 600 + i + (i % 7) })),
      // As Prometheus' increase() extrapolates: fractions with full mantissas.
      regularDay(300, () => {
        const total = (600 + random() * 50) * (300 / 285);
        return { good: total - random() * 3, total };
      }),
      regularDay(3600, () => ({ good: 0.1 + 0.2, total: 1 / 3 })),
      regularDay(1800, i => ({
        good: i % 2 ? -0 : Number.MAX_VALUE,
        total: i % 3 ? 2 ** 53 + 2 : 1e300,
      })),
      regularDay(900, () => ({ good: 5e-324, total: Number.MIN_VALUE * 3 })),
      [],
    ];
    for (const buckets of cases) {
      expect(bits(decodeDay(day, encodeDay(day, buckets)))).toEqual(
        bits(buckets),
      );
    }
  });

  it('keeps irregular days: gaps, mixed durations, overlapping coarse and fine buckets', () => {
    const buckets: EventBucket[] = [
      { start: day, durationSeconds: 3600, good: 10, total: 11 },
      { start: day, durationSeconds: 300, good: 1, total: 1 },
      { start: day + 300, durationSeconds: 300, good: 2, total: 2 },
      { start: day + 7200, durationSeconds: 60, good: 3.5, total: 4.25 },
      { start: day + 7260, durationSeconds: 60, good: 3, total: 3 },
      { start: day + 86399, durationSeconds: 86400, good: 7, total: 9 },
    ];
    expect(bits(decodeDay(day, encodeDay(day, buckets)))).toEqual(
      bits(buckets),
    );
  });

  it('packs a regular day small: a good day of integer counts in under a byte a bucket', () => {
    const allGood = regularDay(300, i => ({ good: 600 + i, total: 600 + i }));
    expect(encodeDay(day, allGood).length).toBeLessThan(288);
  });

  it('refuses buckets outside the day or at fractions of a second, naming them', () => {
    expect(() =>
      encodeDay(day, [
        { start: day + DAY_SECONDS, durationSeconds: 300, good: 1, total: 1 },
      ]),
    ).toThrow(
      /bucket starting 1740873600 \(300 s\).*must start inside the day/,
    );
    expect(() =>
      encodeDay(day, [
        { start: day + 0.5, durationSeconds: 300, good: 1, total: 1 },
      ]),
    ).toThrow(/whole seconds/);
  });

  it('says which day it cannot read and why', () => {
    const packed = encodeDay(
      day,
      regularDay(3600, () => ({ good: 1, total: 1 })),
    );
    const future = Buffer.from(packed);
    future[0] = 9;
    expect(() => decodeDay(day, future)).toThrow(
      /packed day 2025-03-01: format 9 is not 1.*another version/,
    );
    expect(() => decodeDay(day, Buffer.alloc(0))).toThrow(/format missing/);
  });
});
