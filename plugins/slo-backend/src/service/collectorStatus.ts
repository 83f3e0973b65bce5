import type { SloStore } from '../database/SloStore';
import type { SloSourceRegistry } from '../sources/SloSourceRegistry';

/**
 * Response of `GET /collector`.
 *
 * @public
 */
export interface CollectorStatusResponse {
  sources: Array<{
    name: string;
    type: string;
    demo: boolean;
    default: boolean;
  }>;
  lastRun: {
    startedAt: string;
    durationMs: number;
    sloCount: number;
    failedCount: number;
    bucketsWritten: number;
  } | null;
}

/**
 * `GET /collector`: the configured sources and the last collection cycle.
 *
 * @internal
 */
export async function collectorStatus(
  sources: SloSourceRegistry,
  store: SloStore,
): Promise<CollectorStatusResponse> {
  const defaultName = sources.sourceNameOf({});
  const run = await store.latestRun();
  return {
    sources: sources.list().map(source => ({
      name: source.name,
      type: source.type,
      demo: source.isDemo ?? false,
      default: source.name === defaultName,
    })),
    lastRun: run
      ? {
          startedAt: new Date(run.startedAt).toISOString(),
          durationMs: run.durationMs,
          sloCount: run.sloCount,
          failedCount: run.failedCount,
          bucketsWritten: run.bucketsWritten,
        }
      : null,
  };
}
