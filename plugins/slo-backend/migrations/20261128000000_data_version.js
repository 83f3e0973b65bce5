// @ts-check

/**
 * A per-SLO counter that every write of buckets raises (collection,
 * compaction, retention). Readers key cached evaluations on it, so a cache
 * shared by requests (and by replicas reading the same database) never
 * serves figures computed from buckets that have changed since.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('slo_collection_state', table => {
    table
      .bigInteger('data_version')
      .notNullable()
      .defaultTo(0)
      .comment('Raised by every write of the SLO buckets');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('slo_collection_state', table => {
    table.dropColumn('data_version');
  });
};
