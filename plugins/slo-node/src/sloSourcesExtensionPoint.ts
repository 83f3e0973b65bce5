import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type { SloSource } from './SloSource';

/**
 * Lets backend modules add SLI sources to the SLO backend.
 *
 * @public
 */
export interface SloSourcesExtensionPoint {
  /** Adds a source; its `name` must be unique across all modules. */
  addSource(source: SloSource): void;
  /**
   * Says that a module for this type of source is installed and where its
   * instances are configured, whether or not any is: with none configured,
   * the backend then tells the adopter which config key to fill in instead of
   * saying that no source module is installed.
   */
  addSourceModule?(module: SloSourceModuleInfo): void;
}

/**
 * A source module as {@link SloSourcesExtensionPoint.addSourceModule} describes it.
 *
 * @public
 */
export interface SloSourceModuleInfo {
  /** The `type` of the sources it adds, e.g. `prometheus`. */
  type: string;
  /** Where their instances are configured, e.g. `slo.sources.prometheus`. */
  configKey: string;
}

/**
 * Extension point through which modules register {@link SloSource}s:
 *
 * ```ts
 * createBackendModule({
 *   pluginId: 'slo',
 *   moduleId: 'my-source',
 *   register(reg) {
 *     reg.registerInit({
 *       deps: { sources: sloSourcesExtensionPoint },
 *       async init({ sources }) { sources.addSource(new MySource()); },
 *     });
 *   },
 * });
 * ```
 *
 * @public
 */
export const sloSourcesExtensionPoint =
  createExtensionPoint<SloSourcesExtensionPoint>({ id: 'slo.sources' });
