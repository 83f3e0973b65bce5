/**
 * Seconds per duration unit. Prometheus' units, plus `ms` for latency thresholds.
 * No months or years: their length varies; use a calendar window instead.
 */
const UNIT_SECONDS: Record<string, number> = {
  ms: 0.001,
  s: 1,
  m: 60,
  h: 3600,
  d: 86400,
  w: 604800,
};

/** Units from largest to smallest, the order Prometheus requires. */
const UNIT_ORDER = ['w', 'd', 'h', 'm', 's', 'ms'];

/**
 * Parses a Prometheus-style duration such as `5m`, `30d`, `1h30m` or `250ms`
 * into seconds. Units: `ms`, `s`, `m`, `h`, `d`, `w`, largest first, each at
 * most once, whole numbers only (as Prometheus writes them).
 *
 * @returns seconds, or `undefined` when the text is not a positive duration
 *   (never throws on user input).
 * @public
 */
export function parseDuration(text: unknown): number | undefined {
  if (typeof text !== 'string') return undefined;
  const trimmed = text.trim();
  if (trimmed === '' || trimmed.length > 64) return undefined;
  const segment = /(\d+)(ms|[smhdw])/y;
  let position = 0;
  let lastUnitIndex = -1;
  let seconds = 0;
  while (position < trimmed.length) {
    segment.lastIndex = position;
    const match = segment.exec(trimmed);
    if (!match) return undefined;
    const unitIndex = UNIT_ORDER.indexOf(match[2]);
    // "1m1h" is ambiguous to a reader; Prometheus rejects it too.
    if (unitIndex <= lastUnitIndex) return undefined;
    lastUnitIndex = unitIndex;
    seconds += Number(match[1]) * UNIT_SECONDS[match[2]];
    position = segment.lastIndex;
  }
  if (!(seconds > 0) || !Number.isFinite(seconds)) return undefined;
  // Avoid 0.30000000000000004 from summing ms fractions.
  return Math.round(seconds * 1000) / 1000;
}

/**
 * Formats seconds as a compact duration, the inverse of {@link parseDuration}:
 * `300 → "5m"`, `5400 → "1h30m"`, `2592000 → "30d"`, `0.25 → "250ms"`.
 * Weeks are written as days (`7d`) because SLO windows are usually spoken of in days.
 *
 * @public
 */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds <= 0) return '0s';
  let milliseconds = Math.round(seconds * 1000);
  const parts: string[] = [];
  for (const [unit, size] of [
    ['d', 86400000],
    ['h', 3600000],
    ['m', 60000],
    ['s', 1000],
    ['ms', 1],
  ] as const) {
    const count = Math.floor(milliseconds / size);
    if (count > 0) {
      parts.push(`${count}${unit}`);
      milliseconds -= count * size;
    }
  }
  return parts.join('');
}
