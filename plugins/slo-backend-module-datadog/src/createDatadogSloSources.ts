import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { DatadogSloSource } from './DatadogSloSource';
import { readDatadogSources } from './readDatadogSources';

/**
 * Builds one {@link DatadogSloSource} per instance under
 * `slo.sources.datadog` in the root config. The backend module and the
 * `slo` CLI both use it, so they read the same instances the same way.
 * Throws at once on invalid config, naming the key to fix.
 *
 * @public
 */
export function createDatadogSloSources(
  config: Config,
  options: { logger?: LoggerService } = {},
): DatadogSloSource[] {
  return readDatadogSources(config).map(
    instance =>
      new DatadogSloSource({
        ...instance,
        logger: options.logger?.child({ sloSource: instance.name }),
      }),
  );
}
