/** Rounds away float noise (99.87 * 100 = 9986.999999999998) before truncating. */
function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

/**
 * Decimals an attainment is shown with next to an objective: enough for the
 * objective's last significant digit, at least `min`, at most 6 (99.95% → 2,
 * 99.995% → 3).
 *
 * @public
 */
export function attainmentDecimals(target: number, min = 2): number {
  const text = String(roundTo(target * 100, 6));
  const dot = text.indexOf('.');
  const decimals = dot < 0 ? 0 : text.length - dot - 1;
  return Math.max(min, Math.min(decimals, 6));
}

/**
 * An attainment as the portal shows it, in percent: truncated, never rounded
 * up, to `decimals` (so that 99.996% never reads as a silent 100.00%).
 *
 * @public
 */
export function shownAttainmentPercent(sli: number, decimals: number): number {
  if (sli >= 1) {
    return 100;
  }
  const factor = 10 ** decimals;
  return Math.floor(roundTo(sli * 100 * factor, 6)) / factor;
}

/**
 * Change of attainment between two periods, in percentage points: the
 * difference of the two figures as they are shown (each truncated to
 * {@link attainmentDecimals} of the objective). So "99.95% → 99.94%" is always
 * −0.01, and two figures that read the same are always "no change".
 *
 * @public
 */
export function attainmentChangePoints(
  now: number,
  previous: number,
  target: number,
): number {
  const decimals = attainmentDecimals(target);
  return roundTo(
    shownAttainmentPercent(now, decimals) -
      shownAttainmentPercent(previous, decimals),
    decimals,
  );
}
