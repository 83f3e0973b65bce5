import type { EventBucket } from '@slo-kit/plugin-slo-common';
import { Knex } from 'knex';
import { BucketRow, chunks, num, toBucket } from '../storeRows';
import { dayOf, overlay } from './bucketLists';
import { DAY_SECONDS, decodeDay } from './dayCodec';
import { BLOCK_DAYS, DayRow, packedDayColumns } from './PackedDays';

/**
 * Packed rows per INSERT: a row carries a packed day (up to a few KB), and
 * SQLite caps a multi-row insert at 500 terms.
 */
const PACKED_ROWS_PER_INSERT = 100;

/**
 * `buckets` split at the last UTC midnight at or before `until`: the buckets
 * of days that ended by then (finished: nothing later can belong to them in
 * this collection) and the rest, which go to the head as every cycle's do.
 *
 * @internal
 */
export function splitFinishedDays(
  buckets: EventBucket[],
  until: number | undefined,
): { finished: EventBucket[]; head: EventBucket[] } {
  if (until === undefined) return { finished: [], head: buckets };
  const boundary = dayOf(until);
  const finished: EventBucket[] = [];
  const head: EventBucket[] = [];
  for (const bucket of buckets) {
    (bucket.start < boundary ? finished : head).push(bucket);
  }
  return { finished, head };
}

/**
 * A bucket as a head row stores it: the drivers send numbers as text, where
 * `-0` is `0` (`-0 + 0` is `0`; every other value stays the same double).
 * Packed straight away, a day then reads back as it did through the head.
 */
function asHeadStores(bucket: EventBucket): EventBucket {
  return { ...bucket, good: bucket.good + 0, total: bucket.total + 0 };
}

function groupByDay(
  buckets: Iterable<EventBucket>,
): Map<number, EventBucket[]> {
  const byDay = new Map<number, EventBucket[]>();
  for (const bucket of buckets) {
    const day = dayOf(bucket.start);
    const list = byDay.get(day);
    if (list) list.push(bucket);
    else byDay.set(day, [bucket]);
  }
  return byDay;
}

/**
 * Writes `buckets` (of finished UTC days, see {@link splitFinishedDays})
 * straight into the SLO's packed rows inside `tx`, exactly as writing them
 * to the head and packing them later would leave them: each day's row (or
 * the 16-day block that holds the day) gets its packed buckets, then the
 * head rows of its days, then `buckets` laid over each other, the later
 * replacing a bucket of the same start and duration; those head rows are
 * deleted. So a backfill written twice, or resumed after a crash, replaces
 * its buckets instead of counting them twice, and the bytes of each row are
 * the ones packing would write (`packedDayColumns` of the same sorted list).
 *
 * The caller has locked the SLO's state row first (`recordWrite`) and passes
 * the data version it set. Returns how many packed rows were written.
 *
 * @internal
 */
export async function writeBackfillDays(
  tx: Knex.Transaction,
  sloId: string,
  buckets: EventBucket[],
  revision: number,
): Promise<number> {
  if (buckets.length === 0) return 0;
  const incoming = groupByDay(buckets.map(asHeadStores));
  const days = [...incoming.keys()];
  const first = Math.min(...days);
  const end = Math.max(...days) + DAY_SECONDS;

  // Head rows of these days (a chunk written before this one, a late
  // bucket): by the head's key, the SLO and a range of starts.
  const headRows: BucketRow[] = await tx('slo_buckets')
    .select('bucket_start', 'duration_seconds', 'good', 'total')
    .where({ slo_id: sloId })
    .andWhere('bucket_start', '>=', first)
    .andWhere('bucket_start', '<', end);
  const headByDay = groupByDay(headRows.map(toBucket));

  // Packed rows holding these days: their own, or a block's (a block starts
  // at most BLOCK_DAYS - 1 days before a day it holds).
  const packedRows: DayRow[] = await tx('slo_bucket_days')
    .select('day_start', 'span_days', 'buckets')
    .where({ slo_id: sloId })
    .andWhere('day_start', '>', first - BLOCK_DAYS * DAY_SECONDS)
    .andWhere('day_start', '<', end);
  const packed = new Map<number, { span: number; row: DayRow }>();
  for (const row of packedRows) {
    packed.set(num(row.day_start), { span: num(row.span_days), row });
  }
  const holderOf = (day: number): number => {
    for (const [start, { span }] of packed) {
      if (start <= day && day < start + span * DAY_SECONDS) return start;
    }
    return day;
  };

  // Each holder's head and new buckets, in the order packing lays them.
  const layers = new Map<
    number,
    { head: EventBucket[]; next: EventBucket[] }
  >();
  for (const day of new Set([...headByDay.keys(), ...days])) {
    const holder = holderOf(day);
    const layer = layers.get(holder) ?? { head: [], next: [] };
    layer.head.push(...(headByDay.get(day) ?? []));
    layer.next.push(...(incoming.get(day) ?? []));
    layers.set(holder, layer);
  }
  const rows = [...layers].map(([start, { head, next }]) => {
    const stored = packed.get(start);
    const older = stored ? decodeDay(start, stored.row.buckets) : [];
    const list = overlay(overlay(older, head), next);
    return {
      slo_id: sloId,
      day_start: start,
      ...packedDayColumns(start, list, revision, stored?.span ?? 1),
    };
  });
  for (const batch of chunks(rows, PACKED_ROWS_PER_INSERT)) {
    await tx('slo_bucket_days')
      .insert(batch)
      .onConflict(['slo_id', 'day_start'])
      .merge(
        Object.keys(batch[0]).filter(
          key => key !== 'slo_id' && key !== 'day_start',
        ),
      );
  }
  if (headRows.length > 0) {
    await tx('slo_buckets')
      .where({ slo_id: sloId })
      .andWhere('bucket_start', '>=', first)
      .andWhere('bucket_start', '<', end)
      .delete();
  }
  return rows.length;
}
