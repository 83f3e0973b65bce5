import { TestDatabases } from '@backstage/backend-test-utils';
import knexFactory from 'knex';
import { DatabaseSloStore } from '../database/DatabaseSloStore';
import { testDatabaseIds } from '../database/testDatabaseIds';
import { budgetExhaustionTransition } from './budgetExhaustionTransition';
import { DatabaseBudgetExhaustionStore } from './DatabaseBudgetExhaustionStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: testDatabaseIds() });

describe.each(databases.eachSupportedId())(
  'DatabaseBudgetExhaustionStore on %s',
  databaseId => {
    it('lets one of two replicas deciding at once announce each change', async () => {
      const knex = await databases.init(databaseId);
      // The table comes with the SLO store's migrations.
      await DatabaseSloStore.create({
        database: { getClient: async () => knex },
      });
      // Two replicas: two stores, each with its own connection pool.
      const other =
        knex.client.config.client === 'pg'
          ? knexFactory(knex.client.config)
          : knex;
      const replicas = [
        new DatabaseBudgetExhaustionStore(knex),
        new DatabaseBudgetExhaustionStore(other),
      ];
      const observed = {
        at: 1000,
        budgetRemaining: -0.2,
        exhausted: true,
        periodStart: null,
      };
      // Each SLO evaluated healthy before, so its row exists (a new row's
      // insert alone would make the second replica wait).
      for (let i = 0; i < 50; i++) {
        await replicas[0].transition(`slo-${i}`, previous =>
          budgetExhaustionTransition(previous, {
            ...observed,
            at: 500,
            budgetRemaining: 0.5,
            exhausted: false,
          }),
        );
      }
      let announced = 0;
      // Fifty SLOs found spent by both replicas at the same moment.
      await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          Promise.all(
            replicas.map(async store => {
              const result = await store.transition(`slo-${i}`, previous =>
                budgetExhaustionTransition(previous, observed),
              );
              announced += result?.changes.length ?? 0;
            }),
          ),
        ),
      );
      expect(announced).toBe(50);
      if (other !== knex) await other.destroy();
    });
  },
);
