import { TestDatabases } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { migrateSloStore } from '../migrateSloStore';
import { testDatabaseIds } from '../testDatabaseIds';
import { finePackedDaysBefore, packedSingleDaysBefore } from './packedIndexes';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: testDatabaseIds() });

/** The plan of `query`, as text, with sequential scans ruled out on PostgreSQL. */
async function planOf(knex: Knex, query: Knex.QueryBuilder): Promise<string> {
  const { sql, bindings } = query.toSQL();
  if (knex.client.config.client === 'pg') {
    return knex.transaction(async tx => {
      // A few test rows are read faster from the table: ask whether an
      // index CAN answer, which is what a table of 400 days per SLO needs.
      await tx.raw('SET LOCAL enable_seqscan = off');
      const result = await tx.raw(`EXPLAIN ${sql}`, bindings);
      return result.rows
        .map((row: Record<string, string>) => row['QUERY PLAN'])
        .join('\n');
    });
  }
  const rows = await knex.raw(`EXPLAIN QUERY PLAN ${sql}`, bindings as any[]);
  return rows.map((row: { detail: string }) => row.detail).join('\n');
}

describe.each(databases.eachSupportedId())(
  'the compaction pass on packed days uses its indexes on %p',
  databaseId => {
    it('finds fine days past the fine history by slo_bucket_days_fine_idx, not by reading every packed row', async () => {
      const knex = await databases.init(databaseId);
      await migrateSloStore(knex);
      const query = finePackedDaysBefore(
        knex('slo_bucket_days').select('slo_id', 'day_start'),
        1_740_787_200,
        3600,
      );
      expect(await planOf(knex, query.clone())).toContain(
        'slo_bucket_days_fine_idx',
      );
    });

    it('finds single-day rows to put into blocks by slo_bucket_days_single_idx', async () => {
      const knex = await databases.init(databaseId);
      await migrateSloStore(knex);
      const query = packedSingleDaysBefore(
        knex('slo_bucket_days').select('slo_id', 'day_start'),
        1_740_787_200,
      );
      expect(await planOf(knex, query.clone())).toContain(
        'slo_bucket_days_single_idx',
      );
    });
  },
);
