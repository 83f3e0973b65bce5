import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { sloSourcesExtensionPoint } from '@slo-kit/plugin-slo-node';
import { createDatadogSloSources } from './createDatadogSloSources';

/**
 * Adds one Datadog source per instance under `slo.sources.datadog` to the
 * SLO backend.
 *
 * @public
 */
export const sloModuleDatadog = createBackendModule({
  pluginId: 'slo',
  moduleId: 'datadog',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        sources: sloSourcesExtensionPoint,
      },
      async init({ config, logger, sources }) {
        sources.addSourceModule?.({
          type: 'datadog',
          configKey: 'slo.sources.datadog',
        });
        const created = createDatadogSloSources(config, { logger });
        for (const source of created) {
          sources.addSource(source);
        }
        if (created.length === 0) {
          logger.info(
            'No Datadog source configured: add one under slo.sources.datadog.<name> in app-config.',
          );
        } else {
          logger.info(
            `Datadog SLO sources: ${created.map(s => s.name).join(', ')}`,
          );
        }
      },
    });
  },
});
