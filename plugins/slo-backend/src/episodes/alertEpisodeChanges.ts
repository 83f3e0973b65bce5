import type { BurnEpisode } from '@slo-kit/plugin-slo-common';
import type { SloAlertEpisodeChange } from '@slo-kit/plugin-slo-node';

/** One change found by {@link alertEpisodeChanges}. */
export interface AlertEpisodeChange {
  change: SloAlertEpisodeChange;
  episode: BurnEpisode;
  previous?: BurnEpisode;
}

/**
 * What a recording changed, from the episodes it replaced and the ones it
 * stored (an episode is known by its start):
 *
 * - a new episode still firing has `started`; one that started and resolved
 *   between two recordings has `ended` alone;
 * - a stored one that resolved has `ended`;
 * - a stored one still firing that became a page or whose peak burn rate
 *   grew has `changed`.
 *
 * On an SLO's first recording (`firstRecording`, the backfill) only episodes
 * still firing are reported: the ones that ended before are history, not news.
 */
export function alertEpisodeChanges(
  replaced: readonly BurnEpisode[],
  recorded: readonly BurnEpisode[],
  options: { firstRecording: boolean },
): AlertEpisodeChange[] {
  const before = new Map(replaced.map(e => [e.start, e]));
  const changes: AlertEpisodeChange[] = [];
  for (const episode of recorded) {
    const previous = before.get(episode.start);
    if (!previous) {
      if (episode.ongoing) changes.push({ change: 'started', episode });
      else if (!options.firstRecording)
        changes.push({ change: 'ended', episode });
      continue;
    }
    if (previous.ongoing && !episode.ongoing) {
      changes.push({ change: 'ended', episode, previous });
    } else if (
      episode.ongoing &&
      ((episode.severity === 'page' && previous.severity !== 'page') ||
        episode.peakBurnRate > previous.peakBurnRate)
    ) {
      changes.push({ change: 'changed', episode, previous });
    }
  }
  return changes;
}
