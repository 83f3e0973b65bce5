/**
 * The backend's notion of "now", in epoch seconds. Fixed by `slo.now` in demos
 * and tests so figures over fixed data do not drift with the wall clock.
 *
 * @public
 */
export interface Clock {
  now(): number;
}

/**
 * A clock that follows the wall clock, or stands still at `fixedNow`.
 *
 * @public
 */
export function createClock(fixedNow?: number): Clock {
  if (fixedNow !== undefined) {
    return { now: () => fixedNow };
  }
  return { now: () => Math.floor(Date.now() / 1000) };
}
