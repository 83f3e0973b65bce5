import {
  fineHistoryStart,
  type HistoryResolution,
} from '@slo-kit/plugin-slo-common';
import type { SloStore } from '../database/SloStore';

/**
 * Buckets younger than this stay in the head (row per bucket) when packing:
 * the collector re-collects its latest buckets, and upserting a row is
 * cheaper than rewriting a packed day.
 */
const HEAD_MARGIN_SECONDS = 3600;

/**
 * Merges fine buckets that have left each SLO's fine history into its
 * coarse buckets: SLOs with the same resolution and boundary in one call.
 * Then packs buckets older than an hour into one row per SLO and UTC day
 * (`SloStore.packHistory`, in six-hour steps): the latest buckets stay cheap
 * single-row upserts. Returns how many fine buckets were merged.
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
    before: options.now - HEAD_MARGIN_SECONDS,
    sloIds: options.resolutions.map(r => r.sloId),
  });
  return compacted;
}
