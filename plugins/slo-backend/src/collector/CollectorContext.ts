import type { CollectionRanges } from './CollectionRanges';
import type { SloCollectorOptions } from './SloCollectorOptions';

/**
 * What every phase of a collection cycle works with: the collector's
 * options, its range planner and its retry timing.
 *
 * @internal
 */
export interface CollectorContext {
  options: SloCollectorOptions;
  ranges: CollectionRanges;
  sleep: (ms: number) => Promise<void>;
  retryBaseDelayMs: number;
}

/** The message of a caught value. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
