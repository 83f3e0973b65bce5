import type { EventBucket } from '@slo-kit/plugin-slo-common';
import type { SloBucketWrite, SloStore } from '../database/SloStore';

/** A chunk of fetched buckets and the range it covers (epoch seconds). */
type Chunk = { start: number; end: number; buckets: EventBucket[] };

/**
 * Writes an SLO's fetched chunks one behind: each chunk is stored when the
 * next arrives, or when the collection ends. A successful collection's last
 * chunk then carries the success in its own transaction
 * ({@link SloStore.saveBuckets} with `success`): one commit, one WAL flush
 * on PostgreSQL, instead of two. A crash loses nothing stored: the held
 * chunk's collected range is advanced only with it, so the next cycle
 * fetches it again.
 *
 * A backfill (`hold: false`) stores every chunk as it comes: it runs for
 * minutes, one commit more per SLO is nothing beside it, and what it has
 * stored shows (and survives a restart) while it runs.
 *
 * @internal
 */
export type ChunkWriter = {
  /** Stores the held chunk, if any, and holds this one (or stores it too). */
  add(chunk: Chunk): Promise<void>;
  /**
   * Stores the held chunk, with the success when given; false when there
   * was none (the caller records the outcome itself).
   */
  flush(success?: { at: number; attemptAt?: number }): Promise<boolean>;
  /** Buckets stored so far. */
  written(): number;
};

/**
 * A {@link ChunkWriter} of `sloId` into `store`.
 *
 * @internal
 */
export function holdLastChunk(
  store: Pick<SloStore, 'saveBuckets'>,
  sloId: string,
  options: {
    hold: boolean;
    /**
     * Stores the last chunk with the success together with other SLOs'
     * (the cycle's `GroupCommitter`); without it, alone.
     */
    group?: (write: SloBucketWrite) => Promise<number>;
  },
): ChunkWriter {
  let held: Chunk | undefined;
  let written = 0;
  const flush = async (success?: { at: number; attemptAt?: number }) => {
    if (!held) return false;
    const chunk = held;
    // Released before the write: a failed write is not tried twice.
    held = undefined;
    const collected = { from: chunk.start, until: chunk.end };
    written +=
      success && options.group
        ? await options.group({
            sloId,
            buckets: chunk.buckets,
            collected,
            success,
          })
        : await store.saveBuckets(sloId, chunk.buckets, collected, success);
    return true;
  };
  return {
    async add(chunk) {
      await flush();
      held = chunk;
      if (!options.hold) {
        await flush();
      }
    },
    flush,
    written: () => written,
  };
}
