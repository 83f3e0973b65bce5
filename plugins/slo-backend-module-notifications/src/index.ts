/**
 * An SLO backend module that notifies an entity's owners, through the
 * Backstage notifications service, when one of its SLOs starts paging, raises
 * a ticket alert, burns faster, or recovers, and when its error budget is
 * exhausted and recovers.
 *
 * @packageDocumentation
 */

export { sloModuleNotifications as default } from './module';
export {
  episodeNotificationScope,
  notificationForEpisode,
  SLO_ALERT_NOTIFICATION_TOPIC,
  sloTabLink,
} from './notificationForEpisode';
export {
  exhaustionNotificationScope,
  notificationForExhaustion,
  SLO_BUDGET_NOTIFICATION_TOPIC,
} from './notificationForExhaustion';
