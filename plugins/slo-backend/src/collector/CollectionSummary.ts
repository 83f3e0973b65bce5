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
}
