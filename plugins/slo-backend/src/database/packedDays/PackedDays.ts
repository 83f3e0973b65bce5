import type { EventBucket } from '@slo-kit/plugin-slo-common';
import { Knex } from 'knex';
import { recordWriteVersion } from '../recordWrite';
import {
  BucketRow,
  chunks,
  num,
  toBucket,
  WRITE_BATCH_SIZE,
} from '../storeRows';
import { compactBuckets, dayOf, overlay } from './bucketLists';
import { DAY_SECONDS, decodeDay, encodeDay } from './dayCodec';

/**
 * Days of compacted history packed in one row: old history is hourly (24
 * buckets a day), and one row of 16 days instead of 16 rows saves 15 rows'
 * overhead (a row with its key in two indexes costs 150-250 bytes,
 * more than a packed hourly day). Blocks start at multiples of 16 days
 * since the epoch.
 *
 * @internal
 */
export const BLOCK_DAYS = 16;

/** @internal */
export type DayRow = {
  day_start: number | string;
  span_days: number | string;
  buckets: Uint8Array;
};

/**
 * Rows whose buckets can overlap `[from, to)`: a bucket starts inside its
 * row's days (at most a block) and lasts at most a day.
 *
 * @internal
 */
export function overlappingDays(
  query: Knex.QueryBuilder,
  range: { from: number; to: number },
): Knex.QueryBuilder {
  // Days from the day before `from` on; blocks (rarely read, all old) from
  // a block earlier: a read of the last 30 days decodes no day before them.
  return query
    .andWhere('day_start', '<', range.to)
    .andWhere(earliest =>
      earliest
        .where('day_start', '>', range.from - 2 * DAY_SECONDS)
        .orWhere(blocks =>
          blocks
            .where('span_days', '>', 1)
            .andWhere(
              'day_start',
              '>',
              range.from - (BLOCK_DAYS + 1) * DAY_SECONDS,
            ),
        ),
    );
}

/**
 * The packed buckets of an SLO overlapping `[from, to)` (epoch seconds),
 * oldest first.
 *
 * @internal
 */
export async function readPackedBuckets(
  db: Knex,
  sloId: string,
  range: { from: number; to: number },
): Promise<EventBucket[]> {
  const rows: DayRow[] = await overlappingDays(
    db('slo_bucket_days')
      .select('day_start', 'buckets')
      .where({ slo_id: sloId }),
    range,
  ).orderBy('day_start', 'asc');
  const result: EventBucket[] = [];
  for (const row of rows) {
    for (const bucket of decodeDay(num(row.day_start), row.buckets)) {
      if (
        bucket.start < range.to &&
        bucket.start + bucket.durationSeconds > range.from
      ) {
        result.push(bucket);
      }
    }
  }
  return result;
}

/**
 * A short string that changes whenever a packed day that may hold buckets
 * of `[from, to)` is written or deleted: conservative, it also changes for
 * writes to other buckets of those days (every write stamps the row with the
 * SLO's new data version), never misses one.
 *
 * @internal
 */
export async function packedFingerprint(
  db: Knex,
  sloId: string,
  range: { from: number; to: number },
): Promise<string> {
  const row: Record<string, unknown> | undefined = await overlappingDays(
    db('slo_bucket_days').where({ slo_id: sloId }),
    range,
  )
    .count({ n: '*' })
    .sum({
      buckets: 'bucket_count',
      good: 'good',
      total: 'total',
      revisions: 'revision',
    })
    .max({ revision: 'revision' })
    .first();
  return [
    row?.n,
    row?.buckets,
    row?.good,
    row?.total,
    row?.revisions,
    row?.revision,
  ]
    .map(value => String(value ?? ''))
    .join(':');
}

/**
 * The columns of one packed day or block (`buckets` sorted as
 * `sortBuckets`, at least one): every writer of packed rows builds them
 * here, so a day packed later and a day written packed straight away are
 * the same bytes.
 *
 * @internal
 */
export function packedDayColumns(
  dayStart: number,
  buckets: EventBucket[],
  revision: number,
  spanDays = 1,
) {
  let good = 0;
  let total = 0;
  let minDuration = Infinity;
  let maxEnd = 0;
  for (const bucket of buckets) {
    good += bucket.good;
    total += bucket.total;
    minDuration = Math.min(minDuration, bucket.durationSeconds);
    maxEnd = Math.max(maxEnd, bucket.start + bucket.durationSeconds);
  }
  return {
    span_days: spanDays,
    buckets: encodeDay(dayStart, buckets, spanDays * DAY_SECONDS),
    bucket_count: buckets.length,
    good,
    total,
    min_duration: minDuration,
    max_end: maxEnd,
    revision,
  };
}

/**
 * Writes one packed day or block (or deletes it when no bucket is left).
 */
async function writeDay(
  tx: Knex.Transaction,
  sloId: string,
  dayStart: number,
  buckets: EventBucket[],
  revision: number,
  spanDays = 1,
): Promise<void> {
  if (buckets.length === 0) {
    await tx('slo_bucket_days')
      .where({ slo_id: sloId, day_start: dayStart })
      .delete();
    return;
  }
  const row = packedDayColumns(dayStart, buckets, revision, spanDays);
  await tx('slo_bucket_days')
    .insert({ slo_id: sloId, day_start: dayStart, ...row })
    .onConflict(['slo_id', 'day_start'])
    .merge(Object.keys(row));
}

/**
 * What to do to one SLO's history in one transaction.
 *
 * @internal
 */
export interface RepackPlan {
  /**
   * Moves every head row (`slo_buckets`) starting before this time
   * into its packed day (a day so far is packed too, and rewritten with
   * the rest of its buckets later): a head row replaces a packed bucket of the same
   * start and duration (it was written later).
   */
  headBefore?: number;
  /** Packed days to rewrite even when no head row moves into them. */
  days?: number[];
  /** Applied to each rewritten day's buckets (compaction, trimming). */
  transform?: (dayStart: number, buckets: EventBucket[]) => EventBucket[];
}

/**
 * Rewrites an SLO's packed days per `plan`, all or nothing, and raises its
 * data version. Returns how many head rows moved into packed days.
 *
 * The transaction first raises the data version, which on PostgreSQL locks
 * the SLO's state row: every writer of the SLO's buckets does so first (see
 * `recordWrite`), so no head row of the SLO is written between this read
 * and the delete below, and two replicas packing one SLO take turns: the
 * second reads what the first committed, finds nothing left in the head,
 * and rewrites the days to the same buckets.
 *
 * @internal
 */
export async function repackSlo(
  db: Knex,
  sloId: string,
  plan: RepackPlan,
): Promise<number> {
  return db.transaction(async tx => {
    const revision = await recordWriteVersion(tx, sloId);
    const headByDay = new Map<number, EventBucket[]>();
    let headRows = 0;
    if (plan.headBefore !== undefined) {
      const rows: BucketRow[] = await tx('slo_buckets')
        .select('bucket_start', 'duration_seconds', 'good', 'total')
        .where({ slo_id: sloId })
        .andWhere('bucket_start', '<', plan.headBefore);
      headRows = rows.length;
      for (const row of rows) {
        const bucket = toBucket(row);
        const day = dayOf(bucket.start);
        const list = headByDay.get(day) ?? [];
        list.push(bucket);
        headByDay.set(day, list);
      }
    }
    const wanted = [...new Set([...headByDay.keys(), ...(plan.days ?? [])])];
    // The rows holding those days: the day's own, or a block's.
    const packed = new Map<number, { span: number; buckets: EventBucket[] }>();
    for (const batch of chunks(wanted, WRITE_BATCH_SIZE)) {
      const rows: DayRow[] = await tx('slo_bucket_days')
        .select('day_start', 'span_days', 'buckets')
        .where({ slo_id: sloId })
        .andWhere(
          'day_start',
          '>',
          Math.min(...batch) - BLOCK_DAYS * DAY_SECONDS,
        )
        .andWhere('day_start', '<=', Math.max(...batch));
      for (const row of rows) {
        const start = num(row.day_start);
        packed.set(start, {
          span: num(row.span_days),
          buckets: decodeDay(start, row.buckets),
        });
      }
    }
    const holderOf = (day: number): number => {
      for (const [start, { span }] of packed) {
        if (start <= day && day < start + span * DAY_SECONDS) return start;
      }
      return day;
    };
    const incoming = new Map<number, EventBucket[]>();
    for (const day of wanted) {
      const holder = holderOf(day);
      incoming.set(holder, [
        ...(incoming.get(holder) ?? []),
        ...(headByDay.get(day) ?? []),
      ]);
    }
    for (const [start, head] of incoming) {
      const row = packed.get(start);
      let buckets = overlay(row?.buckets ?? [], head);
      if (plan.transform) buckets = plan.transform(start, buckets);
      await writeDay(tx, sloId, start, buckets, revision, row?.span ?? 1);
    }
    if (headRows > 0) {
      await tx('slo_buckets')
        .where({ slo_id: sloId })
        .andWhere('bucket_start', '<', plan.headBefore!)
        .delete();
    }
    return headRows;
  });
}

/**
 * Packs the day rows of each whole block window (see {@link BLOCK_DAYS})
 * into one row per block, all or nothing, raising the SLO's data version
 * first (the state-row lock every writer takes first). Buckets shorter
 * than `intoSeconds` before `cutoff` are merged on the way, as compaction
 * would. Returns how many rows were merged away.
 *
 * @internal
 */
export async function packBlocks(
  db: Knex,
  sloId: string,
  blockStarts: number[],
  compaction: { intoSeconds: number; cutoff: number },
): Promise<number> {
  return db.transaction(async tx => {
    const revision = await recordWriteVersion(tx, sloId);
    let merged = 0;
    for (const block of blockStarts) {
      const end = block + BLOCK_DAYS * DAY_SECONDS;
      const rows: DayRow[] = await tx('slo_bucket_days')
        .select('day_start', 'span_days', 'buckets')
        .where({ slo_id: sloId })
        .andWhere('day_start', '>=', block)
        .andWhere('day_start', '<', end)
        .orderBy('day_start', 'asc');
      let buckets: EventBucket[] = [];
      for (const row of rows) {
        buckets = overlay(buckets, decodeDay(num(row.day_start), row.buckets));
      }
      buckets = compactBuckets(
        buckets,
        compaction.intoSeconds,
        compaction.cutoff,
      ).buckets;
      await tx('slo_bucket_days')
        .where({ slo_id: sloId })
        .andWhere('day_start', '>', block)
        .andWhere('day_start', '<', end)
        .delete();
      await writeDay(tx, sloId, block, buckets, revision, BLOCK_DAYS);
      merged += Math.max(rows.length - 1, 0);
    }
    return merged;
  });
}
