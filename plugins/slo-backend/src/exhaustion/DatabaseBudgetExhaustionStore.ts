import type { DatabaseService } from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';
import type { BudgetExhaustionState } from './budgetExhaustionTransition';

const TABLE = 'slo_budget_exhaustion';

type Row = {
  exhausted: boolean | number;
  since: number | string | null;
  started_before: boolean | number;
  ended_at: number | string | null;
  period_start: number | string | null;
  evaluated_at: number | string | null;
  budget_remaining: number | string | null;
};

const numberOrNull = (v: number | string | null) =>
  v === null ? null : Number(v);

/**
 * Stores each SLO's budget-exhaustion state (table `slo_budget_exhaustion`,
 * created by the SLO store's migrations) and changes it one SLO at a time
 * under a row lock.
 *
 * @public
 */
export class DatabaseBudgetExhaustionStore {
  /** Its table is created by `DatabaseSloStore.create`'s migrations: create that first. */
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseBudgetExhaustionStore> {
    return new DatabaseBudgetExhaustionStore(
      await options.database.getClient(),
    );
  }

  constructor(private readonly db: Knex) {}

  /**
   * Reads the SLO's state with its row locked, lets `decide` compute the next
   * one, stores it and commits. Two replicas deciding for one SLO at once
   * take turns (PostgreSQL `SELECT … FOR UPDATE`; SQLite writes one
   * transaction at a time), so the second decides from what the first stored.
   * Resolves to what `decide` returned once it is committed.
   */
  async transition<T extends { next: BudgetExhaustionState } | null>(
    sloId: string,
    decide: (previous: BudgetExhaustionState | undefined) => T,
  ): Promise<T> {
    return this.db.transaction(async tx => {
      // A row to lock, also for an SLO never evaluated; the insert waits on
      // another transaction's uncommitted row, if any.
      await tx(TABLE)
        .insert({ slo_id: sloId, exhausted: false })
        .onConflict('slo_id')
        .ignore();
      const locking = tx(TABLE).where({ slo_id: sloId }).first();
      // SQLite has no row locks (and writes one transaction at a time).
      const row: Row | undefined = await (this.db.client.config.client === 'pg'
        ? locking.forUpdate()
        : locking);
      const previous: BudgetExhaustionState | undefined =
        row && row.evaluated_at !== null
          ? {
              exhausted: Boolean(row.exhausted),
              since: numberOrNull(row.since),
              startedBefore: Boolean(row.started_before),
              endedAt: numberOrNull(row.ended_at),
              periodStart: numberOrNull(row.period_start),
              evaluatedAt: Number(row.evaluated_at),
              budgetRemaining: Number(row.budget_remaining),
            }
          : undefined;
      const result = decide(previous);
      if (result) {
        const { next } = result;
        await tx(TABLE).where({ slo_id: sloId }).update({
          exhausted: next.exhausted,
          since: next.since,
          started_before: next.startedBefore,
          ended_at: next.endedAt,
          period_start: next.periodStart,
          evaluated_at: next.evaluatedAt,
          budget_remaining: next.budgetRemaining,
        });
      }
      return result;
    });
  }
}
