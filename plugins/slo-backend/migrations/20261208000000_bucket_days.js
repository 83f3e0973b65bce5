// @ts-check

/**
 * Compact history (issue 16): one row per SLO and UTC day holding that day's
 * buckets packed (old compacted days in blocks of 16 days) (see src/database/packedDays/dayCodec.ts). `slo_buckets`
 * stays the head that each cycle upserts into; the hourly compaction pass
 * moves complete days older than yesterday here. This migration only
 * creates the table: rows already in `slo_buckets` stay readable there (the
 * store reads both) and are packed by that pass, a bounded number of SLOs
 * per cycle, so no count is rewritten during the upgrade.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('slo_bucket_days', table => {
    table.comment('The buckets of one SLO and one UTC day, packed');
    table.string('slo_id', 512).notNullable();
    table
      .bigInteger('day_start')
      .notNullable()
      .comment('epoch seconds, a UTC midnight');
    table
      .integer('span_days')
      .notNullable()
      .defaultTo(1)
      .comment('days the row holds: 1, or a block of old compacted days');
    table
      .binary('buckets')
      .notNullable()
      .comment('the packed buckets: a format byte, then raw deflate');
    table.integer('bucket_count').notNullable();
    table
      .double('good')
      .notNullable()
      .comment('sum of the buckets, for fingerprints');
    table
      .double('total')
      .notNullable()
      .comment('sum of the buckets, for fingerprints');
    table
      .integer('min_duration')
      .notNullable()
      .comment(
        'shortest bucket, seconds: finds days with fine buckets to compact',
      );
    table
      .bigInteger('max_end')
      .notNullable()
      .comment('latest bucket end, epoch seconds: finds days past retention');
    table
      .bigInteger('revision')
      .notNullable()
      .comment('the data version of the SLO when the row was last written');
    table.primary(['slo_id', 'day_start']);
    // Retention drops whole days of every SLO by age.
    table.index(['max_end'], 'slo_bucket_days_max_end_idx');
  });
};

/**
 * Going back is refused while packed days exist: the older code only reads
 * `slo_buckets`, and dropping the table would lose their counts.
 *
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  const row = await knex('slo_bucket_days').count({ n: '*' }).first();
  const packed = Number(row?.n ?? 0);
  if (packed > 0) {
    throw new Error(
      `slo_bucket_days holds ${packed} packed days of SLO history that the previous version cannot read; ` +
        'dropping it would lose their counts. Keep this version, or restore a backup taken before the upgrade.',
    );
  }
  await knex.schema.dropTable('slo_bucket_days');
};
