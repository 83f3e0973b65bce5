import type { Config } from '@backstage/config';
import type * as DatadogModule from '@slo-kit/plugin-slo-backend-module-datadog';
import type * as DemoModule from '@slo-kit/plugin-slo-backend-module-demo';
import type { DemoScenario } from '@slo-kit/plugin-slo-backend-module-demo';
import type * as PrometheusModule from '@slo-kit/plugin-slo-backend-module-prometheus';
import type { SloSource } from '@slo-kit/plugin-slo-node';

/**
 * A source module when it is installed next to the backend, else undefined.
 * The modules are optional peer dependencies: the backend plugin never imports
 * them, and an adopter installs only the ones their app uses.
 */
function optionalModule<T>(name: string): T | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(name) as T;
  } catch (error) {
    if (
      (error as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND' &&
      String((error as Error).message).includes(name)
    ) {
      return undefined;
    }
    throw error;
  }
}

/** The named module, or an error that says which package to install for which config key. */
function requiredModule<T>(name: string, configKey: string): T {
  const loaded = optionalModule<T>(name);
  if (!loaded) {
    throw new Error(
      `app-config has ${configKey}, but ${name} is not installed; install it next to @slo-kit/plugin-slo-backend`,
    );
  }
  return loaded;
}

/**
 * The sources the backend modules would add for this config, built with the
 * modules' own classes and config readers: every `slo.sources.prometheus.*`
 * and `slo.sources.datadog.*` instance, and the demo source when the config
 * uses it (`slo.defaultSource: demo` or a `slo.demo` block).
 *
 * @internal
 */
export function createCliSources(
  config: Config,
  options: { at: number },
): SloSource[] {
  const sources: SloSource[] = [];
  if (config.has('slo.sources.prometheus')) {
    const { PrometheusSloSource, readPrometheusSources } = requiredModule<
      typeof PrometheusModule
    >(
      '@slo-kit/plugin-slo-backend-module-prometheus',
      'slo.sources.prometheus',
    );
    sources.push(
      ...readPrometheusSources(config).map(
        instance => new PrometheusSloSource(instance),
      ),
    );
  }
  if (config.has('slo.sources.datadog')) {
    const { createDatadogSloSources } = requiredModule<typeof DatadogModule>(
      '@slo-kit/plugin-slo-backend-module-datadog',
      'slo.sources.datadog',
    );
    sources.push(...createDatadogSloSources(config));
  }
  const demoName = config.getOptionalString('slo.demo.name') ?? 'demo';
  if (
    config.getOptionalString('slo.defaultSource') === demoName ||
    config.has('slo.demo')
  ) {
    const fixedNow = config.getOptional<string | number>('slo.now');
    const anchor =
      fixedNow === undefined
        ? options.at
        : Math.floor(
            typeof fixedNow === 'number' || /^\d+$/.test(fixedNow)
              ? Number(fixedNow)
              : Date.parse(fixedNow) / 1000,
          );
    const { DemoSloSource } = requiredModule<typeof DemoModule>(
      '@slo-kit/plugin-slo-backend-module-demo',
      config.has('slo.demo') ? 'slo.demo' : 'slo.defaultSource: demo',
    );
    sources.push(
      new DemoSloSource({
        name: demoName,
        anchor,
        scenarios:
          config.getOptional<Record<string, DemoScenario>>(
            'slo.demo.scenarios',
          ),
      }),
    );
  }
  return sources;
}
