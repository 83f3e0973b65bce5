import type { SloDefinition } from '@slo-kit/plugin-slo-common';
import { durationToMilliseconds } from '@backstage/types';
import type { SloCollectionState } from '../database/SloStore';
import { BatchedAnswers } from './batches/BatchedAnswers';
import { CycleBudgetGate } from './budget/CycleBudgetGate';
import { SourceQueryBudgets } from './budget/SourceQueryBudgets';
import {
  describeCollection,
  emptyCollectionSummary,
  type CollectionSummary,
  type SloCollectionOutcome,
} from './CollectionSummary';
import { CollectionRanges } from './CollectionRanges';
import { collectSlo, type CycleShared } from './collectSlo';
import { errorMessage, type CollectorContext } from './CollectorContext';
import { houseKeeping } from './houseKeeping';
import { GROUP_MAX_SLOS, GroupCommitter } from './groupCommit/GroupCommitter';
import { Slots } from './groupCommit/Slots';
import { loadSloDefinitions } from './loadSloDefinitions';
import { planBatches } from './planBatches';
import { recordDeferral } from './recordDeferral';
import { registerCycle } from './registerCycle';
import { runWithConcurrency } from './runWithConcurrency';
import type { SloCollectorOptions } from './SloCollectorOptions';

export type { CollectionSummary, SloCollectionOutcome, SloCollectorOptions };

/**
 * The scheduled collection: reads SLO definitions from the catalog, fetches
 * good/total event counts per bucket from each SLO's source (backfill on first
 * sight, then incrementally), stores them and records per-SLO status.
 *
 * A failing SLO keeps everything stored before the failure and does not hold
 * up the others; writes are idempotent, so a repeated range never counts twice.
 *
 * The cycle's phases live beside it: `planBatches`, `collectSlo` (one SLO's
 * registration, fetch and writes) and `houseKeeping` (compaction, retention).
 *
 * @public
 */
export class SloCollector {
  /** Queries per source over the last hour, across cycles. */
  private readonly budgets = new SourceQueryBudgets();
  private readonly context: CollectorContext;

  constructor(private readonly options: SloCollectorOptions) {
    this.context = {
      options,
      ranges: new CollectionRanges(options),
      sleep:
        options.sleep ??
        (ms => new Promise(resolve => setTimeout(resolve, ms))),
      retryBaseDelayMs: options.retryBaseDelayMs ?? 1000,
    };
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
        baseDelayMs: this.context.retryBaseDelayMs,
        sleep: this.context.sleep,
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
    // Once for the cycle, in this order: planning and every SLO's
    // collection use them.
    const registrations = await registerCycle(this.context, definitions, now);
    const states = await this.readStates(definitions);
    const order = gate.prioritise(
      states
        ? planBatches(this.context, definitions, states, now, answers)
        : definitions,
    );

    // `concurrency` SLOs fetch at once; up to two groups' worth more wait
    // for their group commit or record their episodes meanwhile.
    const writes = new GroupCommitter(store, logger);
    const fetchSlots = new Slots(settings.concurrency);
    const inFlight = Math.max(settings.concurrency, 2 * GROUP_MAX_SLOS);
    await runWithConcurrency(order, inFlight, async definition => {
      if (signal?.aborted) return;
      const admission = gate.admit(definition, clock.now());
      if ('deferral' in admission) {
        // Over its source's budget: it keeps its figures and goes first next cycle.
        summary.deferred[definition.id] = admission.deferral.reason;
        await recordDeferral(this.context, definition, now, admission.deferral);
        return;
      }
      const result = await collectSlo(this.context, definition, now, {
        signal,
        answers,
        gate,
        states,
        registrations,
        writes,
        fetchSlots,
      });
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

    await writes.flush();
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

    await houseKeeping(this.context, definitions, now, summary);

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
   * Every SLO's collection state, in one read; undefined when it fails (then
   * the cycle plans no batches and each SLO reads its own, as it would alone).
   */
  private async readStates(
    definitions: SloDefinition[],
  ): Promise<ReadonlyMap<string, SloCollectionState> | undefined> {
    try {
      return await this.options.store.getStates(
        definitions.map(definition => definition.id),
      );
    } catch (error) {
      this.options.logger.warn(
        `Could not read the SLOs' collection states; asking each SLO alone this cycle: ${errorMessage(
          error,
        )}`,
      );
      return undefined;
    }
  }

  /** Collects one SLO; never throws. */
  async collectSlo(
    definition: SloDefinition,
    now: number,
    shared?: CycleShared,
  ): Promise<SloCollectionOutcome> {
    return collectSlo(this.context, definition, now, shared);
  }
}
