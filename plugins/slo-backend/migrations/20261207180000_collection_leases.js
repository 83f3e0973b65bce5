// @ts-check

/**
 * Collection leases (issue 24): a row per collection cycle that is running,
 * on whichever replica, so the suggestion job of every replica sharing the
 * database holds its source queries back until no cycle runs. A row expires
 * at the cycle's timeout, so a replica that dies mid-cycle holds nothing
 * back for longer than that.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('slo_collection_leases', table => {
    table.comment('Collection cycles running now, on any replica; read by the suggestion job');
    table.string('holder', 64).primary().comment('a random id per cycle');
    table.bigInteger('started_at').notNullable().comment('epoch milliseconds');
    table
      .bigInteger('expires_at')
      .notNullable()
      .index()
      .comment('epoch milliseconds: the cycle timeout; a lease past it is ignored');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('slo_collection_leases');
};
