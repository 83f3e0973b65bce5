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
 * Packs buckets older than an hour into one row per SLO and UTC day first
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
    // SLOs whose fine buckets are not merged into coarse ones (coarse equal
    // to fine, e.g. hour-long buckets) still go through compaction: it is
    // what puts their old days into 16-day blocks.
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
  // Packing first: after a backfill, the same pass then compacts the packed
  // days and puts them into blocks, so the next pass leaves old periods'
  // rows (and the fingerprints the review keeps them by) unchanged.
  await options.store.packHistory({
    before: options.now - HEAD_MARGIN_SECONDS,
    sloIds: options.resolutions.map(r => r.sloId),
  });
  let compacted = 0;
  for (const group of groups.values()) {
    compacted += await options.store.compact(group);
  }
  return compacted;
}
