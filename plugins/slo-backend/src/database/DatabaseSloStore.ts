import { DatabaseService } from '@backstage/backend-plugin-api';
import type { EventBucket } from '@slo-kit/plugin-slo-common';
import { Knex } from 'knex';
import {
  CollectorRun,
  SloCollectionDeferral,
  SloCollectionError,
  SloCollectionState,
  SloRegistration,
  SloStore,
  StoredSlo,
} from './SloStore';
import { migrateSloStore } from './migrateSloStore';
import { compactBuckets } from './compactBuckets';
import {
  listErrors,
  recordFailure,
  upsertState,
} from './collectionStateWrites';
import {
  BucketRow,
  chunks,
  RegistryRow,
  RunRow,
  StateRow,
  toBucket,
  toRun,
  toState,
  toStoredSlo,
} from './storeRows';

/**
 * Rows per INSERT: knex writes SQLite multi-row inserts as a compound SELECT,
 * which SQLite caps at 500 terms; PostgreSQL's limit (65535 parameters) is far above.
 */
const WRITE_BATCH_SIZE = 400;
/**
 * Bucket rows per INSERT on PostgreSQL (5 parameters each, well under its
 * 65535): a backfill writes thousands of buckets per SLO, and every
 * statement is a round trip.
 */
const POSTGRES_BUCKET_BATCH_SIZE = 4000;
/** Errors kept per SLO. */
const ERRORS_KEPT = 20;
/** Collector runs kept. */
const RUNS_KEPT = 200;

/**
 * On SQLite, a write-ahead log with `synchronous = NORMAL`: every collected
 * SLO commits a few small transactions, and in SQLite's default rollback
 * journal each commit waits for two fsyncs. With the log, commits only append;
 * the database stays consistent after a crash and may lose the last commits
 * on power loss, which the next cycle collects again (writes are idempotent).
 * Knex keeps SQLite to one pooled connection, so the per-connection
 * `synchronous` setting holds for the life of the store.
 */
async function tuneSqlite(db: Knex): Promise<void> {
  const client = String(db.client.config.client ?? '');
  if (!client.includes('sqlite')) {
    return;
  }
  await db.raw('PRAGMA journal_mode = WAL');
  await db.raw('PRAGMA synchronous = NORMAL');
}

/**
 * The knex implementation of {@link SloStore}, for SQLite and PostgreSQL.
 *
 * @public
 */
export class DatabaseSloStore implements SloStore {
  /** Connects and runs the package's migrations (unless the database service says to skip them). */
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseSloStore> {
    const client = await options.database.getClient();
    if (!options.database.migrations?.skip) {
      await migrateSloStore(client);
    }
    await tuneSqlite(client);
    return new DatabaseSloStore(client);
  }

  private readonly bucketBatchSize: number;

  private constructor(private readonly db: Knex) {
    this.bucketBatchSize = String(db.client.config.client ?? '').includes(
      'sqlite',
    )
      ? WRITE_BATCH_SIZE
      : POSTGRES_BUCKET_BATCH_SIZE;
  }

  async registerSlo(
    slo: SloRegistration,
    seenAt: number,
  ): Promise<{ isNew: boolean; recollect: boolean }> {
    // Every cycle registers every SLO, and nearly all are known and unchanged:
    // one statement settles those, without a transaction.
    const touched = await this.db('slo_registry')
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
    return this.db.transaction(async tx => {
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
      await tx('slo_buckets').where({ slo_id: slo.sloId }).delete();
      await tx('slo_collection_state').where({ slo_id: slo.sloId }).delete();
      // So are the budget-burn episodes recorded from them.
      await tx('slo_burn_episodes').where({ slo_id: slo.sloId }).delete();
      await tx('slo_burn_episode_progress')
        .where({ slo_id: slo.sloId })
        .delete();
      return { isNew: false, recollect: true };
    });
  }

  async listSlos(filter?: { entityRefs?: string[] }): Promise<StoredSlo[]> {
    if (filter?.entityRefs) {
      const result: StoredSlo[] = [];
      for (const refs of chunks(filter.entityRefs, WRITE_BATCH_SIZE)) {
        const rows = await this.db<RegistryRow>('slo_registry')
          .whereIn('entity_ref', refs)
          .orderBy('slo_id');
        result.push(...rows.map(toStoredSlo));
      }
      return result;
    }
    const rows = await this.db<RegistryRow>('slo_registry').orderBy('slo_id');
    return rows.map(toStoredSlo);
  }

  async removeSlo(sloId: string): Promise<void> {
    await this.db.transaction(async tx => {
      await tx('slo_buckets').where({ slo_id: sloId }).delete();
      await tx('slo_collection_state').where({ slo_id: sloId }).delete();
      await tx('slo_collection_errors').where({ slo_id: sloId }).delete();
      await tx('slo_burn_episodes').where({ slo_id: sloId }).delete();
      await tx('slo_burn_episode_progress').where({ slo_id: sloId }).delete();
      await tx('slo_registry').where({ slo_id: sloId }).delete();
    });
  }

  async getStates(sloIds: string[]): Promise<Map<string, SloCollectionState>> {
    const states = new Map<string, SloCollectionState>();
    if (sloIds.length > WRITE_BATCH_SIZE) {
      // A scorecard asks for (nearly) every SLO: one pass over the table beats
      // many IN lists of hundreds of ids.
      const wanted = new Set(sloIds);
      for (const row of await this.db<StateRow>('slo_collection_state')) {
        if (wanted.has(row.slo_id)) {
          states.set(row.slo_id, toState(row));
        }
      }
      return states;
    }
    for (const ids of chunks(sloIds, WRITE_BATCH_SIZE)) {
      const rows = await this.db<StateRow>('slo_collection_state').whereIn(
        'slo_id',
        ids,
      );
      for (const row of rows) {
        states.set(row.slo_id, toState(row));
      }
    }
    return states;
  }

  async statesFingerprint(): Promise<string> {
    // One aggregate row instead of thousands of state rows: every write of
    // a state raises a data version or moves one of these times.
    const row = await this.db('slo_collection_state')
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

  async saveBuckets(
    sloId: string,
    buckets: EventBucket[],
    collected?: { from: number; until: number },
  ): Promise<number> {
    await this.db.transaction(async tx => {
      for (const batch of chunks(buckets, this.bucketBatchSize)) {
        await tx('slo_buckets')
          .insert(
            batch.map(b => ({
              slo_id: sloId,
              bucket_start: b.start,
              duration_seconds: b.durationSeconds,
              good: b.good,
              total: b.total,
            })),
          )
          .onConflict(['slo_id', 'bucket_start', 'duration_seconds'])
          .merge(['good', 'total']);
      }
      await this.recordWrite(tx, sloId, collected);
    });
    return buckets.length;
  }

  /**
   * Raises the SLO's data version and widens its collected range, in one
   * statement when the SLO has a state already (the usual case).
   */
  private async recordWrite(
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

  async readBuckets(
    sloId: string,
    range: { from: number; to: number },
  ): Promise<EventBucket[]> {
    // Not `select *`: the SLO id in every row would make thousands of strings per read.
    const rows: BucketRow[] = await this.db('slo_buckets')
      .select('bucket_start', 'duration_seconds', 'good', 'total')
      .where({ slo_id: sloId })
      .andWhere('bucket_start', '<', range.to)
      // Overlap test without an expression index: no bucket is longer than a
      // day, so a bucket starting a day before `from` is the earliest candidate.
      .andWhere('bucket_start', '>', range.from - 86400)
      .orderBy('bucket_start', 'asc')
      .orderBy('duration_seconds', 'desc');
    return rows
      .map(toBucket)
      .filter(b => b.start + b.durationSeconds > range.from);
  }

  async bucketsFingerprint(
    sloId: string,
    range: { from: number; to: number },
  ): Promise<string> {
    // The same rows as readBuckets, summed in the database: no row reaches
    // the backend. Start-weighted sums change when events move between
    // buckets; durations when fine buckets are merged into coarse ones.
    const row: Record<string, unknown> | undefined = await this.db(
      'slo_buckets',
    )
      .where({ slo_id: sloId })
      .andWhere('bucket_start', '<', range.to)
      .andWhere('bucket_start', '>', range.from - 86400)
      .andWhereRaw('bucket_start + duration_seconds > ?', [range.from])
      .count({ n: '*' })
      .sum({ good: 'good', total: 'total', seconds: 'duration_seconds' })
      .select(
        this.db.raw('SUM(bucket_start * good) AS start_good'),
        this.db.raw('SUM(bucket_start * total) AS start_total'),
        this.db.raw('MAX(bucket_start) AS last_start'),
      )
      .first();
    return [
      row?.n,
      row?.good,
      row?.total,
      row?.seconds,
      row?.start_good,
      row?.start_total,
      row?.last_start,
    ]
      .map(value => String(value ?? ''))
      .join(':');
  }

  async recordAttempt(sloId: string, at: number): Promise<void> {
    await upsertState(this.db, sloId, { last_attempt_at: at });
  }

  async recordSuccess(sloId: string, at: number): Promise<void> {
    await upsertState(this.db, sloId, {
      last_success_at: at,
      consecutive_failures: 0,
    });
  }

  async recordFailure(
    sloId: string,
    at: number,
    message: string,
  ): Promise<void> {
    await recordFailure(this.db, sloId, at, message, ERRORS_KEPT);
  }

  async recordDeferral(
    sloId: string,
    at: number,
    deferral: Omit<SloCollectionDeferral, 'at'>,
  ): Promise<void> {
    await upsertState(this.db, sloId, {
      deferred_at: at,
      deferred_reason: deferral.reason,
      deferred_interval_seconds: deferral.intervalSeconds,
    });
  }

  async listErrors(
    sloId: string,
    limit = ERRORS_KEPT,
  ): Promise<SloCollectionError[]> {
    return listErrors(this.db, sloId, limit);
  }

  async compact(options: {
    before: number;
    intoSeconds: number;
    sloIds?: readonly string[];
  }): Promise<number> {
    return compactBuckets(this.db, options, {
      bucketBatchSize: this.bucketBatchSize,
      idBatchSize: WRITE_BATCH_SIZE,
      recordWrite: (tx, sloId) => this.recordWrite(tx, sloId),
    });
  }

  async deleteOlderThan(before: number): Promise<number> {
    // One pass over the buckets (no index serves this filter): the deleted
    // rows name the SLOs whose data version must change.
    const deleted = await this.db.transaction(async (tx): Promise<number> => {
      // Raw: knex's delete().returning() is PostgreSQL-only, while SQLite
      // (3.35 and later) knows RETURNING as well.
      const result = await tx.raw(
        'DELETE FROM slo_buckets WHERE bucket_start + duration_seconds <= ? RETURNING slo_id',
        [before],
      );
      const rows: Array<{ slo_id: string }> = Array.isArray(result)
        ? result
        : result.rows;
      const touched = [...new Set(rows.map(row => row.slo_id))];
      for (const ids of chunks(touched, WRITE_BATCH_SIZE)) {
        await tx('slo_collection_state')
          .whereIn('slo_id', ids)
          .update({ data_version: tx.raw('data_version + 1') });
      }
      return rows.length;
    });
    await this.db('slo_collection_errors')
      .where('occurred_at', '<', before * 1000)
      .delete();
    const gone: string[] = (
      await this.db('slo_registry')
        .select('slo_id')
        .where('last_seen_at', '<', before * 1000)
    ).map((r: { slo_id: string }) => r.slo_id);
    for (const sloId of gone) {
      await this.removeSlo(sloId);
    }
    return deleted;
  }

  async recordRun(run: CollectorRun): Promise<void> {
    await this.db('slo_collector_runs').insert({
      started_at: run.startedAt,
      finished_at: run.finishedAt,
      duration_ms: run.durationMs,
      slo_count: run.sloCount,
      failed_count: run.failedCount,
      buckets_written: run.bucketsWritten,
    });
    const newest = await this.db('slo_collector_runs')
      .select('id')
      .orderBy('id', 'desc')
      .offset(RUNS_KEPT)
      .first();
    if (newest) {
      await this.db('slo_collector_runs').where('id', '<=', newest.id).delete();
    }
  }

  async latestRun(): Promise<CollectorRun | undefined> {
    const row = await this.db<RunRow>('slo_collector_runs')
      .orderBy('id', 'desc')
      .first();
    return row ? toRun(row) : undefined;
  }
}
