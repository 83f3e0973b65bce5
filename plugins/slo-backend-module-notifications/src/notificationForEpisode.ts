import { parseEntityRef } from '@backstage/catalog-model';
import type {
  NotificationPayload,
  NotificationSeverity,
} from '@backstage/plugin-notifications-common';
import type { SloAlertEpisodeEvent } from '@slo-kit/plugin-slo-node';
import { formatObjective, formatUtc } from './formatWords';

/**
 * The notification topic of SLO alert episodes: users can mute it in their
 * notification settings.
 *
 * @public
 */
export const SLO_ALERT_NOTIFICATION_TOPIC = 'slo-alert';

/**
 * The notification scope of one SLO's alert episode,
 * `slo:<entityRef>/<slo>:<episode start, epoch seconds>`: the episode's later
 * events carry the same scope, so the notifications backend updates the one
 * notification (and marks it unread again) instead of adding another.
 *
 * @public
 */
export function episodeNotificationScope(event: SloAlertEpisodeEvent): string {
  return `slo:${event.slo.id}:${event.episode.start}`;
}

/** 14.4 → "14.4×", 523.123 → "523×". */
function formatBurnRate(rate: number): string {
  const digits = rate >= 100 ? 0 : 1;
  return `${rate.toFixed(digits).replace(/\.0$/, '')}×`;
}

function formatMinutes(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest ? `${hours} h ${rest} min` : `${hours} h`;
}

/**
 * The path of the SLO tab of the entity that declares the SLO, relative to
 * the app's base URL.
 *
 * @public
 */
export function sloTabLink(entityRef: string): string {
  const ref = parseEntityRef(entityRef);
  return `/catalog/${encodeURIComponent(ref.namespace)}/${encodeURIComponent(
    ref.kind.toLocaleLowerCase('en-US'),
  )}/${encodeURIComponent(ref.name)}/slo`;
}

function severityOf(event: SloAlertEpisodeEvent): NotificationSeverity {
  if (event.change === 'ended') return 'low';
  // A page means someone should act now, as the page alert says.
  return event.episode.severity === 'page' ? 'critical' : 'normal';
}

function titleOf(event: SloAlertEpisodeEvent): string {
  const { name } = event.slo;
  if (event.change === 'ended') return `${name} recovered`;
  if (event.episode.severity === 'page') return `${name} is paging`;
  return `${name} raised a ticket alert`;
}

/**
 * Leads with the figures (the notifications page shows the first line or
 * two): how fast and since when, then which alert, then which SLO.
 */
function descriptionOf(event: SloAlertEpisodeEvent): string {
  const { slo, episode } = event;
  const burn = formatBurnRate(episode.peakBurnRate);
  const where = `${slo.entityRef}, objective ${formatObjective(slo.target)}.`;
  const from = formatUtc(episode.start);
  const pageTime =
    episode.pageMinutes > 0
      ? ` It paged for ${formatMinutes(episode.pageMinutes)}.`
      : '';
  if (event.change === 'ended') {
    const ran = `${episode.startedBefore ? 'from at least' : 'from'} ${from}`;
    return `Recovered at ${formatUtc(episode.end)}: its alerts resolved. The ${
      episode.severity
    } episode ran ${ran}, burning its error budget at up to ${burn} the sustainable rate.${pageTime} ${where}`;
  }
  const since = `${episode.startedBefore ? 'at least since' : 'since'} ${from}`;
  const alert =
    episode.severity === 'page'
      ? 'A page alert fires: at this rate the budget is spent within days.'
      : 'A ticket alert fires: the budget burns faster than the SLO’s window allows.';
  return `Burning its error budget at up to ${burn} the sustainable rate, ${since}. ${alert}${pageTime} ${where}`;
}

/**
 * The notification of an alert-episode event: title and description in
 * plain words, a link to the SLO tab, severity from the alert (page: critical,
 * ticket: normal, recovered: low), the SLO topic,
 * and the episode's scope.
 *
 * @public
 */
export function notificationForEpisode(
  event: SloAlertEpisodeEvent,
): NotificationPayload {
  return {
    title: titleOf(event),
    description: descriptionOf(event),
    link: sloTabLink(event.slo.entityRef),
    severity: severityOf(event),
    topic: SLO_ALERT_NOTIFICATION_TOPIC,
    scope: episodeNotificationScope(event),
  };
}
