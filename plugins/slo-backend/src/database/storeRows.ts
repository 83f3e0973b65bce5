import type { EventBucket } from '@slo-kit/plugin-slo-common';
import type { Knex } from 'knex';

/**
 * Rows per INSERT: knex writes SQLite multi-row inserts as a compound SELECT,
 * which SQLite caps at 500 terms; PostgreSQL's limit (65535 parameters) is far above.
 *
 * @internal
 */
export const WRITE_BATCH_SIZE = 400;

/** @internal */
export type BucketRow = {
  bucket_start: number | string;
  duration_seconds: number | string;
  good: number | string;
  total: number | string;
};

/**
 * A number from a row: PostgreSQL returns bigint columns and sums as strings.
 *
 * @internal
 */
export const num = (value: number | string): number => Number(value);

/** @internal */
export const numOrNull = (value: number | string | null): number | null =>
  value === null ? null : Number(value);

/** @internal */
export function chunks<T>(items: T[], size: number): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    result.push(items.slice(i, i + size));
  }
  return result;
}

/** @internal */
export function toBucket(row: BucketRow): EventBucket {
  return {
    start: num(row.bucket_start),
    durationSeconds: num(row.duration_seconds),
    good: num(row.good),
    total: num(row.total),
  };
}

/**
 * A row to write into the head (`slo_buckets`).
 *
 * @internal
 */
export type BucketInsertRow = {
  slo_id: string;
  bucket_start: number;
  duration_seconds: number;
  good: number;
  total: number;
};

/**
 * Upserts rows into the head (`slo_buckets`), `batchSize` rows a statement:
 * a bucket written again replaces its counts, so a repeated range never
 * counts twice. The caller has locked the rows' SLOs' state rows.
 *
 * @internal
 */
export async function upsertBucketRows(
  tx: Knex.Transaction,
  rows: readonly BucketInsertRow[],
  batchSize: number,
): Promise<void> {
  for (const batch of chunks([...rows], batchSize)) {
    await tx('slo_buckets')
      .insert(batch)
      .onConflict(['slo_id', 'bucket_start', 'duration_seconds'])
      .merge(['good', 'total']);
  }
}

/** The head rows of one SLO's buckets. */
export function bucketInsertRows(
  sloId: string,
  buckets: readonly EventBucket[],
): BucketInsertRow[] {
  return buckets.map(b => ({
    slo_id: sloId,
    bucket_start: b.start,
    duration_seconds: b.durationSeconds,
    good: b.good,
    total: b.total,
  }));
}

/**
 * Upserts one SLO's buckets into the head, as {@link upsertBucketRows}.
 *
 * @internal
 */
export async function upsertHeadBuckets(
  tx: Knex.Transaction,
  sloId: string,
  buckets: readonly EventBucket[],
  batchSize: number,
): Promise<void> {
  await upsertBucketRows(tx, bucketInsertRows(sloId, buckets), batchSize);
}
