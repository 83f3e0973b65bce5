// @ts-check

/**
 * Query budgets (issue 16): when a source's budget (queries per hour, or its
 * rate limit) would be overspent, the collector leaves SLOs for a later
 * cycle instead of failing them. The state row says when and why, so the
 * SLO tab can show how often the SLO is collected and what stretches it.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('slo_collection_state', table => {
    table
      .bigInteger('deferred_at')
      .nullable()
      .comment('epoch milliseconds: the last time a query budget deferred this SLO');
    table
      .text('deferred_reason')
      .nullable()
      .comment('the budget and what was spent, for people');
    table
      .integer('deferred_interval_seconds')
      .nullable()
      .comment('how often the budget lets each SLO of the source be collected');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('slo_collection_state', table => {
    table.dropColumn('deferred_at');
    table.dropColumn('deferred_reason');
    table.dropColumn('deferred_interval_seconds');
  });
};
