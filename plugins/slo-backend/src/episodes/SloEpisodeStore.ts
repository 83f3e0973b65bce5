import type { BurnEpisode } from '@slo-kit/plugin-slo-common';

/**
 * Which bucket ends of an SLO have had their alert states recorded, for one
 * set of alert rules (objective, window, bucket length: `rulesKey`).
 *
 * @public
 */
export interface EpisodeProgress {
  /** First bucket end recorded, epoch seconds. */
  from: number;
  /** Last bucket end recorded (included), epoch seconds. */
  until: number;
}

/**
 * Budget-burn episodes recorded when they happen: the collector records them
 * from the fine buckets it has just stored, and the review reads them for
 * time whose fine buckets have since been compacted.
 *
 * @public
 */
export interface SloEpisodeStore {
  /** Progress of several SLOs at once, keyed by `${sloId} ${rulesKey}`. */
  progress(
    keys: ReadonlyArray<{ sloId: string; rulesKey: string }>,
  ): Promise<Map<string, EpisodeProgress>>;

  /** Episodes with an end after `from` and a start before `to`, oldest first. */
  episodes(
    sloId: string,
    rulesKey: string,
    range: { from: number; to: number },
  ): Promise<BurnEpisode[]>;

  /**
   * A short string that changes whenever any progress is recorded: answers
   * computed from every SLO's episodes stay right while it is equal.
   */
  fingerprint(): Promise<string>;

  /**
   * Replaces the episodes starting at or after `from` with `episodes` and
   * sets the progress, in one transaction, and returns the episodes it
   * replaced. Concurrent calls for one SLO and rules key run one after the
   * other (the progress row is locked first), so each sees what the one
   * before it stored: what changed is known to exactly one caller.
   */
  replaceFrom(
    sloId: string,
    rulesKey: string,
    from: number,
    episodes: readonly BurnEpisode[],
    progress: EpisodeProgress,
  ): Promise<BurnEpisode[]>;
}

/** The key of {@link SloEpisodeStore.progress}'s map. */
export function progressKey(sloId: string, rulesKey: string): string {
  return `${sloId} ${rulesKey}`;
}
