import { Knex } from 'knex';
import type { RegistrationResult, SloRegistration } from './SloStore';
import {
  compareRegistration,
  registerSlo,
  type RegistryRow,
} from './sloRegistry';
import { chunks, WRITE_BATCH_SIZE } from './storeRows';

/**
 * `SloStore.registerSlos`: registers a cycle's SLOs with one read of their
 * registry rows per {@link WRITE_BATCH_SIZE} SLOs. Unchanged rows cost
 * nothing more; rows whose only change is an hour-old `last_seen_at` are
 * touched in one multi-row UPDATE per chunk; new and changed SLOs go
 * through {@link registerSlo} one by one (the rare case: a recollection
 * drops the SLO's data in its own transaction). One SLO's failure is its
 * own result and does not fail the others.
 *
 * @internal
 */
export async function registerSlos(
  db: Knex,
  slos: readonly SloRegistration[],
  seenAt: number,
): Promise<Map<string, RegistrationResult>> {
  const results = new Map<string, RegistrationResult>();
  for (const group of chunks([...slos], WRITE_BATCH_SIZE)) {
    const rows: RegistryRow[] = await db<RegistryRow>('slo_registry').whereIn(
      'slo_id',
      group.map(slo => slo.sloId),
    );
    const known = new Map(rows.map(row => [row.slo_id, row]));
    const stale: string[] = [];
    const changed: SloRegistration[] = [];
    for (const slo of group) {
      const row = known.get(slo.sloId);
      const compared =
        row &&
        compareRegistration(row, slo, JSON.stringify(slo.definition), seenAt);
      if (compared === 'unchanged') {
        results.set(slo.sloId, { isNew: false, recollect: false });
      } else if (compared === 'stale') {
        stale.push(slo.sloId);
      } else {
        changed.push(slo);
      }
    }
    if (stale.length > 0) {
      try {
        // Only the time: whatever else another replica wrote meanwhile stays.
        await db('slo_registry')
          .whereIn('slo_id', stale)
          .update({ last_seen_at: seenAt });
        for (const sloId of stale) {
          results.set(sloId, { isNew: false, recollect: false });
        }
      } catch {
        // Each alone below, so a failure lands on its own SLO.
        changed.push(...group.filter(slo => stale.includes(slo.sloId)));
      }
    }
    for (const slo of changed) {
      try {
        results.set(
          slo.sloId,
          await registerSlo(db, slo, seenAt, known.get(slo.sloId) ?? null),
        );
      } catch (error) {
        results.set(slo.sloId, { error });
      }
    }
  }
  return results;
}
