import { TestDatabases } from '@backstage/backend-test-utils';
import type { EventBucket } from '@slo-kit/plugin-slo-common';
import { DatabaseSloStore } from '../database/DatabaseSloStore';
import { testDatabaseIds } from '../database/testDatabaseIds';
import { compactFineHistory } from './compactFineHistory';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: testDatabaseIds() });
const DAY = 86400;
const day0 = 1260 * 16 * DAY; // a 16-day block boundary
const sloId = 'component:default/search/latency';

function hours(from: number, count: number): EventBucket[] {
  return Array.from({ length: count }, (_, i) => ({
    start: from + i * 3600,
    durationSeconds: 3600,
    good: 1000 + (i % 11) + 0.5,
    total: 1010 + (i % 7) + 0.25,
  }));
}

describe.each(databases.eachSupportedId())(
  'compactFineHistory on %p',
  databaseId => {
    // Review finding F7: SLOs whose fine buckets are their coarse ones (hour-long
    // buckets) were skipped, so their old days never went into 16-day blocks.
    it('puts old days of SLOs with hour-long fine buckets into blocks, keeping every bucket', async () => {
      const knex = await databases.init(databaseId);
      const store = await DatabaseSloStore.create({
        database: { getClient: async () => knex },
      });
      const buckets = hours(day0, 40 * 24);
      await store.saveBuckets(sloId, buckets);
      const now = day0 + 40 * DAY;
      await compactFineHistory({
        store,
        now,
        resolutions: [
          {
            sloId,
            resolution: {
              fineSeconds: 3600,
              coarseSeconds: 3600,
              fineHistorySeconds: 8 * DAY,
            },
          },
        ],
      });
      const spans = await knex('slo_bucket_days').select('span_days');
      expect(spans.map(row => Number(row.span_days))).toContain(16);
      expect(await store.readBuckets(sloId, { from: day0, to: now })).toEqual(
        buckets,
      );
    });
  },
);
