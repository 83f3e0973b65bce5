import type { EventBucket } from '@slo-kit/plugin-slo-common';
import { Knex } from 'knex';
import {
  bucketInsertRows,
  chunks,
  upsertBucketRows,
  WRITE_BATCH_SIZE,
} from '../storeRows';
import { lockStateRows } from '../recordWrite';

/**
 * One SLO's part of a group write: its newest buckets, the range they were
 * collected for, and the success they complete.
 *
 * @public
 */
export interface SloBucketWrite {
  sloId: string;
  buckets: EventBucket[];
  collected: { from: number; until: number };
  success: { at: number; attemptAt?: number };
}

/**
 * `SloStore.saveBucketsGroup`: several SLOs' `saveBuckets(…, success)` in
 * one transaction of a few statements, whatever the number of SLOs:
 *
 * 1. on PostgreSQL, `SELECT … FOR UPDATE` of the SLOs' state rows in id
 *    order, so that every writer locks state rows first and in one order
 *    (see `recordWrite`): two groups, or a group and a packing pass, of the
 *    same SLOs on two replicas take turns instead of deadlocking;
 * 2. one multi-row upsert of the states doing what `recordWrite` and the
 *    success update do for one SLO (data version + 1, collected range
 *    widened, success time, failures reset, the attempt time when given);
 * 3. multi-row idempotent upserts of every bucket, as `saveBuckets` writes
 *    them (same columns, same conflict target): the stored values are
 *    bit-identical.
 *
 * Each SLO appears at most once. Returns the buckets written.
 *
 * @internal
 */
export async function saveBucketsGroup(
  db: Knex,
  writes: readonly SloBucketWrite[],
  bucketBatchSize: number,
): Promise<number> {
  const sorted = [...writes].sort((a, b) =>
    a.sloId < b.sloId ? -1 : Number(a.sloId > b.sloId),
  );
  if (new Set(sorted.map(w => w.sloId)).size !== sorted.length) {
    throw new Error(
      'saveBucketsGroup: an SLO appears twice in one group; write its buckets in one entry',
    );
  }
  await db.transaction(async tx => {
    for (const group of chunks(sorted, WRITE_BATCH_SIZE)) {
      const ids = group.map(w => w.sloId);
      await lockStateRows(tx, ids);
      await tx('slo_collection_state')
        .insert(
          group.map(w => ({
            slo_id: w.sloId,
            consecutive_failures: 0,
            collected_from: w.collected.from,
            collected_until: w.collected.until,
            data_version: 1,
            last_success_at: w.success.at,
            last_attempt_at: w.success.attemptAt ?? null,
          })),
        )
        .onConflict('slo_id')
        .merge({
          data_version: tx.raw('slo_collection_state.data_version + 1'),
          collected_from: tx.raw(
            'CASE WHEN slo_collection_state.collected_from IS NULL OR slo_collection_state.collected_from > excluded.collected_from THEN excluded.collected_from ELSE slo_collection_state.collected_from END',
          ),
          collected_until: tx.raw(
            'CASE WHEN slo_collection_state.collected_until IS NULL OR slo_collection_state.collected_until < excluded.collected_until THEN excluded.collected_until ELSE slo_collection_state.collected_until END',
          ),
          last_success_at: tx.raw('excluded.last_success_at'),
          consecutive_failures: 0,
          last_attempt_at: tx.raw(
            'COALESCE(excluded.last_attempt_at, slo_collection_state.last_attempt_at)',
          ),
        });
    }
    await upsertBucketRows(
      tx,
      sorted.flatMap(w => bucketInsertRows(w.sloId, w.buckets)),
      bucketBatchSize,
    );
  });
  return writes.reduce((sum, w) => sum + w.buckets.length, 0);
}
