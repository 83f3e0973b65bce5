import type { SloDefinition } from '@slo-kit/plugin-slo-common';
import { Knex } from 'knex';
import type { SloRegistration, StoredSlo } from './SloStore';
import { chunks, num, WRITE_BATCH_SIZE } from './storeRows';

type RegistryRow = {
  slo_id: string;
  entity_ref: string;
  name: string;
  source: string;
  definition_hash: string;
  definition: string;
  first_seen_at: number | string;
  last_seen_at: number | string;
};

function toStoredSlo(row: RegistryRow): StoredSlo {
  return {
    sloId: row.slo_id,
    entityRef: row.entity_ref,
    name: row.name,
    source: row.source,
    definitionHash: row.definition_hash,
    definition: JSON.parse(row.definition) as SloDefinition,
    firstSeenAt: num(row.first_seen_at),
    lastSeenAt: num(row.last_seen_at),
  };
}

/**
 * `SloStore.registerSlo`: records that an SLO exists now; a new definition
 * hash drops its buckets (head and packed), state and episodes.
 *
 * @internal
 */
export async function registerSlo(
  db: Knex,
  slo: SloRegistration,
  seenAt: number,
): Promise<{ isNew: boolean; recollect: boolean }> {
  // Every cycle registers every SLO, and nearly all are known and unchanged:
  // one statement settles those, without a transaction.
  const touched = await db('slo_registry')
    .where({ slo_id: slo.sloId, definition_hash: slo.definitionHash })
    .update({
      entity_ref: slo.entityRef,
      name: slo.name,
      source: slo.source,
      definition: JSON.stringify(slo.definition),
      last_seen_at: seenAt,
    });
  if (touched > 0) {
    return { isNew: false, recollect: false };
  }
  return db.transaction(async tx => {
    const existing = await tx<RegistryRow>('slo_registry')
      .where({ slo_id: slo.sloId })
      .first();
    const row = {
      entity_ref: slo.entityRef,
      name: slo.name,
      source: slo.source,
      definition_hash: slo.definitionHash,
      definition: JSON.stringify(slo.definition),
      last_seen_at: seenAt,
    };
    if (!existing) {
      await tx('slo_registry').insert({
        slo_id: slo.sloId,
        first_seen_at: seenAt,
        ...row,
      });
      return { isNew: true, recollect: false };
    }
    await tx('slo_registry').where({ slo_id: slo.sloId }).update(row);
    if (existing.definition_hash === slo.definitionHash) {
      return { isNew: false, recollect: false };
    }
    // What is measured changed: the old counts measure something else now.
    // The state row first: bucket writers lock it first (see recordWrite).
    await tx('slo_collection_state').where({ slo_id: slo.sloId }).delete();
    await tx('slo_buckets').where({ slo_id: slo.sloId }).delete();
    await tx('slo_bucket_days').where({ slo_id: slo.sloId }).delete();
    // So are the budget-burn episodes recorded from them.
    await tx('slo_burn_episodes').where({ slo_id: slo.sloId }).delete();
    await tx('slo_burn_episode_progress').where({ slo_id: slo.sloId }).delete();
    return { isNew: false, recollect: true };
  });
}

/**
 * `SloStore.listSlos`.
 *
 * @internal
 */
export async function listSlos(
  db: Knex,
  filter?: { entityRefs?: string[] },
): Promise<StoredSlo[]> {
  if (filter?.entityRefs) {
    const result: StoredSlo[] = [];
    for (const refs of chunks(filter.entityRefs, WRITE_BATCH_SIZE)) {
      const rows = await db<RegistryRow>('slo_registry')
        .whereIn('entity_ref', refs)
        .orderBy('slo_id');
      result.push(...rows.map(toStoredSlo));
    }
    return result;
  }
  const rows = await db<RegistryRow>('slo_registry').orderBy('slo_id');
  return rows.map(toStoredSlo);
}

/**
 * `SloStore.removeSlo`: the SLO with its buckets (head and packed), state, errors and episodes.
 *
 * @internal
 */
export async function removeSlo(db: Knex, sloId: string): Promise<void> {
  await db.transaction(async tx => {
    // The state row first: bucket writers lock it first (see recordWrite).
    await tx('slo_collection_state').where({ slo_id: sloId }).delete();
    await tx('slo_buckets').where({ slo_id: sloId }).delete();
    await tx('slo_bucket_days').where({ slo_id: sloId }).delete();
    await tx('slo_collection_errors').where({ slo_id: sloId }).delete();
    await tx('slo_burn_episodes').where({ slo_id: sloId }).delete();
    await tx('slo_burn_episode_progress').where({ slo_id: sloId }).delete();
    await tx('slo_registry').where({ slo_id: sloId }).delete();
  });
}
