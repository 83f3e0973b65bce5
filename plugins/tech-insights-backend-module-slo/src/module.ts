import { coreServices, createBackendModule } from '@backstage/backend-plugin-api';
import { techInsightsFactRetrieversExtensionPoint } from '@backstage-community/plugin-tech-insights-node';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { createSloFactRetriever, SLO_FACT_RETRIEVER_ID } from './createSloFactRetriever';

/**
 * Adds the SLO fact retriever to Tech Insights. It runs on the schedule set
 * in `techInsights.factRetrievers.sloFactRetriever` (a `cadence`, and
 * optionally `lifecycle`), as every Tech Insights retriever does.
 *
 * @public
 */
export const techInsightsModuleSlo = createBackendModule({
  pluginId: 'tech-insights',
  moduleId: 'slo',
  register(reg) {
    reg.registerInit({
      deps: {
        providers: techInsightsFactRetrieversExtensionPoint,
        catalog: catalogServiceRef,
        logger: coreServices.logger,
        config: coreServices.rootConfig,
      },
      async init({ providers, catalog, logger, config }) {
        providers.addFactRetrievers({
          [SLO_FACT_RETRIEVER_ID]: createSloFactRetriever({ catalog }),
        });
        if (!config.has(`techInsights.factRetrievers.${SLO_FACT_RETRIEVER_ID}`)) {
          logger.warn(
            `The SLO fact retriever is installed but not scheduled: add techInsights.factRetrievers.${SLO_FACT_RETRIEVER_ID}.cadence (e.g. '*/30 * * * *') to app-config`,
          );
        }
      },
    });
  },
});
