import { createBackendPlugin } from '@backstage/backend-plugin-api';

/**
 * The SLO backend plugin.
 *
 * @public
 */
export const sloPlugin = createBackendPlugin({
  pluginId: 'slo',
  register(env) {
    env.registerInit({
      deps: {},
      async init() {},
    });
  },
});
