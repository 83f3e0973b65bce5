import { Knex } from 'knex';
import { deletePackedDays } from './packedDays/packedHistory';
import { removeSlo } from './sloRegistry';
import { chunks, WRITE_BATCH_SIZE } from './storeRows';

/**
 * `SloStore.deleteOlderThan`: buckets (head and packed) that ended before
 * `before`, errors older than it, and SLOs last seen before it.
 *
 * @internal
 */
export async function deleteOlderThan(
  db: Knex,
  before: number,
): Promise<number> {
  // One pass over the buckets (no index serves this filter): the deleted
  // rows name the SLOs whose data version must change.
  const deleted = await db.transaction(async (tx): Promise<number> => {
    // Raw: knex's delete().returning() is PostgreSQL-only, while SQLite
    // (3.35 and later) knows RETURNING as well.
    const result = await tx.raw(
      'DELETE FROM slo_buckets WHERE bucket_start + duration_seconds <= ? RETURNING slo_id',
      [before],
    );
    const rows: Array<{ slo_id: string }> = Array.isArray(result)
      ? result
      : result.rows;
    // Packed days go whole, by an index on their last bucket's end.
    const packed = await deletePackedDays(tx, before);
    const touched = [
      ...new Set([...rows.map(row => row.slo_id), ...packed.sloIds]),
    ];
    for (const ids of chunks(touched, WRITE_BATCH_SIZE)) {
      await tx('slo_collection_state')
        .whereIn('slo_id', ids)
        .update({ data_version: tx.raw('data_version + 1') });
    }
    return rows.length + packed.buckets;
  });
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

