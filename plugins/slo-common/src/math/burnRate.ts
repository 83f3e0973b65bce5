/**
 * Burn rate: how fast the error budget is being spent, relative to spending
 * exactly the whole budget over the whole window.
 * `(bad / total) / (1 − target)` with `bad = total − good`; `target` is a
 * fraction (0.999).
 *
 * @returns null when there are no events (total is 0) or the target leaves no
 *   budget (target ≥ 1): a rate that cannot be computed is never NaN or Infinity.
 * @public
 */
export function burnRate(good: number, total: number, target: number): number | null {
  const budget = errorBudgetShare(target);
  if (!(total > 0) || !(budget > 0) || !Number.isFinite(good) || !Number.isFinite(total)) {
    return null;
  }
  const bad = Math.max(0, total - Math.min(good, total));
  return bad / total / budget;
}

/**
 * `1 − target`, rounded to 12 significant digits so that a 99.9% objective
 * gives a budget of exactly 0.001 (not 0.0010000000000000009) and attainment
 * exactly at the target spends exactly the whole budget.
 *
 * @public
 */
export function errorBudgetShare(target: number): number {
  const share = 1 - target;
  return Number.isFinite(share) ? Number(share.toPrecision(12)) : 0;
}
