import type { EventBucket, SloDefinition } from '@slo-kit/plugin-slo-common';
import type { SloBucketWrite } from './groupWrites/saveBucketsGroup';

export type { SloBucketWrite };

/**
 * An SLO as the store knows it.
 *
 * @public
 */
export interface StoredSlo {
  sloId: string;
  entityRef: string;
  name: string;
  /** The source instance the SLO is collected from (the default one resolved). */
  source: string;
  /** Hash of what decides the collected counts (SLI and source); a new hash re-collects. */
  definitionHash: string;
  definition: SloDefinition;
  /** Epoch milliseconds. */
  firstSeenAt: number;
  lastSeenAt: number;
}

/**
 * What to register: the SLO as parsed from the catalog now.
 *
 * @public
 */
export type SloRegistration = Omit<StoredSlo, 'firstSeenAt' | 'lastSeenAt'>;

/**
 * How collection of one SLO went last. Attempt, success and error times are
 * epoch milliseconds; `collectedFrom`/`collectedUntil` are epoch seconds.
 *
 * @public
 */
export interface SloCollectionState {
  sloId: string;
  lastAttemptAt: number | null;
  lastSuccessAt: number | null;
  lastErrorAt: number | null;
  lastError: string | null;
  consecutiveFailures: number;
  /** Start of the oldest collected range. */
  collectedFrom: number | null;
  /** End (exclusive) of the newest collected bucket. */
  collectedUntil: number | null;
  /**
   * Raised by every write of the SLO's buckets (collection, compaction,
   * retention): figures computed at one version stay right until it changes.
   */
  dataVersion: number;
  /** The last time a query budget deferred the SLO to a later cycle; null when never. */
  deferral: SloCollectionDeferral | null;
}

/**
 * Why the collector left an SLO for a later cycle: its source's query
 * budget (`queriesPerHour`, or the source's rate limit) would have been
 * overspent. The SLO keeps its stored figures meanwhile.
 *
 * @public
 */
export interface SloCollectionDeferral {
  /** When it was deferred, epoch milliseconds. */
  at: number;
  /** Words for people, e.g. `Datadog query budget: 1200 queries per hour, ...`. */
  reason: string;
  /** How often the budget lets each SLO of the source be collected, seconds; null when unknown. */
  intervalSeconds: number | null;
}

/**
 * One collection cycle, for freshness display and timing.
 *
 * @public
 */
export interface CollectorRun {
  /** Epoch milliseconds. */
  startedAt: number;
  finishedAt: number;
  durationMs: number;
  sloCount: number;
  failedCount: number;
  bucketsWritten: number;
}

/**
 * One recorded collection error.
 *
 * @public
 */
export interface SloCollectionError {
  sloId: string;
  /** Epoch milliseconds. */
  occurredAt: number;
  message: string;
}

/**
 * One SLO's outcome in {@link SloStore.registerSlos}.
 *
 * @public
 */
export type RegistrationResult =
  | { isNew: boolean; recollect: boolean }
  | { error: unknown };

/**
 * Persistence of SLOs, their event buckets and their collection state. The
 * collector writes, the evaluator and router read.
 *
 * @public
 */
export interface SloStore {
  /**
   * Records that an SLO exists now. When its definition hash differs from the
   * stored one, the SLO's buckets and collection state are dropped so the
   * collector backfills it again.
   */
  registerSlo(
    slo: SloRegistration,
    seenAt: number,
  ): Promise<{ isNew: boolean; recollect: boolean }>;

  /**
   * {@link SloStore.registerSlo} for a cycle's SLOs together: one read of
   * their rows per few hundred SLOs, writes only for rows that changed. Each
   * SLO's outcome, or the error that kept it from being stored, by id.
   */
  registerSlos(
    slos: readonly SloRegistration[],
    seenAt: number,
  ): Promise<Map<string, RegistrationResult>>;

  /**
   * Several SLOs' last buckets with their successes, as
   * {@link SloStore.saveBuckets} with `success` would store each, in one
   * transaction (a group commit). All or nothing: on failure the caller
   * writes each SLO alone, so one SLO's bad write fails only that SLO.
   */
  saveBucketsGroup(writes: readonly SloBucketWrite[]): Promise<number>;

  /**
   * {@link SloStore.readBuckets} of several SLOs over one range, by SLO id,
   * in a few reads for all of them.
   */
  readBucketsOfMany(
    sloIds: readonly string[],
    range: { from: number; to: number },
  ): Promise<Map<string, EventBucket[]>>;

  /** Registered SLOs, all of them or those of some entities. */
  listSlos(filter?: { entityRefs?: string[] }): Promise<StoredSlo[]>;

  /** Removes an SLO with all its buckets, state and errors. */
  removeSlo(sloId: string): Promise<void>;

  /** Collection state by SLO id; SLOs never attempted are absent. */
  getStates(sloIds: string[]): Promise<Map<string, SloCollectionState>>;

  /**
   * A short string that changes whenever any SLO's collection state does
   * (new buckets, an attempt, a success, a failure, an SLO added or
   * removed): answers computed from every SLO stay right while it is equal.
   */
  statesFingerprint(): Promise<string>;

  /**
   * Stores buckets (idempotent: a bucket written twice is replaced, not added)
   * and, in the same transaction, advances the SLO's collected range.
   * With `success`, the same transaction also records what
   * {@link SloStore.recordSuccess} would: the collection's last write and
   * its outcome in one commit. Returns the number of buckets written.
   */
  saveBuckets(
    sloId: string,
    buckets: EventBucket[],
    collected?: { from: number; until: number },
    success?: { at: number; attemptAt?: number },
  ): Promise<number>;

  /**
   * {@link SloStore.saveBuckets} for a backfill: the same effect on every
   * read, but the buckets of UTC days that ended by `collected.until` go
   * straight into packed day rows (merged with what is stored for those
   * days, so writing the same history twice counts it once), and only the
   * rest into the head. Returns the number of buckets written.
   */
  saveHistory(
    sloId: string,
    buckets: EventBucket[],
    collected?: { from: number; until: number },
    success?: { at: number; attemptAt?: number },
  ): Promise<number>;

  /** Buckets overlapping `[from, to)` (epoch seconds), oldest first. */
  readBuckets(
    sloId: string,
    range: { from: number; to: number },
  ): Promise<EventBucket[]>;

  /**
   * A short string that changes whenever the buckets `readBuckets` would
   * return for `[from, to)` do (a late bucket, a compaction, a deletion):
   * their count, sums and start-weighted sums, from one aggregate row.
   * Figures computed from those buckets stay right while it is equal.
   */
  bucketsFingerprint(
    sloId: string,
    range: { from: number; to: number },
  ): Promise<string>;

  /** Records the start of a collection attempt. */
  recordAttempt(sloId: string, at: number): Promise<void>;

  /**
   * Records a successful collection. With `attemptAt`, also the start of
   * its attempt, in the same write: what {@link SloStore.recordAttempt}
   * would have written, for a caller that did not (one commit less).
   */
  recordSuccess(sloId: string, at: number, attemptAt?: number): Promise<void>;

  /** Records a failed collection; stored buckets are kept. */
  recordFailure(sloId: string, at: number, message: string): Promise<void>;

  /**
   * Records that a query budget left the SLO for a later cycle; neither a
   * success nor a failure, and its stored buckets stay.
   */
  recordDeferral(
    sloId: string,
    at: number,
    deferral: Omit<SloCollectionDeferral, 'at'>,
  ): Promise<void>;

  /** Recent errors of an SLO, newest first. */
  listErrors(sloId: string, limit?: number): Promise<SloCollectionError[]>;

  /**
   * Merges buckets shorter than `intoSeconds` that start before `before`
   * (epoch seconds, rounded down to `intoSeconds`) into buckets of
   * `intoSeconds`. A coarse bucket already stored is added to, never
   * replaced: it holds the events of fine buckets merged earlier (after an
   * outage, the rest of its hour arrives in fine buckets later).
   * Returns how many fine buckets were merged away.
   * With `sloIds`, only those SLOs' buckets: each SLO's fine history has its
   * own length (its longest window), see `historyResolution`. In packed days
   * only whole days before `before` are compacted: the fine buckets of the
   * day `before` falls in stay fine (finer, still exact) until the next day.
   */
  compact(options: {
    before: number;
    intoSeconds: number;
    sloIds?: readonly string[];
  }): Promise<number>;

  /**
   * Moves buckets that start before `before` (epoch seconds, rounded down
   * to six hours) into one packed row per SLO and UTC day, a bounded number
   * of SLOs per call (the rest on the next). Reads see the same buckets
   * before and after; a bucket written later for a packed day overrides its
   * packed copy until the next call merges it in. Returns how many bucket
   * rows moved.
   */
  packHistory(options: {
    before: number;
    sloIds?: readonly string[];
  }): Promise<number>;

  /**
   * Deletes buckets that end before `before` (epoch seconds), errors older than
   * `before`, and SLOs last seen before it. Packed days go whole, when their
   * last bucket ends before `before`. Returns the number of buckets deleted.
   */
  deleteOlderThan(before: number): Promise<number>;

  /** Records one collection cycle; keeps the most recent ones. */
  recordRun(run: CollectorRun): Promise<void>;

  /** The most recent collection cycle, if any. */
  latestRun(): Promise<CollectorRun | undefined>;
}
