import type { AlertEpisode, BurnRateAlertState } from '@slo-kit/plugin-slo-common';
import { DateTime } from 'luxon';
import { formatBurnRate, formatDurationShort, zoneName, zoneOptions } from '../format';

const MINUTE = 60;
const HOUR = 3600;
const DAY = 86400;

/** An elapsed time to the minute, two units at most: `2 h 10 min`, `45 min`, `3 d 4 h`. */
export function formatElapsed(seconds: number): string {
  const minutes = Math.max(0, Math.floor(seconds / MINUTE));
  if (minutes < 1) {
    return 'less than a minute';
  }
  const days = Math.floor(minutes / (DAY / MINUTE));
  const hours = Math.floor((minutes % (DAY / MINUTE)) / (HOUR / MINUTE));
  const rest = minutes % (HOUR / MINUTE);
  if (days > 0) {
    return hours > 0 ? `${days} d ${hours} h` : `${days} d`;
  }
  if (hours > 0) {
    return rest > 0 ? `${hours} h ${rest} min` : `${hours} h`;
  }
  return `${rest} min`;
}

/**
 * A time of day with its zone, `11:05 UTC`, with the date in front when it
 * is not the day of `reference` in that zone: `Nov 18, 11:05 UTC`.
 */
function formatClock(at: number, reference: number, zone?: string): string {
  const time = DateTime.fromSeconds(at, zoneOptions(zone));
  const sameDay = time.hasSame(DateTime.fromSeconds(reference, zoneOptions(zone)), 'day');
  return `${time.toFormat(sameDay ? 'HH:mm' : 'LLL d, HH:mm')} ${zoneName(time)}`;
}

/**
 * Since when the current alert episode has lasted, in the page's time zone:
 * `Paging since 11:05 UTC (2 h 10 min)`, or `Ticket alert firing for more
 * than 3 d (since before Nov 17, 12:00 UTC)` when the episode is older than
 * what the backend could look back over.
 *
 * @param at - the evaluation time the episode was read at
 */
export function describeEpisode(episode: AlertEpisode, at: number, timeZone?: string): string {
  const what = episode.severity === 'page' ? 'Paging' : 'Ticket alert firing';
  const clock = formatClock(episode.since, at, timeZone);
  const elapsed = formatElapsed(at - episode.since);
  return episode.startedBefore
    ? `${what} for more than ${elapsed} (since before ${clock})`
    : `${what} since ${clock} (${elapsed})`;
}

/**
 * The firing alert windows, most severe first, each with its long window's
 * burn rate: `page: 1h/5m at 14.9×`, `ticket: 3d/6h at 1.2×`.
 */
export function describeFiringAlerts(alerts: readonly BurnRateAlertState[]): string[] {
  return alerts
    .filter(alert => alert.firing)
    .sort((a, b) => Number(b.severity === 'page') - Number(a.severity === 'page'))
    .map(
      alert =>
        `${alert.severity}: ${formatDurationShort(alert.longWindowSeconds)}/${formatDurationShort(
          alert.shortWindowSeconds,
        )} at ${formatBurnRate(alert.longBurnRate)}`,
    );
}
