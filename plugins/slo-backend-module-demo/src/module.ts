import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { sloSourcesExtensionPoint } from '@slo-kit/plugin-slo-node';
import { DemoSloSource, type DemoSeries } from './DemoSloSource';
import { DEMO_SCENARIOS, DemoScenario } from './DemoTrafficModel';

/**
 * The demo's "now": `slo.now` when set (so figures are the same on every
 * start), otherwise the start of the current hour.
 */
function readAnchor(config: Config): number {
  const fixed = config.getOptional<string | number>('slo.now');
  if (fixed !== undefined) {
    const seconds =
      typeof fixed === 'number' || /^\d+$/.test(fixed)
        ? Number(fixed)
        : Date.parse(fixed) / 1000;
    if (Number.isFinite(seconds)) {
      return Math.floor(seconds);
    }
  }
  return Math.floor(Date.now() / 3_600_000) * 3600;
}

function readScenarios(config: Config): Record<string, DemoScenario> {
  const scenarios: Record<string, DemoScenario> = {};
  // Read as a plain object: SLO ids hold ':' and '/', which config key paths do not allow.
  const raw =
    config.getOptional<Record<string, unknown>>('slo.demo.scenarios') ?? {};
  for (const [sloId, value] of Object.entries(raw)) {
    if (!DEMO_SCENARIOS.includes(value as DemoScenario)) {
      throw new Error(
        `Invalid app-config value slo.demo.scenarios["${sloId}"]: ${JSON.stringify(
          value,
        )}. Use one of ${DEMO_SCENARIOS.join(', ')}.`,
      );
    }
    scenarios[sloId] = value as DemoScenario;
  }
  return scenarios;
}

function readSeries(config: Config): DemoSeries | undefined {
  const series = config.getOptionalConfig('slo.demo.series');
  if (!series) return undefined;
  return {
    metrics: series.getStringArray('metrics'),
    labels: series.getOptionalStringArray('labels') ?? [],
  };
}

/**
 * Adds the `demo` source to the SLO backend: deterministic synthetic event
 * counts with incidents and quiet periods, labelled as demo data.
 *
 * @public
 */
export const sloModuleDemo = createBackendModule({
  pluginId: 'slo',
  moduleId: 'demo',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        sources: sloSourcesExtensionPoint,
      },
      async init({ config, sources }) {
        sources.addSource(
          new DemoSloSource({
            name: config.getOptionalString('slo.demo.name'),
            anchor: readAnchor(config),
            scenarios: readScenarios(config),
            series: readSeries(config),
          }),
        );
      },
    });
  },
});
