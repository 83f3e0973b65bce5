import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import type { EventBucket, SloDefinition } from '@slo-kit/plugin-slo-common';
import { DatabaseSloStore } from '../database/DatabaseSloStore';
import { SloRegistration } from '../database/SloStore';
import { testDatabaseIds } from '../database/testDatabaseIds';

// Shared by the DatabaseSloStore test files.

/** 2025-03-01T00:00:00Z, hour-aligned. */
export const T0 = 1_740_787_200;

/** The test databases (SQLite, and PostgreSQL when available). */
export const databases = TestDatabases.create({ ids: testDatabaseIds() });

/** One ratio SLO. */
export const definition: SloDefinition = {
  id: 'component:default/checkout/availability',
  entityRef: 'component:default/checkout',
  name: 'availability',
  sli: {
    kind: 'ratio',
    bad: { selector: 'http_requests_total{code=~"5.."}' },
    total: { selector: 'http_requests_total' },
  },
  objectives: [{ name: '', target: 0.999 }],
  window: { type: 'rolling', durationSeconds: 30 * 86400, label: '30d' },
  labels: {},
  origin: { kind: 'annotation', annotation: 'slo-kit.dev/slos' },
};

/** The registration of {@link definition} with a definition hash. */
export function registration(hash = 'h1'): SloRegistration {
  return {
    sloId: definition.id,
    entityRef: definition.entityRef,
    name: definition.name,
    source: 'prometheus',
    definitionHash: hash,
    definition,
  };
}

/** `count` five-minute buckets from `start` with known counts. */
export function fiveMinuteBuckets(start: number, count: number): EventBucket[] {
  return Array.from({ length: count }, (_, i) => ({
    start: start + i * 300,
    durationSeconds: 300,
    good: 100 + i,
    total: 101 + i,
  }));
}

/** The sum of one count over buckets. */
export const sum = (buckets: EventBucket[], key: 'good' | 'total') =>
  buckets.reduce((acc, b) => acc + b[key], 0);

/** A migrated store on a fresh test database. */
export async function createStore(databaseId: TestDatabaseId) {
  const knex = await databases.init(databaseId);
  const store = await DatabaseSloStore.create({
    database: { getClient: async () => knex },
  });
  return { knex, store };
}

