import { Knex } from 'knex';
import { chunks, num } from './storeRows';

/**
 * Merges an SLO's buckets shorter than `intoSeconds` that start before
 * `before` into buckets of `intoSeconds` (see `SloStore.compact`). Returns
 * how many fine buckets were merged away.
 *
 * @internal
 */
export async function compactBuckets(
  db: Knex,
  options: {
    before: number;
    intoSeconds: number;
    sloIds?: readonly string[];
  },
  writes: {
    /** Bucket rows per INSERT. */
    bucketBatchSize: number;
    /** SLO ids per `IN (...)`. */
    idBatchSize: number;
    /** Raises the SLO's data version inside the transaction. */
    recordWrite: (tx: Knex.Transaction, sloId: string) => Promise<void>;
  },
): Promise<number> {
  const { bucketBatchSize, idBatchSize, recordWrite } = writes;
    const into = options.intoSeconds;
    const cutoff = Math.floor(options.before / into) * into;
    const withFineBuckets = (ids?: readonly string[]) => {
      const query = db('slo_buckets')
        .distinct('slo_id')
        .where('duration_seconds', '<', into)
        .andWhere('bucket_start', '<', cutoff);
      return ids ? query.whereIn('slo_id', ids) : query;
    };
    const sloIds: string[] = [];
    for (const ids of options.sloIds
      ? chunks([...options.sloIds], idBatchSize)
      : [undefined]) {
      const rows: Array<{ slo_id: string }> = await withFineBuckets(ids);
      sloIds.push(...rows.map(r => r.slo_id));
    }

    let merged = 0;
    // One transaction per SLO keeps locks short; each is all-or-nothing, so a
    // failure leaves either the fine buckets or their sum, never both or neither.
    for (const sloId of sloIds) {
      merged += await db.transaction(async tx => {
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
        await recordWrite(tx, sloId);
        return sums.reduce((acc, s) => acc + num(s.n), 0);
      });
    }
    return merged;
}
