import { DatabaseService } from '@backstage/backend-plugin-api';
import type { EventBucket, SloDefinition } from '@slo-kit/plugin-slo-common';
import { Knex } from 'knex';
import {
  CollectorRun,
  SloCollectionError,
  SloCollectionState,
  SloRegistration,
  SloStore,
  StoredSlo,
} from './SloStore';
import { migrateSloStore } from './migrateSloStore';

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

type StateRow = {
  slo_id: string;
  last_attempt_at: number | string | null;
  last_success_at: number | string | null;
  last_error_at: number | string | null;
  last_error: string | null;
  consecutive_failures: number | string;
  collected_from: number | string | null;
  collected_until: number | string | null;
  data_version: number | string;
};

type BucketRow = {
  bucket_start: number | string;
  duration_seconds: number | string;
  good: number | string;
  total: number | string;
};

type RunRow = {
  started_at: number | string;
  finished_at: number | string;
  duration_ms: number | string;
  slo_count: number | string;
  failed_count: number | string;
  buckets_written: number | string;
};

// PostgreSQL returns bigint columns and sums as strings.
const num = (value: number | string): number => Number(value);
const numOrNull = (value: number | string | null): number | null =>
  value === null ? null : Number(value);

function chunks<T>(items: T[], size: number): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    result.push(items.slice(i, i + size));
  }
  return result;
}

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

function toState(row: StateRow): SloCollectionState {
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
  };
}

function toBucket(row: BucketRow): EventBucket {
  return {
    start: num(row.bucket_start),
    durationSeconds: num(row.duration_seconds),
    good: num(row.good),
    total: num(row.total),
  };
}

function toRun(row: RunRow): CollectorRun {
  return {
    startedAt: num(row.started_at),
    finishedAt: num(row.finished_at),
    durationMs: num(row.duration_ms),
    sloCount: num(row.slo_count),
    failedCount: num(row.failed_count),
    bucketsWritten: num(row.buckets_written),
  };
}

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

  private async upsertState(
    sloId: string,
    update: Partial<Omit<StateRow, 'slo_id'>>,
  ): Promise<void> {
    await this.db('slo_collection_state')
      .insert({ slo_id: sloId, consecutive_failures: 0, ...update })
      .onConflict('slo_id')
      .merge(Object.keys(update));
  }

  async recordAttempt(sloId: string, at: number): Promise<void> {
    await this.upsertState(sloId, { last_attempt_at: at });
  }

  async recordSuccess(sloId: string, at: number): Promise<void> {
    await this.upsertState(sloId, {
      last_success_at: at,
      consecutive_failures: 0,
    });
  }

  async recordFailure(
    sloId: string,
    at: number,
    message: string,
  ): Promise<void> {
    await this.db.transaction(async tx => {
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
        .limit(ERRORS_KEPT);
      const kept = (await keep).map((r: { id: number }) => r.id);
      await tx('slo_collection_errors')
        .where({ slo_id: sloId })
        .whereNotIn('id', kept)
        .delete();
    });
  }

  async listErrors(
    sloId: string,
    limit = ERRORS_KEPT,
  ): Promise<SloCollectionError[]> {
    const rows = await this.db('slo_collection_errors')
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

  async compact(options: {
    before: number;
    intoSeconds: number;
    sloIds?: readonly string[];
  }): Promise<number> {
    const into = options.intoSeconds;
    const cutoff = Math.floor(options.before / into) * into;
    const withFineBuckets = (ids?: readonly string[]) => {
      const query = this.db('slo_buckets')
        .distinct('slo_id')
        .where('duration_seconds', '<', into)
        .andWhere('bucket_start', '<', cutoff);
      return ids ? query.whereIn('slo_id', ids) : query;
    };
    const sloIds: string[] = [];
    for (const ids of options.sloIds
      ? chunks([...options.sloIds], WRITE_BATCH_SIZE)
      : [undefined]) {
      const rows: Array<{ slo_id: string }> = await withFineBuckets(ids);
      sloIds.push(...rows.map(r => r.slo_id));
    }

    let merged = 0;
    // One transaction per SLO keeps locks short; each is all-or-nothing, so a
    // failure leaves either the fine buckets or their sum, never both or neither.
    for (const sloId of sloIds) {
      merged += await this.db.transaction(async tx => {
        const fine = tx('slo_buckets')
          .where({ slo_id: sloId })
          .andWhere('duration_seconds', '<', into)
          .andWhere('bucket_start', '<', cutoff);
        const sums: Array<{
          coarse_start: number | string;
          good: number | string;
          total: number | string;
          n: number | string;
        }> = await fine
          .clone()
          .select(
            tx.raw('bucket_start - (bucket_start % ?) as coarse_start', [into]),
          )
          .sum({ good: 'good', total: 'total' })
          .count({ n: '*' })
          .groupBy('coarse_start');
        for (const batch of chunks(sums, this.bucketBatchSize)) {
          await tx('slo_buckets')
            .insert(
              batch.map(s => ({
                slo_id: sloId,
                bucket_start: num(s.coarse_start),
                duration_seconds: into,
                good: num(s.good),
                total: num(s.total),
              })),
            )
            .onConflict(['slo_id', 'bucket_start', 'duration_seconds'])
            .merge(['good', 'total']);
        }
        await fine.clone().delete();
        await this.recordWrite(tx, sloId);
        return sums.reduce((acc, s) => acc + num(s.n), 0);
      });
    }
    return merged;
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
