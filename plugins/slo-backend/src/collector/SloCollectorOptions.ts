import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { SloDefinition } from '@slo-kit/plugin-slo-common';
import type { Clock } from '../clock';
import type { SloBackendConfig } from '../config/readSloBackendConfig';
import type { SloStore } from '../database/SloStore';
import type { SloDefinitionLoader } from '../definitions/SloDefinitionLoader';
import type { SloSourceRegistry } from '../sources/SloSourceRegistry';

/**
 * Options of {@link SloCollector}.
 *
 * @public
 */
export interface SloCollectorOptions {
  catalog: CatalogService;
  auth: AuthService;
  logger: LoggerService;
  store: SloStore;
  sources: SloSourceRegistry;
  loader: SloDefinitionLoader;
  clock: Clock;
  settings: SloBackendConfig['collector'];
  /**
   * Zones whose calendar periods must stay exact after compaction besides
   * calendar SLOs' own (the review's, `slo.review.timeZone`).
   */
  timeZones?: string[];
  /**
   * Called after an SLO's buckets over `[from, to)` are stored, while they
   * are fine: the budget-burn episodes (`BurnEpisodeRecorder`) and then
   * budget exhaustion are recorded here. A failure is logged as not
   * recording either, and the next collection picks up again.
   */
  afterCollect?: (
    definition: SloDefinition,
    collected: {
      from: number;
      to: number;
      bucketSeconds: number;
    },
  ) => Promise<void>;
  /** Waits between retries; tests pass one that does not wait. */
  sleep?: (ms: number) => Promise<void>;
  /** Delay before the first retry, doubled each time. Default 1 s. */
  retryBaseDelayMs?: number;
}
