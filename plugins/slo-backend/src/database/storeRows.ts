import type { EventBucket, SloDefinition } from '@slo-kit/plugin-slo-common';
import type { CollectorRun, SloCollectionState, StoredSlo } from './SloStore';

// Rows of the store's tables and their mapping to the store's types.

/** A row of `slo_registry`. */
export type RegistryRow = {
  slo_id: string;
  entity_ref: string;
  name: string;
  source: string;
  definition_hash: string;
  definition: string;
  first_seen_at: number | string;
  last_seen_at: number | string;
};

/** A row of `slo_collection_state`. */
export type StateRow = {
  slo_id: string;
  last_attempt_at: number | string | null;
  last_success_at: number | string | null;
  last_error_at: number | string | null;
  last_error: string | null;
  consecutive_failures: number | string;
  collected_from: number | string | null;
  collected_until: number | string | null;
  data_version: number | string;
  deferred_at?: number | string | null;
  deferred_reason?: string | null;
  deferred_interval_seconds?: number | string | null;
};

/** A row of `slo_buckets`. */
export type BucketRow = {
  bucket_start: number | string;
  duration_seconds: number | string;
  good: number | string;
  total: number | string;
};

/** A row of `slo_collector_runs`. */
export type RunRow = {
  started_at: number | string;
  finished_at: number | string;
  duration_ms: number | string;
  slo_count: number | string;
  failed_count: number | string;
  buckets_written: number | string;
};

// PostgreSQL returns bigint columns and sums as strings.
export const num = (value: number | string): number => Number(value);
export const numOrNull = (value: number | string | null): number | null =>
  value === null ? null : Number(value);

export function chunks<T>(items: T[], size: number): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    result.push(items.slice(i, i + size));
  }
  return result;
}

export function toStoredSlo(row: RegistryRow): StoredSlo {
  return {
    sloId: row.slo_id,
    entityRef: row.entity_ref,
    name: row.name,
    source: row.source,
    definitionHash: row.definition_hash,
    definition: JSON.parse(row.definition) as SloDefinition,
    firstSeenAt: num(row.first_seen_at),
    lastSeenAt: num(row.last_seen_at),
  };
}

export function toState(row: StateRow): SloCollectionState {
  return {
    sloId: row.slo_id,
    lastAttemptAt: numOrNull(row.last_attempt_at),
    lastSuccessAt: numOrNull(row.last_success_at),
    lastErrorAt: numOrNull(row.last_error_at),
    lastError: row.last_error,
    consecutiveFailures: num(row.consecutive_failures),
    collectedFrom: numOrNull(row.collected_from),
    collectedUntil: numOrNull(row.collected_until),
    dataVersion: num(row.data_version),
    deferral:
      row.deferred_at === null ||
      row.deferred_at === undefined ||
      row.deferred_reason === null ||
      row.deferred_reason === undefined
        ? null
        : {
            at: num(row.deferred_at),
            reason: row.deferred_reason,
            intervalSeconds: numOrNull(row.deferred_interval_seconds ?? null),
          },
  };
}

export function toBucket(row: BucketRow): EventBucket {
  return {
    start: num(row.bucket_start),
    durationSeconds: num(row.duration_seconds),
    good: num(row.good),
    total: num(row.total),
  };
}

export function toRun(row: RunRow): CollectorRun {
  return {
    startedAt: num(row.started_at),
    finishedAt: num(row.finished_at),
    durationMs: num(row.duration_ms),
    sloCount: num(row.slo_count),
    failedCount: num(row.failed_count),
    bucketsWritten: num(row.buckets_written),
  };
}

