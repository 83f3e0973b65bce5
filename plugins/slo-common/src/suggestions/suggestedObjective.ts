/**
 * The objectives a suggestion picks from, in percent, strictest first.
 *
 * @public
 */
export const STANDARD_OBJECTIVES: readonly number[] = [99.9, 99.5, 99, 95];

/**
 * The strictest standard objective the service met over the span: its
 * attainment (good / total) rounded down to 99.9, 99.5, 99 or 95 percent.
 * `undefined` when it met none of them, or had no events: suggesting an
 * objective the service misses today would page on day one.
 *
 * Compared in whole numbers (good × 1000 ≥ total × 999), so an attainment of
 * exactly 99.9% suggests 99.9 despite floating point.
 *
 * @public
 */
export function suggestedObjective(good: number, total: number): number | undefined {
  if (!(total > 0) || !(good >= 0)) return undefined;
  return STANDARD_OBJECTIVES.find(objective => good * 1000 >= total * Math.round(objective * 10));
}
