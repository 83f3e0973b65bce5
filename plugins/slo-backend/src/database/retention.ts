import { Knex } from 'knex';
import { deletePackedDays } from './packedDays/packedHistory';
import { lockStateRows } from './recordWrite';
import { removeSlo } from './sloRegistry';
import { chunks, WRITE_BATCH_SIZE } from './storeRows';

/** The SLOs with head rows or packed days that ended before `before`, sorted. */
async function sloIdsWithOldBuckets(
  db: Knex,
  before: number,
): Promise<string[]> {
  const [head, packed] = await Promise.all([
    db('slo_buckets')
      .distinct('slo_id')
      .whereRaw('bucket_start + duration_seconds <= ?', [before]),
    db('slo_bucket_days').distinct('slo_id').where('max_end', '<=', before),
  ]);
  const ids = new Set(
    [...head, ...packed].map((row: { slo_id: string }) => row.slo_id),
  );
  return [...ids].sort();
}

/**
 * `SloStore.deleteOlderThan`: buckets (head and packed) that ended before
 * `before`, errors older than it, and SLOs last seen before it.
 *
 * Buckets are deleted as every writer writes them (see `recordWrite`): in
 * transactions that first lock the SLOs' state rows, in id order, and raise
 * their data versions, then touch only those SLOs' buckets. Which SLOs have
 * old buckets is read first, without locks; an SLO that gains some after
 * that read keeps them until the next cycle.
 *
 * @internal
 */
export async function deleteOlderThan(
  db: Knex,
  before: number,
): Promise<number> {
  let deleted = 0;
  for (const ids of chunks(
    await sloIdsWithOldBuckets(db, before),
    WRITE_BATCH_SIZE,
  )) {
    deleted += await db.transaction(async (tx): Promise<number> => {
      await lockStateRows(tx, ids);
      await tx('slo_collection_state')
        .whereIn('slo_id', ids)
        .update({ data_version: tx.raw('data_version + 1') });
      // Raw: knex's delete().returning() is PostgreSQL-only, while SQLite
      // (3.35 and later) knows RETURNING as well.
      const result = await tx.raw(
        `DELETE FROM slo_buckets WHERE bucket_start + duration_seconds <= ? AND slo_id IN (${ids
          .map(() => '?')
          .join(', ')}) RETURNING slo_id`,
        [before, ...ids],
      );
      const rows: Array<{ slo_id: string }> = Array.isArray(result)
        ? result
        : result.rows;
      // Packed days go whole, by an index on their last bucket's end.
      const packed = await deletePackedDays(tx, before, ids);
      return rows.length + packed.buckets;
    });
  }
  await db('slo_collection_errors')
    .where('occurred_at', '<', before * 1000)
    .delete();
  const gone: string[] = (
    await db('slo_registry')
      .select('slo_id')
      .where('last_seen_at', '<', before * 1000)
  ).map((r: { slo_id: string }) => r.slo_id);
  for (const sloId of gone) {
    await removeSlo(db, sloId);
  }
  return deleted;
}
