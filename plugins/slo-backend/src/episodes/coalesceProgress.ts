import type { EpisodeProgress, SloEpisodeStore } from './SloEpisodeStore';

type Waiting = {
  keys: ReadonlyArray<{ sloId: string; rulesKey: string }>;
  resolve: (progress: Map<string, EpisodeProgress>) => void;
  reject: (error: unknown) => void;
};

/**
 * {@link SloEpisodeStore.progress} whose calls made in one turn of the event
 * loop are answered by one read: the collector records the episodes of the
 * SLOs of a group commit together, each asking for its own progress, and
 * this turns those reads (one round trip per SLO) into one per group (one
 * per 400 SLOs). Each caller gets the map of the whole read; it looks up
 * its own keys in it.
 *
 * @internal
 */
export function coalesceProgress(
  read: SloEpisodeStore['progress'],
): SloEpisodeStore['progress'] {
  let waiting: Waiting[] = [];
  const flush = async () => {
    const batch = waiting;
    waiting = [];
    try {
      const progress = await read(batch.flatMap(item => item.keys));
      for (const item of batch) item.resolve(progress);
    } catch (error) {
      for (const item of batch) item.reject(error);
    }
  };
  return keys =>
    new Promise((resolve, reject) => {
      waiting.push({ keys, resolve, reject });
      if (waiting.length === 1) setImmediate(flush);
    });
}
