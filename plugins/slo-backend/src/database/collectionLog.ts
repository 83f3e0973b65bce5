import { Knex } from 'knex';
import type { CollectorRun, SloCollectionError } from './SloStore';
import { num } from './storeRows';

/** Errors kept per SLO. */
const ERRORS_KEPT = 20;
/** Collector runs kept. */
const RUNS_KEPT = 200;

type RunRow = {
  started_at: number | string;
  finished_at: number | string;
  duration_ms: number | string;
  slo_count: number | string;
  failed_count: number | string;
  buckets_written: number | string;
};

function toRun(row: RunRow): CollectorRun {
  return {
    startedAt: num(row.started_at),
    finishedAt: num(row.finished_at),
    durationMs: num(row.duration_ms),
    sloCount: num(row.slo_count),
    failedCount: num(row.failed_count),
    bucketsWritten: num(row.buckets_written),
  };
}

/**
 * Records a failed collection in the SLO's state and its error list (the
 * most recent {@link ERRORS_KEPT} kept); stored buckets are kept.
 *
 * @internal
 */
export async function recordFailure(
  db: Knex,
  sloId: string,
  at: number,
  message: string,
): Promise<void> {
  await db.transaction(async tx => {
    const existing = await tx('slo_collection_state')
      .select('consecutive_failures')
      .where({ slo_id: sloId })
      .first();
    if (existing) {
      await tx('slo_collection_state')
        .where({ slo_id: sloId })
        .update({
          last_error_at: at,
          last_error: message,
          consecutive_failures: num(existing.consecutive_failures) + 1,
        });
    } else {
      await tx('slo_collection_state').insert({
        slo_id: sloId,
        last_error_at: at,
        last_error: message,
        consecutive_failures: 1,
      });
    }
    await tx('slo_collection_errors').insert({
      slo_id: sloId,
      occurred_at: at,
      message,
    });
    const keep = tx('slo_collection_errors')
      .select('id')
      .where({ slo_id: sloId })
      .orderBy('id', 'desc')
      .limit(ERRORS_KEPT);
    const kept = (await keep).map((r: { id: number }) => r.id);
    await tx('slo_collection_errors')
      .where({ slo_id: sloId })
      .whereNotIn('id', kept)
      .delete();
  });
}

/**
 * Recent errors of an SLO, newest first.
 *
 * @internal
 */
export async function listErrors(
  db: Knex,
  sloId: string,
  limit = ERRORS_KEPT,
): Promise<SloCollectionError[]> {
  const rows = await db('slo_collection_errors')
    .where({ slo_id: sloId })
    .orderBy('id', 'desc')
    .limit(limit);
  return rows.map(
    (row: {
      slo_id: string;
      occurred_at: number | string;
      message: string;
    }) => ({
      sloId: row.slo_id,
      occurredAt: num(row.occurred_at),
      message: row.message,
    }),
  );
}

/**
 * Records one collection cycle, keeping the most recent {@link RUNS_KEPT}.
 *
 * @internal
 */
export async function recordRun(db: Knex, run: CollectorRun): Promise<void> {
  await db('slo_collector_runs').insert({
    started_at: run.startedAt,
    finished_at: run.finishedAt,
    duration_ms: run.durationMs,
    slo_count: run.sloCount,
    failed_count: run.failedCount,
    buckets_written: run.bucketsWritten,
  });
  const newest = await db('slo_collector_runs')
    .select('id')
    .orderBy('id', 'desc')
    .offset(RUNS_KEPT)
    .first();
  if (newest) {
    await db('slo_collector_runs').where('id', '<=', newest.id).delete();
  }
}

/**
 * The most recent collection cycle, if any.
 *
 * @internal
 */
export async function latestRun(db: Knex): Promise<CollectorRun | undefined> {
  const row = await db<RunRow>('slo_collector_runs')
    .orderBy('id', 'desc')
    .first();
  return row ? toRun(row) : undefined;
}
