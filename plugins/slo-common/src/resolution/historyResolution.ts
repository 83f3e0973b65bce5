import { DateTime } from 'luxon';
import type { SloDefinition } from '../model/SloDefinition';
import { longestAlertWindowSeconds } from './alertRulesFor';

const HOUR = 3600;
const DAY = 86400;

/**
 * Fine history kept beyond the longest window and alert window: collection
 * that is a day behind still evaluates every window from fine buckets.
 */
const FINE_HISTORY_MARGIN_SECONDS = DAY;

/**
 * How an SLO's history is stored: fine buckets for recent time, coarse ones
 * beyond.
 *
 * @public
 */
export interface HistoryResolution {
  /** Length of the fine buckets: the storage bucket. */
  fineSeconds: number;
  /**
   * Length of the buckets older history is compacted into: an hour, or 30 or
   * 15 minutes when a time zone the SLO's periods follow has such offsets
   * (Asia/Kolkata, Asia/Kathmandu), so every local midnight is a bucket
   * boundary. Equal to `fineSeconds` when fine buckets cannot be merged into
   * it.
   */
  coarseSeconds: number;
  /**
   * Fine buckets are kept (and backfilled) for at least this long before
   * "now": the configured fine retention, or the longest rolling window plus
   * its longest alert window plus a day, whichever is longer. Every rolling
   * window and alert window then starts on a fine bucket boundary, so it is
   * summed exactly at any evaluation time.
   */
  fineHistorySeconds: number;
}

/**
 * Options of {@link historyResolution}.
 *
 * @public
 */
export interface HistoryResolutionOptions {
  /** The SLO's storage bucket length ({@link storageBucketSeconds}). */
  bucketSeconds: number;
  /** The configured fine retention (`slo.collector.fineRetentionDays`), seconds. */
  fineRetentionSeconds: number;
  /** Further zones whose calendar periods must be exact (a review's zone). */
  timeZones?: string[];
}

/**
 * The resolution an SLO's history is stored at. One rule, used by the
 * collector (what to backfill in which bucket length), compaction (what may be
 * merged) and the evaluator: a bucket is only coarsened when no figure the
 * product reports has a boundary inside it. Rolling windows and alert windows
 * move in fine-bucket steps, so they must stay inside the fine history;
 * calendar periods start at local midnights, so coarse buckets must divide the
 * zones' UTC offsets.
 *
 * @public
 */
export function historyResolution(
  definition: Pick<SloDefinition, 'window'>,
  options: HistoryResolutionOptions,
): HistoryResolution {
  const fineSeconds = options.bucketSeconds;
  const zones = ['UTC', ...(options.timeZones ?? [])];
  if (definition.window.type === 'calendar') {
    zones.push(definition.window.timeZone);
  }
  const zoneSeconds = zones.reduce(
    (unit, zone) => Math.min(unit, zoneBoundarySeconds(zone)),
    HOUR,
  );
  const coarseSeconds =
    zoneSeconds > fineSeconds && zoneSeconds % fineSeconds === 0
      ? zoneSeconds
      : fineSeconds;
  const windowNeeds =
    definition.window.type === 'rolling'
      ? definition.window.durationSeconds
      : 0;
  const fineHistorySeconds = Math.max(
    options.fineRetentionSeconds,
    windowNeeds +
      longestAlertWindowSeconds(definition.window, {
        bucketSeconds: fineSeconds,
      }) +
      FINE_HISTORY_MARGIN_SECONDS,
  );
  return { fineSeconds, coarseSeconds, fineHistorySeconds };
}

/**
 * Where fine history starts at `now`: `fineHistorySeconds` back, moved down
 * to a coarse bucket boundary, so that no coarse bucket and fine bucket share
 * time.
 *
 * @public
 */
export function fineHistoryStart(
  now: number,
  resolution: HistoryResolution,
): number {
  const coarse = resolution.coarseSeconds;
  return Math.floor((now - resolution.fineHistorySeconds) / coarse) * coarse;
}

const zoneCache = new Map<string, number>();

/**
 * The largest bucket length (an hour at most) whose boundaries include every
 * local midnight of `zone`: 3600 for whole-hour offsets (DST included), 1800
 * for half-hour ones, 900 for Asia/Kathmandu's +5:45. Offsets are sampled
 * twice a year over a span of years around today.
 */
function zoneBoundarySeconds(zone: string): number {
  const cached = zoneCache.get(zone);
  if (cached !== undefined) return cached;
  let minutes = 60;
  const thisYear = DateTime.utc().year;
  for (let year = thisYear - 3; year <= thisYear + 3; year++) {
    for (const month of [1, 4, 7, 10]) {
      const offset = DateTime.fromObject({ year, month, day: 1 }, { zone }).offset;
      if (Number.isFinite(offset)) minutes = gcd(minutes, Math.abs(offset));
    }
  }
  const seconds = Math.max(60, minutes * 60);
  zoneCache.set(zone, seconds);
  return seconds;
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}
