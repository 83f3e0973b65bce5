import type { SloStore } from '../database/SloStore';

/**
 * The record of one collection attempt, written at most once: up front for
 * a backfill (minutes long, so the SLO tab shows it is being tried), else
 * with its outcome. A success then writes the attempt in its own upsert
 * ({@link SloStore.recordSuccess} with `attemptAt`), so an incremental
 * cycle spends no commit, and no WAL flush on PostgreSQL, on it.
 *
 * @internal
 */
export type DeferredAttempt = {
  /** Writes the attempt unless it was written already. */
  record(): Promise<void>;
  /** The `attemptAt` to pass to `recordSuccess`: unset once written. */
  pendingAt(): number | undefined;
};

/**
 * A {@link DeferredAttempt} of `sloId` at `at` (epoch milliseconds).
 *
 * @internal
 */
export function deferredAttempt(
  store: Pick<SloStore, 'recordAttempt'>,
  sloId: string,
  at: number,
): DeferredAttempt {
  let recorded = false;
  return {
    async record() {
      if (!recorded) {
        recorded = true;
        await store.recordAttempt(sloId, at);
      }
    },
    pendingAt: () => (recorded ? undefined : at),
  };
}
