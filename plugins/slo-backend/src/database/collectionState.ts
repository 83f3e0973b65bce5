import { Knex } from 'knex';
import type { SloCollectionState } from './SloStore';
import { chunks, num, numOrNull, WRITE_BATCH_SIZE } from './storeRows';

/** A row of `slo_collection_state`. */
export type StateRow = {
  slo_id: string;
  last_attempt_at: number | string | null;
  last_success_at: number | string | null;
  last_error_at: number | string | null;
  last_error: string | null;
  consecutive_failures: number | string;
  collected_from: number | string | null;
  collected_until: number | string | null;
  data_version: number | string;
  deferred_at?: number | string | null;
  deferred_reason?: string | null;
  deferred_interval_seconds?: number | string | null;
};

export function toState(row: StateRow): SloCollectionState {
  return {
    sloId: row.slo_id,
    lastAttemptAt: numOrNull(row.last_attempt_at),
    lastSuccessAt: numOrNull(row.last_success_at),
    lastErrorAt: numOrNull(row.last_error_at),
    lastError: row.last_error,
    consecutiveFailures: num(row.consecutive_failures),
    collectedFrom: numOrNull(row.collected_from),
    collectedUntil: numOrNull(row.collected_until),
    dataVersion: num(row.data_version),
    deferral:
      row.deferred_at === null ||
      row.deferred_at === undefined ||
      row.deferred_reason === null ||
      row.deferred_reason === undefined
        ? null
        : {
            at: num(row.deferred_at),
            reason: row.deferred_reason,
            intervalSeconds: numOrNull(row.deferred_interval_seconds ?? null),
          },
  };
}

/**
 * The state columns a successful collection sets.
 *
 * @internal
 */
export function successUpdate(at: number, attemptAt?: number) {
  return {
    last_success_at: at,
    consecutive_failures: 0,
    ...(attemptAt === undefined ? {} : { last_attempt_at: attemptAt }),
  };
}

/**
 * Writes some of an SLO's state columns, creating its row if needed.
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
 * `SloStore.getStates`.
 *
 * @internal
 */
export async function getStates(
  db: Knex,
  sloIds: string[],
): Promise<Map<string, SloCollectionState>> {
  const states = new Map<string, SloCollectionState>();
  if (sloIds.length > WRITE_BATCH_SIZE) {
    // A scorecard asks for (nearly) every SLO: one pass over the table beats
    // many IN lists of hundreds of ids.
    const wanted = new Set(sloIds);
    for (const row of await db<StateRow>('slo_collection_state')) {
      if (wanted.has(row.slo_id)) {
        states.set(row.slo_id, toState(row));
      }
    }
    return states;
  }
  for (const ids of chunks(sloIds, WRITE_BATCH_SIZE)) {
    const rows = await db<StateRow>('slo_collection_state').whereIn(
      'slo_id',
      ids,
    );
    for (const row of rows) {
      states.set(row.slo_id, toState(row));
    }
  }
  return states;
}

/**
 * `SloStore.statesFingerprint`.
 *
 * @internal
 */
export async function statesFingerprint(db: Knex): Promise<string> {
  // One aggregate row instead of thousands of state rows: every write of
  // a state raises a data version or moves one of these times.
  const row = await db('slo_collection_state')
    .count({ n: '*' })
    .sum({ versions: 'data_version' })
    .sum({ failures: 'consecutive_failures' })
    .max({ attempt: 'last_attempt_at' })
    .max({ success: 'last_success_at' })
    .max({ error: 'last_error_at' })
    .first();
  return [
    row?.n,
    row?.versions,
    row?.failures,
    row?.attempt,
    row?.success,
    row?.error,
  ]
    .map(value => String(value ?? ''))
    .join(':');
}
