import { Knex } from 'knex';
import { compactPackedDays, distinctSloIds } from './packedDays/packedHistory';
import { repackSlo } from './packedDays/PackedDays';
import { recordWrite } from './recordWrite';
import { chunks, num } from './storeRows';

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
      for (const batch of chunks(sums, bucketBatchSize)) {
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
      return sums.reduce((acc, s) => acc + num(s.n), 0);
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
