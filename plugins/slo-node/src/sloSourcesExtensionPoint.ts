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
