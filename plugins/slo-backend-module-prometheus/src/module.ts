import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { sloSourcesExtensionPoint } from '@slo-kit/plugin-slo-node';
import { describeUrl } from './PrometheusClient';
import { PrometheusSloSource } from './PrometheusSloSource';
import { readPrometheusSources } from './readPrometheusSources';

/**
 * Adds one SLI source per instance under `slo.sources.prometheus` in
 * app-config (Prometheus, Thanos, Mimir, Cortex, VictoriaMetrics).
 *
 * @public
 */
export const sloModulePrometheus = createBackendModule({
  pluginId: 'slo',
  moduleId: 'prometheus',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        sources: sloSourcesExtensionPoint,
      },
      async init({ config, logger, sources }) {
        sources.addSourceModule?.({
          type: 'prometheus',
          configKey: 'slo.sources.prometheus',
        });
        const instances = readPrometheusSources(config);
        if (instances.length === 0) {
          logger.info(
            'No Prometheus sources configured; add them under slo.sources.prometheus.<name>.baseUrl',
          );
        }
        for (const instance of instances) {
          sources.addSource(new PrometheusSloSource(instance));
          logger.info(
            `Added Prometheus source '${instance.name}' at ${describeUrl(
              instance.baseUrl,
            )}`,
          );
        }
      },
    });
  },
});
