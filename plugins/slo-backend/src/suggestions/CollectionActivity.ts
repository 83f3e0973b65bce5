import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

const TABLE = 'slo_collection_leases';

/**
 * Whether a collection cycle is running on any replica that shares the
 * plugin's database, so the suggestion job can hold its source queries back
 * until no cycle runs: both share each source's own concurrency limit (a
 * Prometheus instance's `maxConcurrentQueries`), and suggestions must never
 * make collection wait.
 *
 * One mechanism on every database: a lease row (table
 * `slo_collection_leases`) that a cycle writes before it starts and deletes
 * when it ends. A lease expires at the cycle's timeout (the scheduler aborts
 * the cycle then), so a replica that dies mid-cycle holds suggestions back
 * no longer than that. Waiting polls the table; on SQLite (one process) it
 * works the same way.
 *
 * @internal
 */
export class CollectionActivity {
  constructor(
    private readonly options: {
      db: Knex;
      /** The collection cycle's timeout: how long a lease lives at most. */
      leaseMs: number;
      /** How often a waiting job looks again. Default 1 s. */
      pollMs?: number;
      logger?: LoggerService;
      /** Epoch milliseconds; the wall clock unless a test passes its own. */
      now?: () => number;
    },
  ) {}

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  /** A scheduled task's function, holding a lease for the whole of each cycle. */
  track(cycle: (signal: AbortSignal) => Promise<void>): (signal: AbortSignal) => Promise<void> {
    return async signal => {
      const { db, leaseMs, logger } = this.options;
      const holder = randomUUID();
      const startedAt = this.now();
      let leased = false;
      try {
        // Leases of dead replicas go when a new cycle starts.
        await db(TABLE).where('expires_at', '<=', startedAt).delete();
        await db(TABLE).insert({ holder, started_at: startedAt, expires_at: startedAt + leaseMs });
        leased = true;
      } catch (error) {
        // Collection never waits for the suggestions' bookkeeping.
        logger?.warn(`SLO collection could not record its lease, suggestions may run beside it: ${error}`);
      }
      try {
        await cycle(signal);
      } finally {
        if (leased) {
          await db(TABLE)
            .where({ holder })
            .delete()
            .catch(error => logger?.warn(`SLO collection could not release its lease (it expires on its own): ${error}`));
        }
      }
    };
  }

  /** True while a cycle runs on any replica (an unexpired lease exists). */
  async collecting(): Promise<boolean> {
    const row = await this.options.db(TABLE).where('expires_at', '>', this.now()).first('holder');
    return row !== undefined;
  }

  /** Resolves when no cycle runs on any replica (or `signal` aborts), looking every `pollMs`. */
  async idle(signal?: AbortSignal): Promise<void> {
    const pollMs = this.options.pollMs ?? 1000;
    while (!signal?.aborted && (await this.collecting())) {
      // An abort ends the pause early (the sleep rejects); the loop then stops.
      await sleep(pollMs, undefined, { signal }).catch(() => undefined);
    }
  }
}
