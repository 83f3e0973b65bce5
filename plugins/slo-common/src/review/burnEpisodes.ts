import { BucketIndex } from '../math/BucketIndex';
import { isAlertFiring } from '../math/alertEpisodeStart';
import { burnRate } from '../math/burnRate';
import type { BurnRateAlertRule } from '../model/SloEvaluation';

/**
 * A budget-burn episode: an unbroken run of bucket ends at which a page or
 * ticket alert of the SLO fires.
 *
 * @public
 */
export interface BurnEpisode {
  /**
   * Start of the first bucket at whose end an alert fired, epoch seconds:
   * the alert fired from the evaluation at the end of that bucket.
   */
  start: number;
  /**
   * End of the episode, epoch seconds: the first bucket end at which no alert
   * fired any more (the alerts resolved), or the end of what was examined when
   * the episode was still firing there (`ongoing`).
   */
  end: number;
  /** True when the alerts still fired at the last bucket end examined. */
  ongoing: boolean;
  /**
   * True when alerts already fired at the first bucket end that could be
   * examined: the episode may have started earlier.
   */
  startedBefore: boolean;
  /** The most severe alert that fired during the episode. */
  severity: 'page' | 'ticket';
  /**
   * The highest burn rate a firing rule saw over its long window (1 h for the
   * 30-day page rule) at any bucket end of the episode.
   */
  peakBurnRate: number;
  /** Bad events in `[start, end)`. */
  badEvents: number;
  /** Minutes with a page alert firing in the episode (one bucket per firing bucket end). */
  pageMinutes: number;
  /**
   * The stretches `[start, end)` of the buckets at whose end a page rule
   * fired, oldest first: the page minutes of any part of the episode (a
   * period it crosses) are read from them, so they stay known once the fine
   * buckets are gone.
   */
  pageRuns: Array<[number, number]>;
}

/**
 * Input of {@link burnEpisodes}.
 *
 * @public
 */
export interface BurnEpisodesInput {
  /** The SLO's buckets; fine (storage-length) buckets wherever episodes are looked for. */
  buckets: BucketIndex;
  /** Every alert rule of the SLO (`alertRulesFor`), page and ticket. */
  rules: readonly BurnRateAlertRule[];
  /** The objective, a fraction (0.999). */
  target: number;
  /** First bucket end examined, on the step grid. */
  from: number;
  /** Last bucket end examined (included), on the step grid. */
  to: number;
  /** The storage bucket length: alerts are evaluated at every bucket end. */
  stepSeconds: number;
}

/**
 * Finds the budget-burn episodes between two bucket ends by evaluating every
 * alert rule at every bucket end, exactly as the status does (same windows,
 * same factors, the same firing rule {@link isAlertFiring}, sums from the
 * stored buckets). A bucket end where a window has no stored bucket counts as
 * quiet. The caller passes only a range whose alert windows fine buckets
 * cover: a 5-minute window cannot be read from hourly buckets.
 *
 * @public
 */
export function burnEpisodes(input: BurnEpisodesInput): BurnEpisode[] {
  const { buckets: index, rules, target, stepSeconds } = input;
  const episodes: BurnEpisode[] = [];
  if (!(stepSeconds > 0) || input.to < input.from) return episodes;
  let current: BurnEpisode | undefined;
  for (let t = input.from; t <= input.to; t += stepSeconds) {
    let severity: 'page' | 'ticket' | undefined;
    let peak = 0;
    for (const rule of rules) {
      // The long window first: it is quiet far more often, and then the short one is not read.
      const long = index.sum(t - rule.longWindowSeconds, t);
      const longRate = burnRate(long.good, long.total, target);
      if (longRate === null || longRate < rule.factor) continue;
      const short = index.sum(t - rule.shortWindowSeconds, t);
      const shortRate = burnRate(short.good, short.total, target);
      if (isAlertFiring(rule, longRate, shortRate, target)) {
        if (rule.severity === 'page' || severity === undefined) {
          severity = rule.severity;
        }
        peak = Math.max(peak, longRate);
      }
    }
    if (severity === undefined) {
      if (current) {
        current.end = t;
        episodes.push(current);
        current = undefined;
      }
      continue;
    }
    if (!current) {
      current = {
        start: t - stepSeconds,
        end: t,
        ongoing: true,
        startedBefore: t === input.from,
        severity,
        peakBurnRate: peak,
        badEvents: 0,
        pageMinutes: 0,
        pageRuns: [],
      };
    }
    current.end = t;
    if (severity === 'page') {
      current.severity = 'page';
      current.pageMinutes += stepSeconds / 60;
      const last = current.pageRuns[current.pageRuns.length - 1];
      if (last && last[1] === t - stepSeconds) last[1] = t;
      else current.pageRuns.push([t - stepSeconds, t]);
    }
    current.peakBurnRate = Math.max(current.peakBurnRate, peak);
  }
  if (current) episodes.push(current);
  for (const episode of episodes) {
    episode.ongoing = episode === current;
    const sums = index.sum(episode.start, episode.end);
    episode.badEvents = Math.max(
      0,
      sums.total - Math.min(sums.good, sums.total),
    );
  }
  return episodes;
}

/**
 * Minutes of an episode's page alerts inside `[start, end)`: the page-firing
 * buckets ({@link BurnEpisode.pageRuns}) that lie wholly inside, so a period
 * boundary between bucket boundaries leaves the straddling bucket out rather
 * than counting part of it.
 *
 * @public
 */
export function pageMinutesWithin(
  episode: Pick<BurnEpisode, 'pageRuns'>,
  start: number,
  end: number,
  stepSeconds: number,
): number {
  let seconds = 0;
  for (const [runStart, runEnd] of episode.pageRuns) {
    const from =
      runStart +
      Math.max(0, Math.ceil((start - runStart) / stepSeconds)) * stepSeconds;
    const to =
      runStart +
      Math.floor((Math.min(end, runEnd) - runStart) / stepSeconds) *
        stepSeconds;
    if (to > from) seconds += to - from;
  }
  return seconds / 60;
}
