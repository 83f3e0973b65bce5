// The module half of the example in docs/sources.md: read config, build one
// source per instance, hand them to the SLO backend's extension point.
import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { sloSourcesExtensionPoint } from '@slo-kit/plugin-slo-node';
import { InlineCountsSloSource, InlineSeries } from './InlineCountsSloSource';

/** Adds one inline source per instance under `slo.sources.inline`. */
export const exampleSourceModule = createBackendModule({
  pluginId: 'slo',
  moduleId: 'inline-counts',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        sources: sloSourcesExtensionPoint,
      },
      async init({ config, sources }) {
        const instances = config.getOptionalConfig('slo.sources.inline');
        for (const name of instances?.keys() ?? []) {
          const series = instances!
            .getConfig(name)
            .get<Record<string, InlineSeries>>('series');
          sources.addSource(new InlineCountsSloSource(name, series));
        }
      },
    });
  },
});
