import { Knex } from 'knex';
import { compactPackedDays, distinctSloIds } from './packedDays/packedHistory';
import { repackSlo } from './packedDays/PackedDays';
import { recordWrite } from './recordWrite';
import { compactBuckets } from './packedDays/bucketLists';
import { BucketRow, chunks, toBucket } from './storeRows';

/**
 * `SloStore.compact`: merges fine buckets before the cutoff into coarse
 * ones, in the head rows (one SQL aggregate per SLO) and in packed days
 * (whole days, see `compactPackedDays`).
 *
 * @internal
 */
export async function compactHistory(
  db: Knex,
  bucketBatchSize: number,
  options: {
    before: number;
    intoSeconds: number;
    sloIds?: readonly string[];
  },
): Promise<number> {
  const into = options.intoSeconds;
  const cutoff = Math.floor(options.before / into) * into;
  const sloIds = await distinctSloIds(options.sloIds, ids => {
    const query = db('slo_buckets')
      .distinct('slo_id')
      .where('duration_seconds', '<', into)
      .andWhere('bucket_start', '<', cutoff);
    return ids ? query.whereIn('slo_id', ids) : query;
  });

  // An SLO with packed history may hold fine buckets of one hour both in
  // the head (a late re-fetch) and in a packed day: summed apart, the head's
  // sum would replace the packed one and lose the rest of the hour. Its head
  // rows before the cutoff join their packed days first (the head's bucket
  // replacing the packed one of the same start, as on every read), and the
  // packed half below compacts them together.
  const packedIds = new Set(
    await distinctSloIds(sloIds, ids =>
      db('slo_bucket_days')
        .distinct('slo_id')
        .whereIn('slo_id', ids ?? []),
    ),
  );
  for (const sloId of packedIds) {
    await repackSlo(db, sloId, { headBefore: cutoff });
  }

  let merged = 0;
  // One transaction per SLO keeps locks short; each is all-or-nothing, so a
  // failure leaves either the fine buckets or their sum, never both or neither.
  for (const sloId of sloIds.filter(id => !packedIds.has(id))) {
    merged += await db.transaction(async tx => {
      // First: it locks the SLO's state row, the order every writer keeps.
      await recordWrite(tx, sloId);
      const fine = tx('slo_buckets')
        .where({ slo_id: sloId })
        .andWhere('duration_seconds', '<', into)
        .andWhere('bucket_start', '<', cutoff);
      // The fine rows and the coarse rows they may add to, summed in start
      // order as packed days are (`compactBuckets`): a coarse row already
      // there (the hour an outage interrupted) is added to, never replaced.
      const rows: BucketRow[] = await tx('slo_buckets')
        .select('bucket_start', 'duration_seconds', 'good', 'total')
        .where({ slo_id: sloId })
        .andWhere('duration_seconds', '<=', into)
        .andWhere('bucket_start', '<', cutoff)
        .orderBy('bucket_start', 'asc');
      const stored = rows.map(toBucket);
      const touched = new Set(
        stored
          .filter(b => b.durationSeconds < into)
          .map(b => b.start - (b.start % into)),
      );
      if (touched.size === 0) return 0;
      const { buckets, merged: fineCount } = compactBuckets(
        stored,
        into,
        cutoff,
      );
      const sums = buckets.filter(
        b => b.durationSeconds === into && touched.has(b.start),
      );
      for (const batch of chunks(sums, bucketBatchSize)) {
        await tx('slo_buckets')
          .insert(
            batch.map(s => ({
              slo_id: sloId,
              bucket_start: s.start,
              duration_seconds: into,
              good: s.good,
              total: s.total,
            })),
          )
          .onConflict(['slo_id', 'bucket_start', 'duration_seconds'])
          .merge(['good', 'total']);
      }
      await fine.clone().delete();
      return fineCount;
    });
  }
  // Fine buckets already packed (the fine history of days past yesterday).
  merged += await compactPackedDays(db, {
    cutoff,
    intoSeconds: into,
    sloIds: options.sloIds,
  });
  return merged;
}
