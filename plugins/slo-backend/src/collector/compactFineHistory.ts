import {
  fineHistoryStart,
  type HistoryResolution,
} from '@slo-kit/plugin-slo-common';
import type { SloStore } from '../database/SloStore';

/** Whole UTC days the head keeps before packing: today and yesterday. */
const HEAD_DAYS = 1;

/**
 * Merges fine buckets that have left each SLO's fine history into its
 * coarse buckets: SLOs with the same resolution and boundary in one call.
 * Then packs the complete days before yesterday into one row per SLO and
 * day (`SloStore.packHistory`): late buckets for today and yesterday stay
 * cheap single-row upserts. Returns how many fine buckets were merged.
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
  await options.store.packHistory({
    before: options.now - HEAD_DAYS * 86400,
    sloIds: options.resolutions.map(r => r.sloId),
  });
  return compacted;
}
