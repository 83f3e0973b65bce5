import type { EventBucket } from '@slo-kit/plugin-slo-common';
import { Knex } from 'knex';
import { chunks, num, WRITE_BATCH_SIZE } from '../storeRows';
import { compactBuckets } from './bucketLists';
import { DAY_SECONDS } from './dayCodec';
import { BLOCK_DAYS, packBlocks, repackSlo } from './PackedDays';
import {
  finePackedDaysBefore,
  packedDaysOf,
  packedSingleDaysBefore,
} from './packedIndexes';

/**
 * SLOs packed per pass at most: the first pass after an upgrade (35 days of
 * head rows for every SLO) and the pass after each UTC midnight (a day for
 * every SLO) spread over a few cycles instead of stretching one. Until an
 * SLO's turn its rows stay in the head, where they read the same.
 */
export const PACK_SLOS_PER_PASS = 1000;

/**
 * Head rows move into packed days in steps of six hours (UTC): the head then
 * holds about four hours of buckets on average (each one a row of 130-200
 * bytes with its index entry), and each SLO's day row is rewritten four
 * times a day, a few hundred rows a cycle at 30,000 SLOs.
 */
export const PACK_STEP_SECONDS = 6 * 3600;

/**
 * SLO ids from `query(ids)` for each batch of `sloIds`, or from one
 * `query()`: the store's way to ask "which of these SLOs have …" within
 * SQLite's parameter limit.
 *
 * @internal
 */
export async function distinctSloIds(
  sloIds: readonly string[] | undefined,
  query: (ids?: string[]) => Knex.QueryBuilder,
): Promise<string[]> {
  const found: string[] = [];
  for (const ids of sloIds
    ? chunks([...sloIds], WRITE_BATCH_SIZE)
    : [undefined]) {
    const rows: Array<{ slo_id: string }> = await query(ids);
    found.push(...rows.map(row => row.slo_id));
  }
  return [...new Set(found)];
}

/**
 * Moves head rows that start before `before` (rounded down to
 * {@link PACK_STEP_SECONDS}) into their packed days, for at most `maxSlos`
 * SLOs. Returns the number of head rows moved.
 *
 * @internal
 */
export async function packHistory(
  db: Knex,
  options: { before: number; sloIds?: readonly string[]; maxSlos?: number },
): Promise<number> {
  const headBefore =
    Math.floor(options.before / PACK_STEP_SECONDS) * PACK_STEP_SECONDS;
  const sloIds = await distinctSloIds(options.sloIds, ids => {
    const query = db('slo_buckets')
      .distinct('slo_id')
      .where('bucket_start', '<', headBefore);
    return ids ? query.whereIn('slo_id', ids) : query;
  });
  let moved = 0;
  for (const sloId of sloIds.slice(0, options.maxSlos ?? PACK_SLOS_PER_PASS)) {
    moved += await repackSlo(db, sloId, { headBefore });
  }
  return moved;
}

/**
 * The packed half of `SloStore.compact`: merges fine buckets of packed days
 * that END before `cutoff` into buckets of `intoSeconds`. Whole days only,
 * so each SLO's packed day is rewritten once when it leaves the fine
 * history, not every hour; the fine buckets of the day the cutoff falls in
 * stay fine (exact, and finer than needed) until the next day. Returns how
 * many fine buckets were merged away.
 *
 * @internal
 */
export async function compactPackedDays(
  db: Knex,
  options: { cutoff: number; intoSeconds: number; sloIds?: readonly string[] },
): Promise<number> {
  const { cutoff, intoSeconds } = options;
  const rows = await packedDaysOf(
    finePackedDaysBefore(db('slo_bucket_days'), cutoff, intoSeconds),
    options.sloIds,
  );
  const daysBySlo = new Map<string, number[]>();
  for (const row of rows) {
    const days = daysBySlo.get(row.slo_id) ?? [];
    days.push(num(row.day_start));
    daysBySlo.set(row.slo_id, days);
  }
  let merged = 0;
  const transform = (_day: number, buckets: EventBucket[]) => {
    const result = compactBuckets(buckets, intoSeconds, cutoff);
    merged += result.merged;
    return result.buckets;
  };
  for (const [sloId, days] of daysBySlo) {
    await repackSlo(db, sloId, { days, transform });
  }
  await packCompletedBlocks(db, options);
  return merged;
}

/**
 * Day rows of block windows that ended before the cutoff (so every day in
 * them is compacted) go into one row per block.
 */
async function packCompletedBlocks(
  db: Knex,
  options: { cutoff: number; intoSeconds: number; sloIds?: readonly string[] },
): Promise<void> {
  const blockSeconds = BLOCK_DAYS * DAY_SECONDS;
  const limit = Math.floor(options.cutoff / blockSeconds) * blockSeconds;
  const rows = await packedDaysOf(
    packedSingleDaysBefore(db('slo_bucket_days'), limit),
    options.sloIds,
  );
  const blocksBySlo = new Map<string, Set<number>>();
  for (const row of rows) {
    const blocks = blocksBySlo.get(row.slo_id) ?? new Set<number>();
    blocks.add(Math.floor(num(row.day_start) / blockSeconds) * blockSeconds);
    blocksBySlo.set(row.slo_id, blocks);
  }
  for (const [sloId, blocks] of [...blocksBySlo].slice(0, PACK_SLOS_PER_PASS)) {
    await packBlocks(db, sloId, [...blocks], options);
  }
}

/**
 * Deletes packed days whose every bucket ends at or before `before`: packed
 * history is kept in whole days, so up to a day past retention stays until
 * the day's last bucket passes it (keeping more never loses a count, and
 * trimming every boundary day as the cutoff moves would rewrite thousands of
 * rows a cycle). Returns the SLOs touched and the buckets deleted.
 *
 * @internal
 */
export async function deletePackedDays(
  tx: Knex.Transaction,
  before: number,
  /** Only these SLOs' rows (retention passes the SLOs whose state rows it locked). */
  sloIds?: readonly string[],
): Promise<{ sloIds: string[]; buckets: number }> {
  // Raw: knex's delete().returning() is PostgreSQL-only, while SQLite
  // (3.35 and later) knows RETURNING as well.
  const only = sloIds
    ? ` AND slo_id IN (${sloIds.map(() => '?').join(', ')})`
    : '';
  const result = await tx.raw(
    `DELETE FROM slo_bucket_days WHERE max_end <= ?${only} RETURNING slo_id, bucket_count`,
    [before, ...(sloIds ?? [])],
  );
  const rows: Array<{ slo_id: string; bucket_count: number | string }> =
    Array.isArray(result) ? result : result.rows;
  return {
    sloIds: [...new Set(rows.map(row => row.slo_id))],
    buckets: rows.reduce((acc, row) => acc + num(row.bucket_count), 0),
  };
}
