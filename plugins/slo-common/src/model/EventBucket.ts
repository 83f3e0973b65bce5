/**
 * Good and total events in one time bucket `[start, start + durationSeconds)`.
 * The unit of storage: attainment over any window is `sum(good) / sum(total)`.
 * For time-slice SLIs a bucket is one slice: `good` is 0 or 1, `total` is 1.
 *
 * @public
 */
export interface EventBucket {
  /** Bucket start, epoch seconds, aligned to `durationSeconds`. */
  start: number;
  durationSeconds: number;
  good: number;
  total: number;
}
