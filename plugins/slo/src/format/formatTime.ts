import { DateTime } from 'luxon';

/**
 * Time formatting: short durations (`5m`, `1h`, `3d`), relative phrases
 * ("in 2 days", "3 hours ago") and absolute instants with their time zone.
 * Instants are epoch seconds, as the SLO API sends them.
 */

const MINUTE = 60;

// The browser's zone, read once. Luxon's default (system) zone asks
// Intl.DateTimeFormat for its name on every use: over the thousands of
// instants a tab formats, that alone took tens of milliseconds of the tab's
// longest task (docs/performance.md, felt speed).
let browserZone: string | undefined;

/**
 * Luxon options for instants in `zone`, the browser's zone when none is
 * given, always named: `DateTime.fromSeconds(at, zoneOptions(zone))`.
 */
export function zoneOptions(zone?: string): { zone: string } {
  if (zone) {
    return { zone };
  }
  browserZone ??= new Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  return { zone: browserZone };
}
const HOUR = 3600;
const DAY = 86400;

/** A duration in the spelling of alert windows: `5m`, `1h`, `1d`, `1h30m`, `45s`. */
export function formatDurationShort(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds <= 0) {
    return '0s';
  }
  const parts: string[] = [];
  let rest = Math.round(seconds);
  for (const [unit, size] of [
    ['d', DAY],
    ['h', HOUR],
    ['m', MINUTE],
    ['s', 1],
  ] as const) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)}${unit}`);
      rest %= size;
    }
  }
  return parts.slice(0, 2).join('');
}

/** A duration in words, rounded to one unit: `2 minutes`, `5 hours`, `3 days`. */
export function formatDurationWords(seconds: number): string {
  const abs = Math.abs(seconds);
  if (abs < MINUTE) {
    return 'less than a minute';
  }
  if (abs < HOUR) {
    return plural(Math.round(abs / MINUTE), 'minute');
  }
  if (abs < 2 * DAY) {
    return plural(Math.round(abs / HOUR), 'hour');
  }
  return plural(Math.round(abs / DAY), 'day');
}

/** `in 2 days` or `3 hours ago`, from `now`'s point of view. */
export function formatRelative(at: number, now: number): string {
  const delta = at - now;
  if (Math.abs(delta) < MINUTE) {
    return 'just now';
  }
  const words = formatDurationWords(delta);
  return delta > 0 ? `in ${words}` : `${words} ago`;
}

/**
 * An instant with its zone, for tooltips and "last collected" texts:
 * `2026-11-20 12:00 UTC`. `zone` defaults to the browser's.
 */
export function formatDateTime(at: number, zone?: string): string {
  const time = DateTime.fromSeconds(at, zoneOptions(zone));
  return `${time.toFormat('yyyy-LL-dd HH:mm')} ${zoneName(time)}`;
}

/** The time of day of an instant, `HH:mm`, in `zone` (the browser's by default). */
export function formatTimeOfDay(at: number, zone?: string): string {
  return DateTime.fromSeconds(at, zoneOptions(zone)).toFormat('HH:mm');
}

/**
 * A span `[from, to)` with its zone: `2026-11-19 10:00–12:00 UTC` within a
 * day, `2026-11-18 00:00 – 2026-11-19 00:00 UTC` across days.
 */
export function formatSpan(from: number, to: number, zone?: string): string {
  const options = zoneOptions(zone);
  const start = DateTime.fromSeconds(from, options);
  const end = DateTime.fromSeconds(to, options);
  if (start.hasSame(end, 'day')) {
    return `${start.toFormat('yyyy-LL-dd HH:mm')}–${end.toFormat(
      'HH:mm',
    )} ${zoneName(end)}`;
  }
  return `${start.toFormat('yyyy-LL-dd HH:mm')} – ${formatDateTime(to, zone)}`;
}

/** An axis tick: time of day for short ranges, the date for longer ones. */
export function formatAxisTime(
  at: number,
  rangeSeconds: number,
  zone?: string,
): string {
  const time = DateTime.fromSeconds(at, zoneOptions(zone));
  return rangeSeconds <= 2 * DAY
    ? time.toFormat('HH:mm')
    : time.toFormat('LLL d');
}

// Short zone names by zone, offset and locale. Luxon builds a new
// Intl.DateTimeFormat for every offsetNameShort, a few milliseconds each, and
// an SLO tab asks for the same one or two names dozens of times.
const zoneNames = new Map<string, string>();

/** The short name of the zone the charts use, for axis captions: `UTC`, `CET`. */
export function zoneName(time: DateTime): string {
  const key = `${time.zoneName}|${time.offset}|${time.locale}`;
  let name = zoneNames.get(key);
  if (name === undefined) {
    name = time.offsetNameShort ?? time.zoneName ?? 'UTC';
    zoneNames.set(key, name);
  }
  return name;
}

function plural(count: number, unit: string): string {
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}
