import type { SliSpec } from '../model/SloDefinition';

/** Bucket lengths that divide an hour, so fine buckets compact into hours. */
const HOUR_DIVISORS = [
  60, 120, 180, 240, 300, 360, 600, 720, 900, 1200, 1800, 3600,
];

/**
 * The length of an SLO's stored fine buckets and of the buckets asked from its
 * source.
 *
 * - Event SLIs: the configured length, or the shortest hour divisor the source
 *   can answer when it cannot go as short (`minBucketSeconds`).
 * - Time slices: the source is asked for slices; slices shorter than the
 *   configured length are summed into it (good slices, total slices), longer
 *   ones are stored one per bucket.
 *
 * The evaluation step, the shortest alert window and the unit every alert
 * window is a multiple of (see {@link alertRulesFor}).
 *
 * @public
 */
export function storageBucketSeconds(
  sli: SliSpec,
  minBucketSeconds: number,
  configuredSeconds: number,
): { storage: number; request: number } {
  if (sli.kind === 'timeSlice') {
    const slice = sli.sliceSeconds;
    if (slice <= configuredSeconds && configuredSeconds % slice === 0) {
      return { storage: configuredSeconds, request: slice };
    }
    return { storage: slice, request: slice };
  }
  if (minBucketSeconds <= configuredSeconds) {
    return { storage: configuredSeconds, request: configuredSeconds };
  }
  const seconds =
    HOUR_DIVISORS.find(
      d => d >= minBucketSeconds && d % configuredSeconds === 0,
    ) ?? 3600;
  return { storage: seconds, request: seconds };
}
