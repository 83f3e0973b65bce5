// @ts-check

/**
 * Indexes for the collector's compaction pass over packed history
 * (src/database/packedDays/packedHistory.ts, review finding F5). Each cycle
 * it asks, for every SLO, which packed days still hold fine buckets past
 * the fine history and which day rows belong in a 16-day block. Through the
 * primary key alone both read every packed row of every SLO (400 days of
 * history) from the table to test `min_duration` and `span_days`. These
 * partial indexes hold only the rows that can match, keyed by SLO and day,
 * so each question reads the few rows that answer it.
 *
 * The predicates are repeated literally in the queries (`packedIndexes.ts`):
 * SQLite uses a partial index only when the query's WHERE holds the index's
 * own terms, and PostgreSQL must be able to prove them.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.raw(
    'CREATE INDEX slo_bucket_days_fine_idx ON slo_bucket_days (day_start, slo_id) WHERE min_duration < 3600',
  );
  await knex.schema.raw(
    'CREATE INDEX slo_bucket_days_single_idx ON slo_bucket_days (day_start, slo_id) WHERE span_days = 1',
  );
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.raw('DROP INDEX slo_bucket_days_single_idx');
  await knex.schema.raw('DROP INDEX slo_bucket_days_fine_idx');
};
