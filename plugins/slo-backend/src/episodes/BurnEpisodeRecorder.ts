import {
  alertRulesFor,
  alertStatesFrom,
  BucketIndex,
  burnEpisodes,
  longestAlertWindowSeconds,
  type BurnEpisode,
  type SloDefinition,
} from '@slo-kit/plugin-slo-common';
import { createHash } from 'node:crypto';
import type { SloAlertEpisodeListener } from '@slo-kit/plugin-slo-node';
import type { SloStore } from '../database/SloStore';
import { alertEpisodeChanges } from './alertEpisodeChanges';
import { coalesceBucketReads } from './coalesceBucketReads';
import { coalesceProgress } from './coalesceProgress';
import { progressKey, type SloEpisodeStore } from './SloEpisodeStore';
import { readCorrectedBuckets } from '../corrections/readCorrectedBuckets';

/**
 * What decides an SLO's alert states besides its buckets: the objective, the
 * window (its alert rules), the bucket length and the ranges its corrections
 * exclude. Episodes recorded under another key are not read, so a changed
 * correction records the episodes again from the fine buckets still stored
 * (the earlier ones stay stored under their key).
 *
 * @public
 */
export function episodeRulesKey(
  definition: SloDefinition,
  target: number,
  bucketSeconds: number,
): string {
  return createHash('sha256')
    .update(
      JSON.stringify([
        target,
        bucketSeconds,
        definition.window,
        // Only with corrections: the keys of SLOs without any stay as they were.
        ...(definition.corrections?.length
          ? [
              definition.corrections.map(c => [
                c.start,
                c.durationSeconds,
                c.timeZone,
                c.recurrence?.text ?? null,
              ]),
            ]
          : []),
      ]),
    )
    .digest('hex')
    .slice(0, 32);
}

/**
 * Records an SLO's budget-burn episodes and page minutes right after its
 * buckets are collected, while they are fine (design: "recorded when they
 * happen and stored, never recomputed later from coarsened history"). Each
 * call picks up at the last recorded bucket end, or earlier when the
 * collection rewrote older buckets, and reruns an episode still firing there
 * from its start; the math is the review's (`burnEpisodes`).
 *
 * @public
 */
export class BurnEpisodeRecorder {
  /** The episode store's progress, one read for the SLOs recorded together. */
  private readonly progress: SloEpisodeStore['progress'];
  /** The store's buckets, one read for the SLOs recorded together over one range. */
  private readonly buckets: Pick<SloStore, 'readBuckets'>;

  constructor(
    private readonly options: {
      store: SloStore;
      episodes: SloEpisodeStore;
      /**
       * Hear of alert episodes that started, got worse or ended, after the
       * recording that found them is committed (modules add them through
       * `sloAlertEpisodesExtensionPoint`).
       */
      listeners?: readonly SloAlertEpisodeListener[];
      /** Where a listener's failure is reported; it never fails the recording. */
      onListenerError?: (error: unknown) => void;
    },
  ) {
    const { episodes } = options;
    this.progress = coalesceProgress(keys => episodes.progress(keys));
    this.buckets = coalesceBucketReads(options.store);
  }

  /**
   * Records the alert states at the bucket ends the collection of `[from, to)`
   * decided. (When what an SLO measures changes, the store drops its
   * episodes with its buckets.)
   */
  async record(
    definition: SloDefinition,
    collected: {
      from: number;
      to: number;
      bucketSeconds: number;
    },
  ): Promise<void> {
    const step = collected.bucketSeconds;
    const targets = [...new Set(definition.objectives.map(o => o.target))];
    const keys = targets.map(target => ({
      target,
      rulesKey: episodeRulesKey(definition, target, step),
    }));
    const progress = await this.progress(
      keys.map(k => ({ sloId: definition.id, rulesKey: k.rulesKey })),
    );
    for (const { target, rulesKey } of keys) {
      await this.recordRules(
        definition,
        target,
        rulesKey,
        progress.get(progressKey(definition.id, rulesKey)),
        collected,
      );
    }
  }

  private async recordRules(
    definition: SloDefinition,
    target: number,
    rulesKey: string,
    progress: { from: number; until: number } | undefined,
    collected: { from: number; to: number; bucketSeconds: number },
  ): Promise<void> {
    const { episodes: episodeStore } = this.options;
    const step = collected.bucketSeconds;
    const longest = longestAlertWindowSeconds(definition.window, {
      bucketSeconds: step,
    });
    const lastEnd = Math.max(
      Math.floor(collected.to / step) * step,
      progress?.until ?? -Infinity,
    );
    // The first bucket end whose alert state the new buckets may change.
    let resume = -Infinity;
    let carried: BurnEpisode | undefined;
    if (progress) {
      resume = Math.min(
        progress.until + step,
        Math.floor(collected.from / step) * step + step,
      );
      // An episode across that point is found again from its start.
      const across = await episodeStore.episodes(definition.id, rulesKey, {
        from: resume - step,
        to: resume - step,
      });
      carried = across[0];
      if (carried) resume = carried.start + step;
    }
    const buckets = await readCorrectedBuckets(this.buckets, definition, {
      from: Number.isFinite(resume) ? resume - step - longest : 0,
      to: lastEnd,
    });
    const fineFrom = alertStatesFrom(buckets, step, longest);
    if (fineFrom === null) return;
    const from = Math.max(resume, fineFrom);
    if (from > lastEnd) return;
    const found = burnEpisodes({
      buckets: BucketIndex.from(buckets),
      rules: alertRulesFor(definition.window, { bucketSeconds: step }),
      target,
      from,
      to: lastEnd,
      stepSeconds: step,
    });
    const first = found[0];
    if (first && first.start + step === from) {
      // Firing at the first end examined: the recorded episode going on, one
      // starting there (the end before was recorded quiet), or, at the start
      // of the fine history, one that may have started earlier.
      first.startedBefore = carried
        ? carried.startedBefore || from > resume
        : !progress || from > resume;
    }
    const replaced = await episodeStore.replaceFrom(
      definition.id,
      rulesKey,
      from - step,
      found,
      {
        from: progress ? Math.min(progress.from, from) : from,
        until: lastEnd,
      },
    );
    await this.announce(definition, target, replaced, found, !progress);
  }

  /**
   * Tells the listeners what this recording changed. Only the caller whose
   * committed recording made a change sees it (`replaceFrom` serialises
   * replicas), so each change is announced once; one that a crash loses
   * after the commit is not announced (at most once, never for something
   * not stored).
   */
  private async announce(
    definition: SloDefinition,
    target: number,
    replaced: readonly BurnEpisode[],
    recorded: readonly BurnEpisode[],
    firstRecording: boolean,
  ): Promise<void> {
    const listeners = this.options.listeners ?? [];
    if (listeners.length === 0) return;
    const changes = alertEpisodeChanges(replaced, recorded, { firstRecording });
    for (const { change, episode, previous } of changes) {
      const event = {
        change,
        slo: {
          id: definition.id,
          entityRef: definition.entityRef,
          name: definition.name,
          description: definition.description,
          target,
        },
        episode: {
          start: episode.start,
          end: episode.end,
          ongoing: episode.ongoing,
          startedBefore: episode.startedBefore,
          severity: episode.severity,
          peakBurnRate: episode.peakBurnRate,
          pageMinutes: episode.pageMinutes,
        },
        previous: previous && {
          severity: previous.severity,
          peakBurnRate: previous.peakBurnRate,
        },
      };
      for (const listener of listeners) {
        try {
          await listener(event);
        } catch (error) {
          this.options.onListenerError?.(error);
        }
      }
    }
  }
}
