// @ts-check

/**
 * Budget-burn episodes recorded when they happen (issue 13): alert states
 * need fine buckets, which compaction merges into hours, so the episodes and
 * their page minutes are computed after each collection and stored here; the
 * review reads them for time whose fine buckets are gone.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('slo_burn_episodes', table => {
    table.comment('Budget-burn episodes of each SLO, recorded at collection');
    table.string('slo_id', 512).notNullable();
    table
      .string('rules_key', 64)
      .notNullable()
      .comment(
        'Hash of the objective, window and bucket length they were found with',
      );
    table.bigInteger('start').notNullable().comment('epoch seconds');
    table.bigInteger('end').notNullable().comment('epoch seconds');
    table.boolean('ongoing').notNullable();
    table.boolean('started_before').notNullable();
    table.string('severity', 16).notNullable().comment('page or ticket');
    table.double('peak_burn_rate').notNullable();
    table.double('bad_events').notNullable();
    table.double('page_minutes').notNullable();
    table
      .text('page_runs')
      .notNullable()
      .comment('JSON [[start, end], ...] of page-firing buckets');
    table.primary(['slo_id', 'rules_key', 'start']);
  });
  await knex.schema.createTable('slo_burn_episode_progress', table => {
    table.comment(
      'Which bucket ends of each SLO have had their alert states recorded',
    );
    table.string('slo_id', 512).notNullable();
    table.string('rules_key', 64).notNullable();
    table
      .bigInteger('recorded_from')
      .notNullable()
      .comment('first bucket end, epoch seconds');
    table
      .bigInteger('recorded_until')
      .notNullable()
      .comment('last bucket end (included)');
    table.primary(['slo_id', 'rules_key']);
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('slo_burn_episode_progress');
  await knex.schema.dropTable('slo_burn_episodes');
};
