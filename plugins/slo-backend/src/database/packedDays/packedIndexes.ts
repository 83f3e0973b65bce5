import { Knex } from 'knex';
import { DAY_SECONDS } from './dayCodec';

/**
 * The longest bucket the partial index `slo_bucket_days_fine_idx`
 * (migration `20261208100000_packed_day_indexes.js`) treats as fine: it
 * holds the rows whose `min_duration` is below this.
 */
const FINE_INDEX_SECONDS = 3600;

/**
 * Packed rows that hold buckets shorter than `intoSeconds` and END by
 * `cutoff`, in terms the indexes serve: `day_start` bounded (a row spans at
 * least a day) beside the exact test, and, for coarse buckets of up to an
 * hour (every resolution today), the fine index's own predicate written out
 * literally, which SQLite needs to use a partial index and PostgreSQL to
 * prove it applies. Longer `intoSeconds` still select the right rows, by the
 * primary key.
 *
 * @internal
 */
export function finePackedDaysBefore(
  query: Knex.QueryBuilder,
  cutoff: number,
  intoSeconds: number,
): Knex.QueryBuilder {
  const narrowed =
    intoSeconds <= FINE_INDEX_SECONDS
      ? query.whereRaw(`min_duration < ${FINE_INDEX_SECONDS}`)
      : query;
  return narrowed
    .andWhere('min_duration', '<', intoSeconds)
    .andWhere('day_start', '<=', cutoff - DAY_SECONDS)
    .andWhereRaw('day_start + span_days * ? <= ?', [DAY_SECONDS, cutoff]);
}

/**
 * Single-day packed rows (not blocks) starting before `before`, by the
 * partial index `slo_bucket_days_single_idx` (its predicate, literally).
 *
 * @internal
 */
export function packedSingleDaysBefore(
  query: Knex.QueryBuilder,
  before: number,
): Knex.QueryBuilder {
  return query.whereRaw('span_days = 1').andWhere('day_start', '<', before);
}

/**
 * The `slo_id` and `day_start` of the rows `query` selects, of `sloIds` only
 * when given: asked once and filtered here, because the rows the two
 * questions above select are few (what this pass has to do), while an IN
 * list of the SLO ids leads SQLite's planner to the primary key, which reads
 * every packed row of each SLO before the bound.
 *
 * @internal
 */
export async function packedDaysOf(
  query: Knex.QueryBuilder,
  sloIds: readonly string[] | undefined,
): Promise<Array<{ slo_id: string; day_start: number | string }>> {
  const rows: Array<{ slo_id: string; day_start: number | string }> =
    await query.select('slo_id', 'day_start');
  if (!sloIds) return rows;
  const wanted = new Set(sloIds);
  return rows.filter(row => wanted.has(row.slo_id));
}
