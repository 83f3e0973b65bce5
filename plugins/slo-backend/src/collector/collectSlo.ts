import type { SloDefinition } from '@slo-kit/plugin-slo-common';
import type { SloSource } from '@slo-kit/plugin-slo-node';
import type {
  RegistrationResult,
  SloCollectionState,
} from '../database/SloStore';
import type { BatchedAnswers } from './batches/BatchedAnswers';
import type { CycleBudgetGate } from './budget/CycleBudgetGate';
import type { SloCollectionOutcome } from './CollectionSummary';
import { errorMessage, type CollectorContext } from './CollectorContext';
import { deferredAttempt } from './deferredAttempt';
import { FetchRangeError, fetchRange } from './fetchRange';
import { holdLastChunk } from './holdLastChunk';
import { recordDeferral } from './recordDeferral';
import { registrationOf } from './registerCycle';
import type { GroupCommitter } from './groupCommit/GroupCommitter';
import type { Slots } from './groupCommit/Slots';

/**
 * What a cycle shares with each SLO it collects.
 *
 * @internal
 */
export interface CycleShared {
  /** The scheduler's signal: once aborted, no new source request is made. */
  signal?: AbortSignal;
  answers?: BatchedAnswers;
  gate?: CycleBudgetGate;
  /**
   * The states read once for the whole cycle (planning read them); without
   * them each SLO reads its own.
   */
  states?: ReadonlyMap<string, SloCollectionState>;
  /** Stores finished SLOs' last writes together; without it each SLO writes alone. */
  writes?: GroupCommitter;
  /**
   * Bounds the SLOs fetching from their sources at once
   * (`slo.collector.concurrency`); more SLOs may wait for their group
   * commit and record their episodes meanwhile.
   */
  fetchSlots?: Slots;
  /** The cycle's registrations (`registerCycle`); without them each SLO registers alone. */
  registrations?: ReadonlyMap<string, RegistrationResult>;
}

/**
 * Collects one SLO: registers it, fetches what its state says is missing,
 * stores it and records the outcome. Never throws.
 *
 * @internal
 */
export async function collectSlo(
  ctx: CollectorContext,
  definition: SloDefinition,
  now: number,
  cycle: CycleShared = {},
): Promise<SloCollectionOutcome> {
  const { store, sources, logger } = ctx.options;
  const at = now * 1000;
  const resolution = sources.resolve(definition);
  const buckets = ctx.ranges.bucketSizesOf(definition);

  try {
    const registered = cycle.registrations?.get(definition.id);
    if (registered && 'error' in registered) {
      throw registered.error;
    }
    // Registered with the cycle's others, or alone when that failed.
    const registration =
      registered ??
      (await store.registerSlo(registrationOf(ctx, definition), at));
    if (!registered && registration.recollect) {
      logger.info(
        `SLO ${definition.id} changed what it measures; collecting its history again`,
      );
    }
    if (!resolution.ok) {
      await store.recordAttempt(definition.id, at);
      await store.recordFailure(definition.id, at, resolution.message);
      return { bucketsWritten: 0, queries: 0, error: resolution.message };
    }
    // The cycle's states were read after its registrations: only an SLO
    // registered alone may have dropped the state read for it.
    const state =
      cycle.states && (registered || !registration.recollect)
        ? cycle.states.get(definition.id)
        : (await store.getStates([definition.id])).get(definition.id);
    return await fetchAndStore(
      ctx,
      definition,
      resolution.source,
      buckets,
      state,
      now,
      cycle,
    );
  } catch (error) {
    // Only store failures reach here; the SLO is retried next cycle.
    const message = `Could not store SLO ${definition.id}: ${errorMessage(
      error,
    )}`;
    logger.error(message);
    try {
      // On the SLO too (collection.lastError), when the database still
      // answers: one SLO's refused write (a group falling back to single
      // writes) is that SLO's failure, not the cycle's.
      await store.recordFailure(definition.id, at, message);
    } catch {
      // The database is down: the log line above is all that can be kept.
    }
    return { bucketsWritten: 0, queries: 0, error: message };
  }
}

async function fetchAndStore(
  ctx: CollectorContext,
  definition: SloDefinition,
  source: SloSource,
  buckets: { storage: number; request: number },
  state: SloCollectionState | undefined,
  now: number,
  cycle: CycleShared,
): Promise<SloCollectionOutcome> {
  const { store, settings } = ctx.options;
  const { signal, answers, gate } = cycle;
  const at = now * 1000;
  const ranges = ctx.ranges.rangesOf(
    definition,
    source,
    buckets,
    state?.collectedUntil ?? undefined,
    now,
  );
  const backfill =
    state?.collectedUntil === null || state?.collectedUntil === undefined;
  // Written with its outcome, or up front for a backfill (see deferredAttempt).
  const attempt = deferredAttempt(store, definition.id, at);
  if (backfill) {
    await attempt.record();
  }

  // One behind: a success's last chunk carries it (see holdLastChunk), in
  // the cycle's next group commit.
  const writes = cycle.writes;
  // A backfill writes its finished days packed (SloStore.saveHistory).
  const writer = backfill
    ? { saveBuckets: store.saveHistory.bind(store) }
    : store;
  const chunks = holdLastChunk(writer, definition.id, {
    hold: !backfill,
    group: writes && (write => writes.save(write)),
  });
  let queries = 0;
  const fetchAll = async (): Promise<SloCollectionOutcome | undefined> => {
    for (const range of ranges) {
      try {
        queries += await fetchRange({
          source,
          definition,
          start: range.start,
          end: range.end,
          bucketSeconds: range.bucketSeconds,
          requestSeconds: range.requestSeconds,
          batched: answers && (request => answers.take(source, request)),
          maxAttempts: settings.maxAttempts,
          timeoutMs: settings.requestTimeoutMs,
          retryBaseDelayMs: ctx.retryBaseDelayMs,
          sleep: ctx.sleep,
          // A backfill may reach back past the start of the source's data.
          countFromFirstSample: backfill,
          signal,
          onChunk: chunk => chunks.add(chunk),
        });
      } catch (error) {
        // What came before the failure is stored either way.
        await chunks.flush();
        if (signal?.aborted) {
          // Neither a success nor the source's failure: what was stored stays.
          await attempt.record();
          return { bucketsWritten: chunks.written(), queries, aborted: true };
        }
        if (!(error instanceof FetchRangeError)) {
          throw error;
        }
        const deferral = gate?.rateLimitDeferral(definition, error);
        if (deferral) {
          // Rate limited past what the source waits: a later cycle, not a failure.
          await attempt.record();
          await recordDeferral(ctx, definition, now, deferral);
          return {
            bucketsWritten: chunks.written(),
            queries,
            deferred: deferral.reason,
          };
        }
        // What was stored before stays; the next cycle resumes from it.
        await attempt.record();
        await store.recordFailure(definition.id, at, error.message);
        return {
          bucketsWritten: chunks.written(),
          queries,
          error: error.message,
        };
      }
    }
    return undefined;
  };
  const complete = async (): Promise<SloCollectionOutcome> => {
    const success = { at, attemptAt: attempt.pendingAt() };
    if (!(await chunks.flush(success))) {
      await store.recordSuccess(definition.id, at, success.attemptAt);
    }
    if (ranges.length > 0 && ctx.options.afterCollect) {
      try {
        await ctx.options.afterCollect(definition, {
          from: Math.min(...ranges.map(r => r.start)),
          to: Math.max(...ranges.map(r => r.end)),
          bucketSeconds: buckets.storage,
        });
      } catch (error) {
        ctx.options.logger.warn(
          `Could not record the budget-burn episodes and budget exhaustion of SLO ${
            definition.id
          }; the next collection tries again: ${errorMessage(error)}`,
        );
      }
    }
    return { bucketsWritten: chunks.written(), queries };
  };
  const whole = async () => (await fetchAll()) ?? complete();
  const slots = cycle.fetchSlots;
  if (!slots) return whole();
  // A backfill holds its slot to the end: its episodes read its whole fine
  // history, which only `concurrency` SLOs at a time may keep in memory.
  // An incremental SLO frees it once fetched, for its group commit.
  if (backfill) return slots.run(whole);
  return (await slots.run(fetchAll)) ?? complete();
}
