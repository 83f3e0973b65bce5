/**
 * The step of a series over `(from, to]`: the smallest whole multiple of
 * `unitSeconds` that gives at most `maxPoints` points, counting the points on
 * step boundaries and a last, shorter point that ends at `to` when `to` is not
 * on one.
 *
 * `unitSeconds` is the coarsest bucket stored in the range the series reads:
 * a step that splits a stored bucket would have to drop it (its events cannot
 * be divided), so steps are whole multiples of it and every point's events are
 * exactly the events of its span.
 *
 * @public
 */
export function seriesStep(input: {
  from: number;
  to: number;
  maxPoints: number;
  unitSeconds: number;
}): number {
  const unit = Math.max(1, Math.round(input.unitSeconds));
  const span = input.to - input.from;
  const maxPoints = Math.max(1, Math.floor(input.maxPoints));
  if (!(span > 0) || !Number.isFinite(span)) return unit;
  let multiple = Math.max(1, Math.ceil(span / maxPoints / unit));
  while (seriesPointCount(input.from, input.to, multiple * unit) > maxPoints) {
    multiple += 1;
  }
  return multiple * unit;
}

/** Points of a series over `(from, to]` at `step`: step boundaries, plus `to` when it is not one. */
function seriesPointCount(from: number, to: number, step: number): number {
  const aligned = Math.floor(to / step) - Math.floor(from / step);
  return aligned + (to % step === 0 ? 0 : 1);
}
