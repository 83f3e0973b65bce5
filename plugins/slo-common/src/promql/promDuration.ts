/**
 * Writes seconds as a PromQL duration: `300 → "5m"`, `5400 → "1h30m"`,
 * `2592000 → "30d"`. Durations that are not whole seconds are written in
 * milliseconds (`299.999 → "299999ms"`), which every Prometheus 2.x and 3.x
 * parser accepts.
 *
 * @public
 */
export function promDuration(seconds: number): string {
  const milliseconds = Math.round(seconds * 1000);
  if (!(milliseconds > 0)) return '0s';
  if (milliseconds % 1000 !== 0) return `${milliseconds}ms`;
  let rest = milliseconds / 1000;
  let text = '';
  for (const [unit, size] of [
    ['d', 86400],
    ['h', 3600],
    ['m', 60],
    ['s', 1],
  ] as const) {
    const count = Math.floor(rest / size);
    if (count > 0) {
      text += `${count}${unit}`;
      rest -= count * size;
    }
  }
  return text;
}

/**
 * The range for a range selector or subquery that, evaluated at `T`, covers
 * exactly the samples in `(T - seconds, T]` on both Prometheus 2.x (whose
 * ranges include their start) and 3.x (whose ranges exclude it): one
 * millisecond short of `seconds`. Counting samples or slices with it assigns
 * each to exactly one bucket, so adjacent buckets never count a boundary twice.
 *
 * @public
 */
export function leftOpenRange(seconds: number): string {
  return promDuration(seconds - 0.001);
}
