import { Knex } from 'knex';
import type { RegistrationResult, SloRegistration } from './SloStore';
import {
  compareRegistration,
  registerSlo,
  type RegistryRow,
} from './sloRegistry';
import { chunks, WRITE_BATCH_SIZE } from './storeRows';

/**
 * Inserts the registry rows of SLOs the registry had none of, in one
 * statement: a new portal's first cycle registers every SLO, and one
 * transaction each (a read, an insert, a commit waiting for the disk) kept
 * 30,000 SLOs from being collected for many minutes. A row another replica
 * inserted meanwhile is left as it is: if it registered another definition,
 * the next cycle compares it as a changed one.
 */
async function insertFresh(
  db: Knex,
  slos: readonly SloRegistration[],
  seenAt: number,
): Promise<void> {
  await db('slo_registry')
    .insert(
      slos.map(slo => ({
        slo_id: slo.sloId,
        entity_ref: slo.entityRef,
        name: slo.name,
        source: slo.source,
        definition_hash: slo.definitionHash,
        definition: JSON.stringify(slo.definition),
        first_seen_at: seenAt,
        last_seen_at: seenAt,
      })),
    )
    .onConflict('slo_id')
    .ignore();
}

/**
 * `SloStore.registerSlos`: registers a cycle's SLOs with one read of their
 * registry rows per {@link WRITE_BATCH_SIZE} SLOs. Unchanged rows cost
 * nothing more; rows whose only change is an hour-old `last_seen_at` are
 * touched in one multi-row UPDATE per chunk; new SLOs are inserted in one
 * multi-row INSERT per chunk; changed SLOs go through {@link registerSlo}
 * one by one (the rare case: a recollection drops the SLO's data in its own
 * transaction). One SLO's failure is its
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
    const fresh: SloRegistration[] = [];
    const changed: SloRegistration[] = [];
    for (const slo of group) {
      const row = known.get(slo.sloId);
      const compared =
        row &&
        compareRegistration(row, slo, JSON.stringify(slo.definition), seenAt);
      if (!row) {
        fresh.push(slo);
      } else if (compared === 'unchanged') {
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
    if (fresh.length > 0) {
      try {
        await insertFresh(db, fresh, seenAt);
        for (const slo of fresh) {
          results.set(slo.sloId, { isNew: true, recollect: false });
        }
      } catch {
        // Each alone below, so a failure lands on its own SLO.
        changed.push(...fresh);
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
