import { DatabaseService } from '@backstage/backend-plugin-api';
import type { EventBucket } from '@slo-kit/plugin-slo-common';
import { Knex } from 'knex';
import {
  CollectorRun,
  RegistrationResult,
  SloBucketWrite,
  SloCollectionDeferral,
  SloCollectionError,
  SloCollectionState,
  SloRegistration,
  SloStore,
  StoredSlo,
} from './SloStore';
import { migrateSloStore } from './migrateSloStore';
import {
  latestRun,
  listErrors,
  recordFailure,
  recordRun,
} from './collectionLog';
import { overlay } from './packedDays/bucketLists';
import { packedFingerprint, readPackedBuckets } from './packedDays/PackedDays';
import { packHistory } from './packedDays/packedHistory';
import { saveHistory } from './packedDays/saveHistory';
import { compactHistory } from './compactHistory';
import { recordWrite } from './recordWrite';
import { deleteOlderThan } from './retention';
import {
  getStates,
  statesFingerprint,
  successUpdate,
  upsertState,
} from './collectionState';
import { listSlos, registerSlo, removeSlo } from './sloRegistry';
import { registerSlos } from './registerSlos';
import { saveBucketsGroup } from './groupWrites/saveBucketsGroup';
import { readBucketsOfMany } from './groupReads/readBucketsOfMany';
import {
  BucketRow,
  toBucket,
  upsertHeadBuckets,
  WRITE_BATCH_SIZE,
} from './storeRows';

/**
 * Bucket rows per INSERT on PostgreSQL (5 parameters each, well under its
 * 65535): a backfill writes thousands of buckets per SLO, and every
 * statement is a round trip.
 */
const POSTGRES_BUCKET_BATCH_SIZE = 4000;

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
    return registerSlo(this.db, slo, seenAt);
  }

  async registerSlos(
    slos: readonly SloRegistration[],
    seenAt: number,
  ): Promise<Map<string, RegistrationResult>> {
    return registerSlos(this.db, slos, seenAt);
  }

  async listSlos(filter?: { entityRefs?: string[] }): Promise<StoredSlo[]> {
    return listSlos(this.db, filter);
  }

  async removeSlo(sloId: string): Promise<void> {
    await removeSlo(this.db, sloId);
  }

  async getStates(sloIds: string[]): Promise<Map<string, SloCollectionState>> {
    return getStates(this.db, sloIds);
  }

  async statesFingerprint(): Promise<string> {
    return statesFingerprint(this.db);
  }

  async saveBuckets(
    sloId: string,
    buckets: EventBucket[],
    collected?: { from: number; until: number },
    success?: { at: number; attemptAt?: number },
  ): Promise<number> {
    await this.db.transaction(async tx => {
      // First: it locks the SLO's state row, the order every writer keeps.
      await recordWrite(tx, sloId, collected);
      if (success) {
        // The row exists now (recordWrite): an update, in this commit.
        await tx('slo_collection_state')
          .where({ slo_id: sloId })
          .update(successUpdate(success.at, success.attemptAt));
      }
      await upsertHeadBuckets(tx, sloId, buckets, this.bucketBatchSize);
    });
    return buckets.length;
  }

  async saveHistory(
    sloId: string,
    buckets: EventBucket[],
    collected?: { from: number; until: number },
    success?: { at: number; attemptAt?: number },
  ): Promise<number> {
    return saveHistory(this.db, {
      sloId,
      buckets,
      collected,
      success: success && successUpdate(success.at, success.attemptAt),
      headBatchSize: this.bucketBatchSize,
    });
  }

  async saveBucketsGroup(writes: readonly SloBucketWrite[]): Promise<number> {
    return saveBucketsGroup(this.db, writes, this.bucketBatchSize);
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
    const head = rows
      .map(toBucket)
      .filter(b => b.start + b.durationSeconds > range.from);
    const packed = await readPackedBuckets(this.db, sloId, range);
    // A head row was written after the packed day (a late bucket): it wins.
    return packed.length === 0 ? head : overlay(packed, head);
  }

  async readBucketsOfMany(
    sloIds: readonly string[],
    range: { from: number; to: number },
  ): Promise<Map<string, EventBucket[]>> {
    return readBucketsOfMany(this.db, sloIds, range);
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
    const head = [
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
    return `${head}|${await packedFingerprint(this.db, sloId, range)}`;
  }

  async recordAttempt(sloId: string, at: number): Promise<void> {
    await upsertState(this.db, sloId, { last_attempt_at: at });
  }

  async recordSuccess(
    sloId: string,
    at: number,
    attemptAt?: number,
  ): Promise<void> {
    await upsertState(this.db, sloId, successUpdate(at, attemptAt));
  }

  async recordFailure(
    sloId: string,
    at: number,
    message: string,
  ): Promise<void> {
    await recordFailure(this.db, sloId, at, message);
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
    limit?: number,
  ): Promise<SloCollectionError[]> {
    return listErrors(this.db, sloId, limit);
  }

  async compact(options: {
    before: number;
    intoSeconds: number;
    sloIds?: readonly string[];
  }): Promise<number> {
    return compactHistory(this.db, this.bucketBatchSize, options);
  }

  async packHistory(options: {
    before: number;
    sloIds?: readonly string[];
  }): Promise<number> {
    return packHistory(this.db, options);
  }

  async deleteOlderThan(before: number): Promise<number> {
    return deleteOlderThan(this.db, before);
  }

  async recordRun(run: CollectorRun): Promise<void> {
    await recordRun(this.db, run);
  }

  async latestRun(): Promise<CollectorRun | undefined> {
    return latestRun(this.db);
  }
}
