import type { EventBucket } from '@slo-kit/plugin-slo-common';

/** Good and total events between two times, as the ground truth knows them. */
export type TruthEvents = (
  start: number,
  end: number,
) => { good: number; total: number };

const iso = (seconds: number) =>
  new Date(seconds * 1000).toISOString().replace(':00.000Z', 'Z');

const differs = (a: number, b: number) =>
  Math.abs(a - b) > 1e-9 * Math.max(1, Math.abs(b));

/**
 * Everything wrong with an SLO's stored buckets over `[from, to)`, as
 * readable lines (empty when all is right):
 *
 * - two buckets covering the same time (an event counted twice),
 * - a gap in which the ground truth has events (events lost),
 * - a bucket whose counts differ from the ground truth's for its time,
 * - events outside the stored buckets, before the first or after the last.
 *
 * Comparing every bucket, not only window sums, means a loss in one place
 * cannot hide behind a double count in another.
 */
export function bucketMismatches(
  buckets: EventBucket[],
  truth: TruthEvents,
  range: { from: number; to: number },
): string[] {
  const problems: string[] = [];
  const sorted = [...buckets]
    .filter(b => b.start + b.durationSeconds > range.from && b.start < range.to)
    .sort((a, b) => a.start - b.start);
  let covered = range.from;
  for (const bucket of sorted) {
    const end = bucket.start + bucket.durationSeconds;
    if (bucket.start < covered) {
      problems.push(
        `overlap: bucket ${iso(bucket.start)} (${
          bucket.durationSeconds
        } s) starts before ${iso(covered)}, where the previous one ends`,
      );
    } else if (bucket.start > covered) {
      const lost = truth(covered, bucket.start);
      if (lost.total !== 0) {
        problems.push(
          `gap: ${iso(covered)} to ${iso(bucket.start)} holds ${
            lost.total
          } events but no bucket`,
        );
      }
    }
    const expected = truth(bucket.start, end);
    if (
      differs(bucket.good, expected.good) ||
      differs(bucket.total, expected.total)
    ) {
      problems.push(
        `bucket ${iso(bucket.start)} (${bucket.durationSeconds} s): stored ${
          bucket.good
        }/${bucket.total}, truth ${expected.good}/${expected.total}`,
      );
    }
    covered = Math.max(covered, end);
  }
  if (covered < range.to) {
    const lost = truth(covered, range.to);
    if (lost.total !== 0) {
      problems.push(
        `gap at the end: ${iso(covered)} to ${iso(range.to)} holds ${
          lost.total
        } events but no bucket`,
      );
    }
  }
  return problems.slice(0, 20);
}
