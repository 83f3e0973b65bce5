// @ts-check

/**
 * The SLO store: which SLOs exist, their good/total event counts per time
 * bucket, and how their collection went. Times of events are epoch seconds;
 * times of bookkeeping (attempts, errors) are epoch milliseconds.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('slo_registry', table => {
    table.comment('Every SLO the collector has seen in the catalog');
    table.string('slo_id', 512).primary().comment('<entityRef>/<name>');
    table.string('entity_ref', 255).notNullable().index();
    table.string('name', 255).notNullable();
    table
      .string('source', 255)
      .notNullable()
      .comment('Resolved source instance');
    table
      .string('definition_hash', 64)
      .notNullable()
      .comment(
        'sha256 of what changes the collected figures; a new hash re-collects',
      );
    table.text('definition').notNullable().comment('SloDefinition as JSON');
    table.bigInteger('first_seen_at').notNullable();
    table.bigInteger('last_seen_at').notNullable();
  });

  await knex.schema.createTable('slo_buckets', table => {
    table.comment('Good and total events per SLO and time bucket');
    table.string('slo_id', 512).notNullable();
    table.bigInteger('bucket_start').notNullable().comment('epoch seconds');
    table.integer('duration_seconds').notNullable();
    table.double('good').notNullable();
    table.double('total').notNullable();
    // The key makes every write an idempotent upsert: collecting a bucket twice
    // replaces it instead of counting it twice.
    table.primary(['slo_id', 'bucket_start', 'duration_seconds']);
  });

  await knex.schema.createTable('slo_collection_state', table => {
    table.comment('How collection of each SLO went last');
    table.string('slo_id', 512).primary();
    table.bigInteger('last_attempt_at').nullable();
    table.bigInteger('last_success_at').nullable();
    table.bigInteger('last_error_at').nullable();
    table.text('last_error').nullable();
    table.integer('consecutive_failures').notNullable().defaultTo(0);
    table.bigInteger('collected_from').nullable().comment('epoch seconds');
    table
      .bigInteger('collected_until')
      .nullable()
      .comment('epoch seconds, exclusive');
  });

  await knex.schema.createTable('slo_collection_errors', table => {
    table.comment('Recent collection errors per SLO, newest kept');
    table.increments('id');
    table.string('slo_id', 512).notNullable().index();
    table.bigInteger('occurred_at').notNullable();
    table.text('message').notNullable();
  });

  await knex.schema.createTable('slo_collector_runs', table => {
    table.comment('One row per collection cycle, for freshness and timing');
    table.increments('id');
    table.bigInteger('started_at').notNullable();
    table.bigInteger('finished_at').notNullable();
    table.integer('duration_ms').notNullable();
    table.integer('slo_count').notNullable();
    table.integer('failed_count').notNullable();
    table.integer('buckets_written').notNullable();
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('slo_collector_runs');
  await knex.schema.dropTable('slo_collection_errors');
  await knex.schema.dropTable('slo_collection_state');
  await knex.schema.dropTable('slo_buckets');
  await knex.schema.dropTable('slo_registry');
};
