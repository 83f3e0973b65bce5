import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { notificationService } from '@backstage/plugin-notifications-node';
import { sloAlertEpisodesExtensionPoint } from '@slo-kit/plugin-slo-node';
import { notificationForEpisode } from './notificationForEpisode';

/**
 * Notifies the owners of an entity when one of its SLOs starts paging,
 * raises a ticket alert, burns faster, or recovers: one notification per SLO
 * and alert episode, updated as the episode goes on. Needs the notifications
 * backend (`@backstage/plugin-notifications-backend`).
 *
 * @public
 */
export const sloModuleNotifications = createBackendModule({
  pluginId: 'slo',
  moduleId: 'notifications',
  register(reg) {
    reg.registerInit({
      deps: {
        episodes: sloAlertEpisodesExtensionPoint,
        notifications: notificationService,
        logger: coreServices.logger,
      },
      async init({ episodes, notifications, logger }) {
        episodes.addListener(async event => {
          const payload = notificationForEpisode(event);
          // The notifications backend resolves the entity's owners (a
          // group's members, or the owning user).
          await notifications.send({
            recipients: { type: 'entity', entityRef: event.slo.entityRef },
            payload,
          });
          logger.info(
            `Notified the owners of ${event.slo.entityRef}: ${payload.title} (${payload.scope})`,
          );
        });
      },
    });
  },
});
