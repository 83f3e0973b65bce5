import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import type { NotificationPayload } from '@backstage/plugin-notifications-common';
import { notificationService } from '@backstage/plugin-notifications-node';
import {
  sloAlertEpisodesExtensionPoint,
  sloBudgetExhaustionExtensionPoint,
} from '@slo-kit/plugin-slo-node';
import { notificationForEpisode } from './notificationForEpisode';
import { notificationForExhaustion } from './notificationForExhaustion';

/**
 * Notifies the owners of an entity when one of its SLOs starts paging,
 * raises a ticket alert, burns faster, or recovers, and when its error budget
 * is exhausted and recovers: one notification per SLO and episode, updated as
 * the episode goes on. Needs the notifications
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
        exhaustion: sloBudgetExhaustionExtensionPoint,
        notifications: notificationService,
        logger: coreServices.logger,
      },
      async init({ episodes, exhaustion, notifications, logger }) {
        // The notifications backend resolves the entity's owners (a group's
        // members, or the owning user).
        const notifyOwners = async (
          entityRef: string,
          payload: NotificationPayload,
        ) => {
          await notifications.send({
            recipients: { type: 'entity', entityRef },
            payload,
          });
          logger.info(
            `Notified the owners of ${entityRef}: ${payload.title} (${payload.scope})`,
          );
        };
        episodes.addListener(async event =>
          notifyOwners(event.slo.entityRef, notificationForEpisode(event)),
        );
        exhaustion.addListener(async event =>
          notifyOwners(event.slo.entityRef, notificationForExhaustion(event)),
        );
      },
    });
  },
});
