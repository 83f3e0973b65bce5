import type { SloDefinition } from '@slo-kit/plugin-slo-common';
import { durationToMilliseconds } from '@backstage/types';
import type { SloSource } from '@slo-kit/plugin-slo-node';
import { BatchedAnswers } from './batches/BatchedAnswers';
import { CycleBudgetGate, type Deferral } from './budget/CycleBudgetGate';
import { SourceQueryBudgets } from './budget/SourceQueryBudgets';
import { planCycleBatches } from './batches/planCycleBatches';
import {
  describeCollection,
  emptyCollectionSummary,
  type CollectionSummary,
  type SloCollectionOutcome,
} from './CollectionSummary';
import { CollectionRanges } from './CollectionRanges';
import { compactFineHistory } from './compactFineHistory';
import { deferredAttempt } from './deferredAttempt';
import { definitionHash } from './definitionHash';
import { FetchRangeError, fetchRange } from './fetchRange';
import { holdLastChunk } from './holdLastChunk';
import { loadSloDefinitions } from './loadSloDefinitions';
import { runWithConcurrency } from './runWithConcurrency';
import type { SloCollectorOptions } from './SloCollectorOptions';

export type { CollectionSummary, SloCollectionOutcome, SloCollectorOptions };

const DAY = 86400;

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The scheduled collection: reads SLO definitions from the catalog, fetches
 * good/total event counts per bucket from each SLO's source (backfill on first
 * sight, then incrementally), stores them and records per-SLO status.
 *
 * A failing SLO keeps everything stored before the failure and does not hold
 * up the others; writes are idempotent, so a repeated range never counts twice.
 *
 * @public
 */
export class SloCollector {
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly retryBaseDelayMs: number;
  /** Queries per source over the last hour, across cycles. */
  private readonly budgets = new SourceQueryBudgets();
  private readonly ranges: CollectionRanges;

  constructor(private readonly options: SloCollectorOptions) {
    this.ranges = new CollectionRanges(options);
    this.sleep =
      options.sleep ?? (ms => new Promise(resolve => setTimeout(resolve, ms)));
    this.retryBaseDelayMs = options.retryBaseDelayMs ?? 1000;
  }

  /** Runs one full cycle: collect every SLO, then compact and apply retention. */
  async collectOnce(
    options: {
      /**
       * The scheduler's signal: once it aborts, no new source request is
       * made and what was stored stays for the next cycle to resume from.
       */
      signal?: AbortSignal;
    } = {},
  ): Promise<CollectionSummary> {
    const { store, clock, settings, logger } = this.options;
    const { signal } = options;
    const started = performance.now();
    const now = clock.now();
    const summary = emptyCollectionSummary(now * 1000);

    const { entities, definitions } = await loadSloDefinitions(this.options);
    summary.entities = entities;
    summary.slos = definitions.length;

    const answers = new BatchedAnswers({
      retry: {
        maxAttempts: settings.maxAttempts,
        timeoutMs: settings.requestTimeoutMs,
        baseDelayMs: this.retryBaseDelayMs,
        sleep: this.sleep,
      },
      logger,
      signal,
    });
    const gate = new CycleBudgetGate({
      budgets: this.budgets,
      resolve: definition => this.options.sources.resolve(definition),
      cycleSeconds: durationToMilliseconds(settings.frequency) / 1000,
      definitions,
    });
    const order = gate.prioritise(
      await this.planBatches(definitions, now, answers),
    );

    await runWithConcurrency(order, settings.concurrency, async definition => {
      if (signal?.aborted) return;
      const admission = gate.admit(definition, clock.now());
      if ('deferral' in admission) {
        // Over its source's budget: it keeps its figures and goes first next cycle.
        summary.deferred[definition.id] = admission.deferral.reason;
        await this.recordDeferral(definition, now, admission.deferral);
        return;
      }
      const result = await this.collectSlo(
        definition,
        now,
        signal,
        answers,
        gate,
      );
      gate.settle(definition, admission.reserved, result.queries, clock.now());
      summary.bucketsWritten += result.bucketsWritten;
      summary.queries += result.queries;
      if (result.aborted) return;
      if (result.deferred) {
        summary.deferred[definition.id] = result.deferred;
      } else if (result.error) {
        summary.failed += 1;
        summary.errors[definition.id] = result.error;
      } else {
        summary.succeeded += 1;
      }
    });

    summary.batches = {
      answered: answers.answered,
      fallbacks: answers.fallbacks,
    };
    if (signal?.aborted) {
      // Another replica may be running the task now: leave it the rest.
      summary.aborted = true;
      summary.durationMs = Math.round(performance.now() - started);
      logger.warn(
        `SLO collection cancelled after ${
          summary.succeeded + summary.failed
        } of ${summary.slos} SLOs ` +
          `(the scheduler's timeout, slo.collector.timeout, or another replica took over); the next cycle resumes from what was stored`,
      );
      return summary;
    }

    // Housekeeping never costs the cycle its record: a failure here (a
    // deadlock victim, one SLO's unreadable packed day) is logged, the
    // stored buckets read as before, and the next cycle tries again.
    try {
      summary.compacted = await compactFineHistory({
        store,
        now,
        resolutions: definitions.map(definition => ({
          sloId: definition.id,
          resolution: this.ranges.resolutionOf(
            definition,
            this.ranges.bucketSizesOf(definition).storage,
          ),
        })),
      });
    } catch (error) {
      logger.warn(
        `Could not pack and compact old SLO buckets this cycle; they stay as stored and the next cycle tries again: ${error}`,
      );
    }
    try {
      summary.deleted = await store.deleteOlderThan(
        now - settings.retentionDays * DAY,
      );
    } catch (error) {
      logger.warn(
        `Could not delete SLO history older than ${settings.retentionDays} days this cycle; the next cycle tries again: ${error}`,
      );
    }

    summary.durationMs = Math.round(performance.now() - started);
    await store.recordRun({
      startedAt: summary.startedAt,
      finishedAt: summary.startedAt + summary.durationMs,
      durationMs: summary.durationMs,
      sloCount: summary.slos,
      failedCount: summary.failed,
      bucketsWritten: summary.bucketsWritten,
    });
    logger.info(describeCollection(summary));
    return summary;
  }

  /**
   * Plans the cycle's batches (sources that answer several SLOs with one
   * query) from the stored states, and the order to collect the SLOs in.
   * Planning is an optimisation: if it fails, every SLO is asked alone.
   */
  private async planBatches(
    definitions: SloDefinition[],
    now: number,
    answers: BatchedAnswers,
  ): Promise<SloDefinition[]> {
    try {
      const states = await this.options.store.getStates(
        definitions.map(definition => definition.id),
      );
      return planCycleBatches({
        definitions,
        resolve: definition => this.options.sources.resolve(definition),
        rangesOf: (definition, source) =>
          this.ranges.rangesOf(
            definition,
            source,
            this.ranges.bucketSizesOf(definition),
            states.get(definition.id)?.collectedUntil ?? undefined,
            now,
          ),
        // As fetchAndStore decides: nothing collected yet.
        countsFromFirstSample: definition =>
          (states.get(definition.id)?.collectedUntil ?? undefined) ===
          undefined,
        answers,
      });
    } catch (error) {
      this.options.logger.warn(
        `Could not plan batched source queries; asking each SLO alone this cycle: ${errorMessage(
          error,
        )}`,
      );
      return definitions;
    }
  }

  /** Records that a query budget left the SLO for a later cycle; never throws. */
  private async recordDeferral(
    definition: SloDefinition,
    now: number,
    deferral: Deferral,
  ): Promise<void> {
    try {
      await this.options.store.recordDeferral(
        definition.id,
        now * 1000,
        deferral,
      );
    } catch (error) {
      this.options.logger.warn(
        `Could not record that SLO ${
          definition.id
        } waits for its source's query budget: ${errorMessage(error)}`,
      );
    }
  }

  /** Collects one SLO; never throws. */
  async collectSlo(
    definition: SloDefinition,
    now: number,
    signal?: AbortSignal,
    answers?: BatchedAnswers,
    gate?: CycleBudgetGate,
  ): Promise<SloCollectionOutcome> {
    const { store, sources, logger } = this.options;
    const at = now * 1000;
    const resolution = sources.resolve(definition);
    const sourceName = resolution.ok
      ? resolution.source.name
      : resolution.sourceName;
    const buckets = this.ranges.bucketSizesOf(definition);

    try {
      const registration = await store.registerSlo(
        {
          sloId: definition.id,
          entityRef: definition.entityRef,
          name: definition.name,
          source: sourceName,
          definitionHash: definitionHash(
            definition,
            sourceName,
            buckets.storage,
          ),
          definition,
        },
        at,
      );
      if (registration.recollect) {
        logger.info(
          `SLO ${definition.id} changed what it measures; collecting its history again`,
        );
      }
      if (!resolution.ok) {
        await store.recordAttempt(definition.id, at);
        await store.recordFailure(definition.id, at, resolution.message);
        return { bucketsWritten: 0, queries: 0, error: resolution.message };
      }
      return await this.fetchAndStore(
        definition,
        resolution.source,
        buckets,
        now,
        signal,
        answers,
        gate,
      );
    } catch (error) {
      // Only store failures reach here; the SLO is retried next cycle.
      const message = `Could not store SLO ${definition.id}: ${errorMessage(
        error,
      )}`;
      logger.error(message);
      return { bucketsWritten: 0, queries: 0, error: message };
    }
  }

  private async fetchAndStore(
    definition: SloDefinition,
    source: SloSource,
    buckets: { storage: number; request: number },
    now: number,
    signal?: AbortSignal,
    answers?: BatchedAnswers,
    gate?: CycleBudgetGate,
  ): Promise<SloCollectionOutcome> {
    const { store, settings } = this.options;
    const at = now * 1000;
    const state = (await store.getStates([definition.id])).get(definition.id);
    const ranges = this.ranges.rangesOf(
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

    // One behind: a success's last chunk carries it (see holdLastChunk).
    // A backfill writes its finished days packed (SloStore.saveHistory).
    const writer = backfill
      ? { saveBuckets: store.saveHistory.bind(store) }
      : store;
    const chunks = holdLastChunk(writer, definition.id, { hold: !backfill });
    let queries = 0;
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
          retryBaseDelayMs: this.retryBaseDelayMs,
          sleep: this.sleep,
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
          await this.recordDeferral(definition, now, deferral);
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
    const success = { at, attemptAt: attempt.pendingAt() };
    if (!(await chunks.flush(success))) {
      await store.recordSuccess(definition.id, at, success.attemptAt);
    }
    if (ranges.length > 0 && this.options.afterCollect) {
      try {
        await this.options.afterCollect(definition, {
          from: Math.min(...ranges.map(r => r.start)),
          to: Math.max(...ranges.map(r => r.end)),
          bucketSeconds: buckets.storage,
        });
      } catch (error) {
        this.options.logger.warn(
          `Could not record the budget-burn episodes of SLO ${
            definition.id
          }; the next collection tries again: ${errorMessage(error)}`,
        );
      }
    }
    return { bucketsWritten: chunks.written(), queries };
  }
}
