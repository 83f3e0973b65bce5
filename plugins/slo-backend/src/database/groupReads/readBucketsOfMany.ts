import type { EventBucket } from '@slo-kit/plugin-slo-common';
import { Knex } from 'knex';
import { overlay } from '../packedDays/bucketLists';
import { decodeDay } from '../packedDays/dayCodec';
import { overlappingDays } from '../packedDays/PackedDays';
import {
  chunks,
  num,
  toBucket,
  WRITE_BATCH_SIZE,
  type BucketRow,
} from '../storeRows';

/**
 * `SloStore.readBucketsOfMany`: what `readBuckets` returns for each of
 * several SLOs over one range, with one read of the head and one of the
 * packed days per {@link WRITE_BATCH_SIZE} SLOs instead of two per SLO.
 * The same rows, filters and order as `readBuckets`, so each SLO's list is
 * the one `readBuckets` gives it.
 *
 * @internal
 */
export async function readBucketsOfMany(
  db: Knex,
  sloIds: readonly string[],
  range: { from: number; to: number },
): Promise<Map<string, EventBucket[]>> {
  const head = new Map<string, EventBucket[]>();
  const packed = new Map<string, EventBucket[]>();
  for (const ids of chunks([...new Set(sloIds)], WRITE_BATCH_SIZE)) {
    const rows: Array<BucketRow & { slo_id: string }> = await db('slo_buckets')
      .select('slo_id', 'bucket_start', 'duration_seconds', 'good', 'total')
      .whereIn('slo_id', ids)
      .andWhere('bucket_start', '<', range.to)
      // As readBuckets: no bucket is longer than a day.
      .andWhere('bucket_start', '>', range.from - 86400)
      .orderBy('slo_id', 'asc')
      .orderBy('bucket_start', 'asc')
      .orderBy('duration_seconds', 'desc');
    for (const row of rows) {
      const bucket = toBucket(row);
      if (bucket.start + bucket.durationSeconds <= range.from) continue;
      const list = head.get(row.slo_id) ?? [];
      list.push(bucket);
      head.set(row.slo_id, list);
    }
    const days: Array<{
      slo_id: string;
      day_start: number | string;
      buckets: Uint8Array;
    }> = await overlappingDays(
      db('slo_bucket_days')
        .select('slo_id', 'day_start', 'buckets')
        .whereIn('slo_id', ids),
      range,
    )
      .orderBy('slo_id', 'asc')
      .orderBy('day_start', 'asc');
    for (const day of days) {
      const list = packed.get(day.slo_id) ?? [];
      for (const bucket of decodeDay(num(day.day_start), day.buckets)) {
        if (
          bucket.start < range.to &&
          bucket.start + bucket.durationSeconds > range.from
        ) {
          list.push(bucket);
        }
      }
      packed.set(day.slo_id, list);
    }
  }
  const result = new Map<string, EventBucket[]>();
  for (const sloId of sloIds) {
    const newer = head.get(sloId) ?? [];
    const older = packed.get(sloId) ?? [];
    // As readBuckets: a head row was written after the packed day; it wins.
    result.set(sloId, older.length === 0 ? newer : overlay(older, newer));
  }
  return result;
}
