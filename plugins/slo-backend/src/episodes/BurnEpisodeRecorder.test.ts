import { TestDatabases } from '@backstage/backend-test-utils';
import {
  reviewPeriods,
  type EventBucket,
  type SloDefinition,
} from '@slo-kit/plugin-slo-common';
import type { SloBackendConfig } from '../config/readSloBackendConfig';
import { DatabaseSloStore } from '../database/DatabaseSloStore';
import { testDatabaseIds } from '../database/testDatabaseIds';
import type { SloEvaluator } from '../evaluator/SloEvaluator';
import { SloReviewReader } from '../review/SloReviewReader';
import { BurnEpisodeRecorder } from './BurnEpisodeRecorder';
import { DatabaseSloEpisodeStore } from './DatabaseSloEpisodeStore';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: testDatabaseIds() });

const HOUR = 3600;
const DAY = 86400;
const STEP = 300;
/** 2026-11-30T00:00:00Z, a Monday. */
const END = 1_795_996_800;
/** Evaluation time, a bucket end inside the last week. */
const AT = END - 2 * DAY - 25 * 60;
const START = END - 60 * DAY;

const definition: SloDefinition = {
  id: 'component:default/checkout/availability',
  entityRef: 'component:default/checkout',
  name: 'availability',
  sli: {
    kind: 'ratio',
    bad: { selector: 'http_requests_total{code=~"5.."}' },
    total: { selector: 'http_requests_total' },
  },
  objectives: [{ name: '', target: 0.999 }],
  window: { type: 'rolling', durationSeconds: 30 * DAY, label: '30d' },
  labels: {},
  origin: { kind: 'annotation', annotation: 'slo-kit.dev/slos' },
};

/** Two incidents: one that compaction will reach (across a week's end), one recent. */
const incidents = [
  { start: END - 14 * DAY - HOUR, end: END - 14 * DAY + HOUR, goodShare: 0.7 },
  {
    start: END - 4 * DAY + 9 * HOUR,
    end: END - 4 * DAY + 10 * HOUR,
    goodShare: 0.5,
  },
];

function bucketAt(start: number): EventBucket {
  const incident = incidents.find(i => start >= i.start && start < i.end);
  const total = 1000 + ((start / STEP) % 7) * 10;
  // Quiet outside incidents: a tenth of the budget.
  const quietBad = (start / STEP) % 10 === 0 ? 1 : 0;
  const bad = incident
    ? Math.round(total * (1 - incident.goodShare))
    : quietBad;
  return { start, durationSeconds: STEP, good: total - bad, total };
}

const fakeEvaluator = {
  evaluationTime: () => AT,
  bucketSecondsOf: () => STEP,
  now: () => AT,
} as unknown as SloEvaluator;
const config = { minimumEvents: 0 } as unknown as SloBackendConfig;
const query = { period: 'week' as const, count: 6, timeZone: 'UTC' };

describe.each(databases.eachSupportedId())(
  'recorded budget-burn episodes on %p',
  databaseId => {
    it('keep every episode and page minute of the review exact after compaction', async () => {
      const knex = await databases.init(databaseId);
      const database = { getClient: async () => knex };
      const store = await DatabaseSloStore.create({ database });
      const episodes = await DatabaseSloEpisodeStore.create({ database });
      const recorder = new BurnEpisodeRecorder({ store, episodes });
      await store.registerSlo(
        {
          sloId: definition.id,
          entityRef: definition.entityRef,
          name: definition.name,
          source: 'prometheus',
          definitionHash: 'h',
          definition,
        },
        START * 1000,
      );

      // Collect as the collector does: a backfill, then cycles that each
      // fetch again the last two buckets, recording after each.
      const collect = async (from: number, to: number) => {
        const buckets: EventBucket[] = [];
        for (let t = from; t < to; t += STEP) buckets.push(bucketAt(t));
        await store.saveBuckets(definition.id, buckets, { from, until: to });
        await recorder.record(definition, { from, to, bucketSeconds: STEP });
      };
      const backfillUntil = END - 20 * DAY;
      await collect(START, backfillUntil);
      let until = backfillUntil;
      // Cycles of uneven length (hours), so episodes run across cycles.
      const lengths = [7, 1, 13, 2, 5, 0.25];
      for (let i = 0; until < AT; i++) {
        const next = Math.min(AT, until + lengths[i % lengths.length] * HOUR);
        await collect(until - 2 * STEP, next);
        until = next;
      }
      expect(until).toBe(AT);

      // What the review computed from the fine buckets alone, before this change.
      const fine = await store.readBuckets(definition.id, {
        from: START,
        to: AT,
      });
      const expected = reviewPeriods({
        definition,
        buckets: fine,
        at: AT,
        period: 'week',
        count: 6,
        timeZone: 'UTC',
        bucketSeconds: STEP,
        minimumEvents: 0,
      });
      const figures = (p: ReturnType<typeof reviewPeriods>) =>
        p.map(({ label, pageMinutes, episodes: e }) => ({
          label,
          pageMinutes,
          episodes: e,
        }));
      const episodeCount = expected.flatMap(p => p.episodes).length;
      expect(episodeCount).toBe(incidents.length);
      expect(expected.every(p => p.episodesFrom === p.start)).toBe(true);
      // The old incident pages on both sides of a week's end.
      const weekEnd = END - 14 * DAY;
      const across = expected.findIndex(p => p.end === weekEnd);
      expect(expected[across].pageMinutes).toBeGreaterThan(0);
      expect(expected[across + 1].pageMinutes).toBeGreaterThan(0);

      const reader = () =>
        new SloReviewReader({
          store,
          evaluator: fakeEvaluator,
          config,
          episodes,
        });
      const [before] = await reader().figures([definition], query);
      expect(figures(before.periods)).toEqual(figures(expected));

      // Compact everything older than 10 days into hours: the first incident's
      // fine buckets are gone.
      const compacted = await store.compact({
        before: END - 10 * DAY,
        intoSeconds: HOUR,
      });
      expect(compacted).toBeGreaterThan(0);
      const [after] = await reader().figures([definition], query);
      expect(figures(after.periods)).toEqual(figures(expected));
      expect(after.periods.map(p => p.episodesFrom)).toEqual(
        before.periods.map(p => p.episodesFrom),
      );

      // Without the records, compaction loses the old incident.
      const [unrecorded] = await new SloReviewReader({
        store,
        evaluator: fakeEvaluator,
        config,
      }).figures([definition], query);
      expect(unrecorded.periods.flatMap(p => p.episodes)).toHaveLength(
        episodeCount - 1,
      );
      await knex.destroy();
    });
  },
);
