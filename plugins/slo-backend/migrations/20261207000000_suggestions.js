// @ts-check

/**
 * Suggested SLOs for services that declare none (issue 24): what the
 * suggestion job found for each entity it looked at, keyed by entity ref.
 * An entity whose search found nothing keeps a row too (with an empty list),
 * so a run capped by its query budget continues with the entities looked at
 * longest ago.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('slo_suggestions', table => {
    table.comment('Suggested SLOs per entity without SLOs, from the suggestion job');
    table.string('entity_ref', 255).primary().comment('kind:namespace/name, lowercase');
    table
      .text('suggestions')
      .notNullable()
      .comment('SloSuggestion[] as JSON; empty when no template has data');
    table
      .text('misses')
      .notNullable()
      .comment('string[] as JSON: why templates gave no suggestion');
    table.integer('suggestion_count').notNullable().defaultTo(0);
    table.bigInteger('checked_at').notNullable().index().comment('epoch milliseconds');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('slo_suggestions');
};
