// @ts-check

/**
 * Budget-exhaustion episodes (issue 15): whether each SLO's error budget (the
 * primary objective's budget remaining, the tab's figure) is spent, since
 * when, and in which calendar period, so that "budget exhausted" is announced
 * once per episode, across cycles and replicas (the recorder locks the row).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('slo_budget_exhaustion', table => {
    table.comment(
      'Error-budget exhaustion state of each SLO, for announcing it once',
    );
    table.string('slo_id', 512).primary();
    table
      .boolean('exhausted')
      .notNullable()
      .comment('budget remaining <= 0 at the last evaluation recorded');
    table
      .bigInteger('since')
      .nullable()
      .comment(
        'evaluation time the current or last episode was first found, epoch seconds',
      );
    table
      .boolean('started_before')
      .notNullable()
      .defaultTo(false)
      .comment(
        'already exhausted at the first evaluation recorded: it may have been spent earlier',
      );
    table
      .bigInteger('ended_at')
      .nullable()
      .comment('evaluation time the last episode ended, epoch seconds');
    table
      .bigInteger('period_start')
      .nullable()
      .comment(
        'calendar window start of the last evaluation; null for rolling windows',
      );
    table
      .bigInteger('evaluated_at')
      .nullable()
      .comment(
        'evaluation time of the last evaluation recorded; null before the first',
      );
    table
      .double('budget_remaining')
      .nullable()
      .comment('fraction of the budget, last recorded');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('slo_budget_exhaustion');
};
