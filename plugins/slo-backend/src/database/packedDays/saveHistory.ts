import type { EventBucket } from '@slo-kit/plugin-slo-common';
import { Knex } from 'knex';
import { recordWrite } from '../recordWrite';
import { num, upsertHeadBuckets } from '../storeRows';
import { splitFinishedDays, writeBackfillDays } from './writeBackfillDays';

/**
 * `SloStore.saveHistory`: one transaction that locks the SLO's state row
 * first (`recordWrite`, as every writer of its buckets does), advances its
 * collected range, records the success when given, writes the buckets of
 * finished UTC days straight into packed rows ({@link writeBackfillDays})
 * and upserts the rest into the head as `saveBuckets` does. Returns the
 * number of buckets written.
 *
 * @internal
 */
export async function saveHistory(
  db: Knex,
  options: {
    sloId: string;
    buckets: EventBucket[];
    collected?: { from: number; until: number };
    /** The state columns a success sets (the store's own definition). */
    success?: Record<string, number>;
    /** Head rows per INSERT (the store's, per database). */
    headBatchSize: number;
  },
): Promise<number> {
  const { sloId, buckets, collected } = options;
  const { finished, head } = splitFinishedDays(buckets, collected?.until);
  await db.transaction(async tx => {
    await recordWrite(tx, sloId, collected);
    const state = tx('slo_collection_state').where({ slo_id: sloId });
    if (options.success) {
      await state.clone().update(options.success);
    }
    if (finished.length > 0) {
      const row = await state.clone().select('data_version').first();
      await writeBackfillDays(tx, sloId, finished, num(row.data_version));
    }
    await upsertHeadBuckets(tx, sloId, head, options.headBatchSize);
  });
  return buckets.length;
}
