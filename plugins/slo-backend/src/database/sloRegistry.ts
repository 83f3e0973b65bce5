import type { SloDefinition } from '@slo-kit/plugin-slo-common';
import { Knex } from 'knex';
import type { SloRegistration, StoredSlo } from './SloStore';
import { chunks, num, WRITE_BATCH_SIZE } from './storeRows';

/**
 * A row of `slo_registry`.
 *
 * @internal
 */
export type RegistryRow = {
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
/**
 * How stale `last_seen_at` may get before {@link registerSlo} rewrites it:
 * one hour, in milliseconds.
 *
 * `last_seen_at` is read only by retention, which deletes SLOs last seen
 * before a cutoff a whole number of days back (`collector.retentionDays`,
 * at least one day in practice). An hour's lag cannot move an SLO across
 * that cutoff in any way that matters, and skipping the rewrite saves every
 * known, unchanged SLO a committed write (a WAL flush on PostgreSQL) each
 * cycle: a read settles them instead.
 *
 * @internal
 */
export const LAST_SEEN_STEP_MS = 60 * 60 * 1000;

/**
 * `SloStore.registerSlo`: records that an SLO exists now; a new definition
 * hash drops its buckets (head and packed), state and episodes.
 * `last_seen_at` moves in steps of {@link LAST_SEEN_STEP_MS}; the name,
 * entity, source and definition are written as soon as they change.
 *
 * @internal
 */
export async function registerSlo(
  db: Knex,
  slo: SloRegistration,
  seenAt: number,
  /** The SLO's row as read with others (null: it had none); read here when undefined. */
  preRead?: RegistryRow | null,
): Promise<{ isNew: boolean; recollect: boolean }> {
  const definition = JSON.stringify(slo.definition);
  // Every cycle registers every SLO, and nearly all are known and unchanged:
  // one read settles those, with nothing to commit.
  const known =
    preRead === undefined
      ? await db<RegistryRow>('slo_registry')
          .where({ slo_id: slo.sloId })
          .first()
      : preRead ?? undefined;
  if (known && known.definition_hash === slo.definitionHash) {
    if (compareRegistration(known, slo, definition, seenAt) === 'unchanged') {
      return { isNew: false, recollect: false };
    }
    // The hash in the filter: a concurrent change of what is measured (on
    // another replica) is left to the transaction below.
    const touched = await db('slo_registry')
      .where({ slo_id: slo.sloId, definition_hash: slo.definitionHash })
      .update({
        entity_ref: slo.entityRef,
        name: slo.name,
        source: slo.source,
        definition,
        last_seen_at: seenAt,
      });
    if (touched > 0) {
      return { isNew: false, recollect: false };
    }
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
      definition,
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
 * How a registration compares with the SLO's stored row: `unchanged` needs
 * no write, `stale` only a newer `last_seen_at`, `changed` a rewrite (a new
 * definition hash also a recollection).
 *
 * @internal
 */
export function compareRegistration(
  known: RegistryRow,
  slo: SloRegistration,
  definition: string,
  seenAt: number,
): 'unchanged' | 'stale' | 'changed' {
  if (
    known.definition_hash !== slo.definitionHash ||
    known.entity_ref !== slo.entityRef ||
    known.name !== slo.name ||
    known.source !== slo.source ||
    known.definition !== definition
  ) {
    return 'changed';
  }
  return seenAt - num(known.last_seen_at) < LAST_SEEN_STEP_MS
    ? 'unchanged'
    : 'stale';
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
