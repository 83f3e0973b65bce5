import {
  calendarPeriod,
  longestAlertWindowSeconds,
  reviewPeriods,
  storageBucketSeconds,
  type EventBucket,
  type ReviewPeriodUnit,
  type SloDataState,
  type SloDefinition,
  type SloReviewEpisode,
  type SloReviewPeriod,
} from '@slo-kit/plugin-slo-common';
import { DateTime } from 'luxon';
import { runWithConcurrency } from '../collector/runWithConcurrency';
import type { SloBackendConfig } from '../config/readSloBackendConfig';
import { withMinimumEvents } from '../evaluator/SloEvaluator';
import { fetchAllBuckets } from './fetchAllBuckets';
import type { SloSourceRegistry } from '../sources/SloSourceRegistry';

const iso = (seconds: number) => new Date(seconds * 1000).toISOString();

/**
 * One SLO in one period, as `yarn slo report` prints it.
 *
 * @internal
 */
export interface CliReportRow {
  entityRef: string;
  name: string;
  /** The primary objective's target, a fraction. */
  objective: number;
  period: { start: string; end: string; label: string; timeZone: string };
  good: number;
  total: number;
  sli: number | null;
  /** true met, false missed, null without a verdict (see `verdict`). */
  met: boolean | null;
  verdict: SloReviewPeriod['verdict'];
  /** Share of the period's error budget spent; above 1 when overspent. */
  budgetSpent: number | null;
  /** Minutes with a page alert firing; null where the fetched buckets cannot tell. */
  pageMinutes: number | null;
  episodes: Array<
    Omit<SloReviewEpisode, 'start' | 'end'> & { start: string; end: string }
  >;
  /** Data state as `evaluate` gives it: ok, partial, low-traffic, no-data or error. */
  state: SloDataState;
  /** The period holding the evaluation time, summed up to it. */
  current: boolean;
  exact: boolean;
  error?: string;
}

function stateOf(
  period: SloReviewPeriod,
  coverageThreshold: number,
): SloDataState {
  if (period.verdict === 'no-data') return 'no-data';
  if (period.verdict === 'low-traffic') return 'low-traffic';
  return period.coverage < coverageThreshold ? 'partial' : 'ok';
}

/**
 * Period history straight from the sources, without a database, as the
 * review computes it from stored buckets: fetches each SLO's fine buckets
 * from the first period's start (less its longest alert window, for the
 * episodes) to `at` with the collector's chunking, retries and first-sample
 * counting, then runs the engine's `reviewPeriods`.
 *
 * @internal
 */
export async function reportFromSources(options: {
  definitions: SloDefinition[];
  sources: SloSourceRegistry;
  at: number;
  period: ReviewPeriodUnit;
  count: number;
  timeZone: string;
  config: SloBackendConfig;
}): Promise<CliReportRow[]> {
  const results = new Map<string, CliReportRow[]>();
  await runWithConcurrency(
    options.definitions,
    options.config.collector.concurrency,
    async definition => {
      results.set(definition.id, await reportOne(definition, options));
    },
  );
  return options.definitions.flatMap(d => results.get(d.id) ?? []);
}

async function reportOne(
  definition: SloDefinition,
  options: Parameters<typeof reportFromSources>[0],
): Promise<CliReportRow[]> {
  const { config, period, count } = options;
  const zone =
    definition.window.type === 'calendar'
      ? definition.window.timeZone
      : options.timeZone;
  const objective = definition.objectives[0]?.target ?? 0;
  const base = {
    entityRef: definition.entityRef,
    name: definition.name,
    objective,
  };
  const resolution = options.sources.resolve(definition);
  const sizes = resolution.ok
    ? storageBucketSeconds(
        definition.sli,
        resolution.source.capabilities().minBucketSeconds,
        config.collector.bucketSeconds,
      )
    : {
        storage: config.collector.bucketSeconds,
        request: config.collector.bucketSeconds,
      };
  const at = Math.floor(options.at / sizes.storage) * sizes.storage;
  const current = DateTime.fromSeconds(calendarPeriod(period, zone, at).start, {
    zone,
  });
  const first = current
    .minus({ [`${period}s`]: Math.max(0, count - 1) })
    .toSeconds();
  const failed = (error: string): CliReportRow[] =>
    Array.from({ length: count }, (_, i) => {
      const start = current.minus({ [`${period}s`]: count - 1 - i });
      const end = start.plus({ [`${period}s`]: 1 });
      return {
        ...base,
        period: {
          start: start.toUTC().toISO()!,
          end: end.toUTC().toISO()!,
          label: '',
          timeZone: zone,
        },
        good: 0,
        total: 0,
        sli: null,
        met: null,
        verdict: 'no-data',
        budgetSpent: null,
        pageMinutes: null,
        episodes: [],
        state: 'error',
        current: i === count - 1,
        exact: false,
        error,
      };
    });
  if (!resolution.ok) return failed(resolution.message);

  const longest = longestAlertWindowSeconds(definition.window, {
    bucketSeconds: sizes.storage,
  });
  const start = Math.floor((first - longest) / sizes.storage) * sizes.storage;
  let buckets: EventBucket[];
  try {
    buckets = await fetchAllBuckets({
      source: resolution.source,
      definition,
      start,
      end: at,
      sizes,
      config,
    });
  } catch (error) {
    return failed(error instanceof Error ? error.message : String(error));
  }

  const periods = reviewPeriods({
    definition: withMinimumEvents(definition, config.minimumEvents),
    buckets,
    at,
    period,
    count,
    timeZone: zone,
    bucketSeconds: sizes.storage,
  });
  return periods.map(p => ({
    ...base,
    period: {
      start: iso(p.start),
      end: iso(p.end),
      label: p.label,
      timeZone: p.timeZone,
    },
    good: p.good,
    total: p.total,
    sli: p.sli,
    met: p.met,
    verdict: p.verdict,
    budgetSpent: p.budgetSpent,
    pageMinutes: p.pageMinutes,
    episodes: p.episodes.map(e => ({
      ...e,
      start: iso(e.start),
      end: iso(e.end),
    })),
    state: stateOf(p, config.coverageThreshold),
    current: p.inProgress,
    exact: p.exact,
  }));
}
