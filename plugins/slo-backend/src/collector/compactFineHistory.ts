import {
  fineHistoryStart,
  type HistoryResolution,
} from '@slo-kit/plugin-slo-common';
import type { SloStore } from '../database/SloStore';

/**
 * Merges fine buckets that have left each SLO's fine history into its
 * coarse buckets: SLOs with the same resolution and boundary in one call.
 * Returns how many fine buckets were merged.
 *
 * @internal
 */
export async function compactFineHistory(options: {
  store: SloStore;
  now: number;
  resolutions: Array<{ sloId: string; resolution: HistoryResolution }>;
}): Promise<number> {
  const groups = new Map<
    string,
    { before: number; intoSeconds: number; sloIds: string[] }
  >();
  for (const { sloId, resolution } of options.resolutions) {
    if (resolution.coarseSeconds <= resolution.fineSeconds) continue;
    const before = fineHistoryStart(options.now, resolution);
    const key = `${before}/${resolution.coarseSeconds}`;
    const group = groups.get(key) ?? {
      before,
      intoSeconds: resolution.coarseSeconds,
      sloIds: [],
    };
    group.sloIds.push(sloId);
    groups.set(key, group);
  }
  let compacted = 0;
  for (const group of groups.values()) {
    compacted += await options.store.compact(group);
  }
  return compacted;
}
