import { Knex } from 'knex';
import type { SloCollectionError } from './SloStore';
import { num, StateRow } from './storeRows';

// Writes of an SLO's collection state and errors, for DatabaseSloStore.

/**
 * Inserts or updates the state row of `sloId` with `update`.
 *
 * @internal
 */
export async function upsertState(
  db: Knex,
  sloId: string,
  update: Partial<Omit<StateRow, 'slo_id'>>,
): Promise<void> {
  await db('slo_collection_state')
    .insert({ slo_id: sloId, consecutive_failures: 0, ...update })
    .onConflict('slo_id')
    .merge(Object.keys(update));
}

/**
 * Records a failure: counts it, keeps its message and the last `errorsKept`
 * errors of the SLO.
 *
 * @internal
 */
export async function recordFailure(
  db: Knex,
  sloId: string,
  at: number,
  message: string,
  errorsKept: number,
): Promise<void> {
    await db.transaction(async tx => {
      const existing = await tx<StateRow>('slo_collection_state')
        .where({ slo_id: sloId })
        .first();
      if (existing) {
        await tx('slo_collection_state')
          .where({ slo_id: sloId })
          .update({
            last_error_at: at,
            last_error: message,
            consecutive_failures: num(existing.consecutive_failures) + 1,
          });
      } else {
        await tx('slo_collection_state').insert({
          slo_id: sloId,
          last_error_at: at,
          last_error: message,
          consecutive_failures: 1,
        });
      }
      await tx('slo_collection_errors').insert({
        slo_id: sloId,
        occurred_at: at,
        message,
      });
      const keep = tx('slo_collection_errors')
        .select('id')
        .where({ slo_id: sloId })
        .orderBy('id', 'desc')
        .limit(errorsKept);
      const kept = (await keep).map((r: { id: number }) => r.id);
      await tx('slo_collection_errors')
        .where({ slo_id: sloId })
        .whereNotIn('id', kept)
        .delete();
    });
  }

/**
 * The SLO's recent errors, newest first.
 *
 * @internal
 */
export async function listErrors(
  db: Knex,
  sloId: string,
  limit: number,
): Promise<SloCollectionError[]> {
    const rows = await db('slo_collection_errors')
      .where({ slo_id: sloId })
      .orderBy('id', 'desc')
      .limit(limit);
    return rows.map(
      (row: {
        slo_id: string;
        occurred_at: number | string;
        message: string;
      }) => ({
        sloId: row.slo_id,
        occurredAt: num(row.occurred_at),
        message: row.message,
      }),
    );
}
