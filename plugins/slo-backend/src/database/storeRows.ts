import type { EventBucket } from '@slo-kit/plugin-slo-common';

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
