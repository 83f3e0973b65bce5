import { Knex } from 'knex';
import { num } from './storeRows';

/**
 * Raises the SLO's data version and widens its collected range, in one
 * statement when the SLO has a state already (the usual case).
 *
 * Every transaction that writes an SLO's buckets (head rows or packed days)
 * calls this FIRST: on PostgreSQL the update locks the SLO's state row, so
 * writers of one SLO (a cycle's upsert, compaction, packing, on any replica)
 * take their turns instead of reading each other's half-done work, and
 * always lock in the same order, so they cannot deadlock.
 *
 * @internal
 */
export async function recordWrite(
  tx: Knex.Transaction,
  sloId: string,
  collected?: { from: number; until: number },
): Promise<void> {
  const update: Record<string, Knex.Raw> = {
    data_version: tx.raw('data_version + 1'),
  };
  if (collected) {
    update.collected_from = tx.raw(
      'CASE WHEN collected_from IS NULL OR collected_from > ? THEN ? ELSE collected_from END',
      [collected.from, collected.from],
    );
    update.collected_until = tx.raw(
      'CASE WHEN collected_until IS NULL OR collected_until < ? THEN ? ELSE collected_until END',
      [collected.until, collected.until],
    );
  }
  const updated = await tx('slo_collection_state')
    .where({ slo_id: sloId })
    .update(update);
  if (updated === 0) {
    await tx('slo_collection_state').insert({
      slo_id: sloId,
      consecutive_failures: 0,
      collected_from: collected?.from ?? null,
      collected_until: collected?.until ?? null,
      data_version: 1,
    });
  }
}

/**
 * {@link recordWrite}, returning the new data version (one more read).
 *
 * @internal
 */
export async function recordWriteVersion(
  tx: Knex.Transaction,
  sloId: string,
): Promise<number> {
  await recordWrite(tx, sloId);
  const row = await tx('slo_collection_state')
    .select('data_version')
    .where({ slo_id: sloId })
    .first();
  return num(row?.data_version ?? 0);
}

/**
 * Locks the state rows of several SLOs, in id order, before a transaction
 * writes their buckets: the order every writer of more than one SLO keeps
 * (a group commit, retention), so two of them on different replicas take
 * turns instead of deadlocking. SQLite has no row locks (and writes one
 * transaction at a time): nothing to do there.
 *
 * @internal
 */
export async function lockStateRows(
  tx: Knex.Transaction,
  sloIds: readonly string[],
): Promise<void> {
  if (tx.client.config.client !== 'pg') return;
  await tx('slo_collection_state')
    .select('slo_id')
    .whereIn('slo_id', sloIds)
    .orderBy('slo_id')
    .forUpdate();
}
