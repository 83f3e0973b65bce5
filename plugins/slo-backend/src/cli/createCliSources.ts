import type { Config } from '@backstage/config';
import { createDatadogSloSources } from '@slo-kit/plugin-slo-backend-module-datadog';
import {
  DemoSloSource,
  type DemoScenario,
} from '@slo-kit/plugin-slo-backend-module-demo';
import {
  PrometheusSloSource,
  readPrometheusSources,
} from '@slo-kit/plugin-slo-backend-module-prometheus';
import type { SloSource } from '@slo-kit/plugin-slo-node';

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
  const sources: SloSource[] = [
    ...readPrometheusSources(config).map(
      instance => new PrometheusSloSource(instance),
    ),
    ...createDatadogSloSources(config),
  ];
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
