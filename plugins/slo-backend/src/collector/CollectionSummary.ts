import type { BatchFallback } from './batches/BatchedAnswers';

/**
 * What one collection cycle did.
 *
 * @public
 */
export interface CollectionSummary {
  /** Epoch milliseconds (of the backend's clock). */
  startedAt: number;
  /** Wall-clock duration of the cycle. */
  durationMs: number;
  entities: number;
  slos: number;
  succeeded: number;
  failed: number;
  bucketsWritten: number;
  queries: number;
  /** Fine buckets merged into hour buckets. */
  compacted: number;
  /** Buckets deleted past retention. */
  deleted: number;
  /**
   * The cycle was cancelled (the scheduler's timeout, or another replica took
   * the task over): SLOs not yet collected were left for the next cycle, and
   * compaction, retention and the run record were skipped.
   */
  aborted: boolean;
  /** Error message by SLO id, for SLOs that failed this cycle. */
  errors: Record<string, string>;
  /**
   * Batches that answered several SLOs with one request (sources that
   * batch, e.g. Prometheus' `batch`), and those that failed as a whole and
   * whose SLOs were asked alone instead, with the reason.
   */
  batches: { answered: number; fallbacks: BatchFallback[] };
  /**
   * SLOs left for a later cycle because their source's query budget
   * (`queriesPerHour`, or its rate limit) would have been overspent, with
   * the reason, by SLO id. They keep their stored figures.
   */
  deferred: Record<string, string>;
}

/**
 * How collecting one SLO went: what it wrote and asked, and why it stopped
 * short, if it did.
 *
 * @public
 */
export interface SloCollectionOutcome {
  bucketsWritten: number;
  queries: number;
  error?: string;
  aborted?: boolean;
  /** A query budget stopped it for this cycle (a 429 past the source's wait): the reason. */
  deferred?: string;
}

/**
 * A summary of a cycle that has not collected anything yet.
 *
 * @internal
 */
export function emptyCollectionSummary(startedAt: number): CollectionSummary {
  return {
    startedAt,
    durationMs: 0,
    entities: 0,
    slos: 0,
    succeeded: 0,
    failed: 0,
    bucketsWritten: 0,
    queries: 0,
    compacted: 0,
    deleted: 0,
    errors: {},
    aborted: false,
    batches: { answered: 0, fallbacks: [] },
    deferred: {},
  };
}

/**
 * The log line of a finished cycle.
 *
 * @internal
 */
export function describeCollection(summary: CollectionSummary): string {
  return (
    `SLO collection: ${summary.slos} SLOs of ${summary.entities} entities in ${summary.durationMs} ms; ` +
    `${summary.failed} failed, ${summary.bucketsWritten} buckets written, ${summary.queries} queries ` +
    `(${summary.batches.answered} batches, ${summary.batches.fallbacks.length} fell back to single queries), ` +
    `${Object.keys(summary.deferred).length} deferred by query budgets, ` +
    `${summary.compacted} compacted, ${summary.deleted} deleted`
  );
}
