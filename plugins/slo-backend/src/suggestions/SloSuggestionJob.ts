import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { hasSloAnnotations, suggestionCandidates, type SliTemplate } from '@slo-kit/plugin-slo-common';
import type { Clock } from '../clock';
import { runWithConcurrency } from '../collector/runWithConcurrency';
import type { SloSourceRegistry } from '../sources/SloSourceRegistry';
import { CollectionActivity } from './CollectionActivity';
import { findSuggestions, type EntitySuggestions } from './findSuggestions';
import type { StoredSuggestions, SuggestionStore } from './SuggestionStore';

/**
 * The job's limits (`slo.suggestions` in app-config).
 *
 * @internal
 */
export interface SuggestionJobSettings {
  /** Entities searched at the same time. */
  concurrency: number;
  /** Most source queries one run may issue; entities left over wait for the next run. */
  maxQueriesPerRun: number;
}

/**
 * Source queries one template tried for one name may cost: a ratio or a
 * histogram SLI asks for two counters (good or bad, and total), and 720
 * hourly points fit in one request of every source.
 */
const QUERIES_PER_CANDIDATE = 2;

/**
 * What one run did.
 *
 * @internal
 */
export interface SuggestionRunSummary {
  durationMs: number;
  /** Components without SLOs in the catalog. */
  candidates: number;
  /** Of those, searched this run. */
  searched: number;
  /** Left for the next run by the query cap (or a cancelled run). */
  deferred: number;
  withSuggestions: number;
  queries: number;
  /** Stored rows deleted: entities that declare SLOs now, or left the catalog. */
  deleted: number;
  /** Milliseconds spent waiting for collection cycles to finish. */
  waitedForCollectionMs: number;
  aborted: boolean;
}

/**
 * The scheduled search for suggested SLOs: every catalog Component that
 * declares no SLO (read with the plugin's own credentials) is looked up with
 * {@link findSuggestions}, and what it finds is stored by entity ref, also
 * when it finds nothing. Entities looked at longest ago go first, so a run
 * stopped by its query cap continues where the last one stopped. Rows of
 * entities that now declare SLOs (or left the catalog) are deleted.
 *
 * The job never makes a collection cycle wait: it searches at most
 * `concurrency` entities at once, issues no source query while a cycle runs
 * on any replica sharing the database ({@link CollectionActivity}: the two
 * share every source's concurrency limit), and reserves an
 * entity's worst case (two queries per template and identity tried) against
 * the run's query cap before it starts.
 *
 * @internal
 */
export class SloSuggestionJob {
  constructor(
    private readonly options: {
      catalog: CatalogService;
      auth: AuthService;
      logger: LoggerService;
      store: SuggestionStore;
      sources: SloSourceRegistry;
      templates: readonly SliTemplate[];
      clock: Clock;
      settings: SuggestionJobSettings;
      collection?: CollectionActivity;
    },
  ) {}

  /** Components that declare no SLO, by canonical ref. */
  private async candidates(): Promise<Map<string, Entity>> {
    const credentials = await this.options.auth.getOwnServiceCredentials();
    const { items } = await this.options.catalog.getEntities({ filter: { kind: 'Component' } }, { credentials });
    const result = new Map<string, Entity>();
    for (const entity of items) {
      if (!hasSloAnnotations(entity)) result.set(stringifyEntityRef(entity).toLocaleLowerCase('en-US'), entity);
    }
    return result;
  }

  /** One run: search, store, delete what no longer applies. */
  async runOnce(options: { signal?: AbortSignal } = {}): Promise<SuggestionRunSummary> {
    const { store, settings, templates, sources, clock, logger } = this.options;
    const { signal } = options;
    const started = performance.now();
    const candidates = await this.candidates();
    const deleted = await store.deleteAllExcept(new Set(candidates.keys()));
    const checked = await store.checkedAt();
    // Never looked at first, then the longest ago; ties by ref, so runs are repeatable.
    const order = [...candidates.keys()].sort(
      (a, b) => (checked.get(a) ?? -1) - (checked.get(b) ?? -1) || a.localeCompare(b),
    );

    const summary: SuggestionRunSummary = {
      durationMs: 0,
      candidates: candidates.size,
      searched: 0,
      deferred: 0,
      withSuggestions: 0,
      queries: 0,
      deleted,
      waitedForCollectionMs: 0,
      aborted: false,
    };
    let reserved = 0;
    let capReached = false;
    const at = clock.now();
    // Before every source query, not only every service: a cycle that starts
    // mid-search finds at most `concurrency` suggestion queries in flight.
    const waitForCollection = async () => {
      const collection = this.options.collection;
      if (!collection || !(await collection.collecting())) return;
      const waitStarted = performance.now();
      await collection.idle(signal);
      summary.waitedForCollectionMs += Math.round(performance.now() - waitStarted);
    };
    await runWithConcurrency(order, settings.concurrency, async ref => {
      if (capReached || signal?.aborted) {
        summary.deferred++;
        return;
      }
      await waitForCollection();
      if (signal?.aborted) {
        summary.deferred++;
        return;
      }
      const entity = candidates.get(ref)!;
      const worstCase =
        QUERIES_PER_CANDIDATE * suggestionCandidates(entity, templates).reduce((n, group) => n + group.length, 0);
      if (summary.queries + reserved + worstCase > settings.maxQueriesPerRun) {
        capReached = true;
        summary.deferred++;
        return;
      }
      reserved += worstCase;
      let found: EntitySuggestions;
      try {
        found = await findSuggestions({ entity, templates, sources, at, signal, beforeQuery: waitForCollection });
      } finally {
        reserved -= worstCase;
      }
      summary.queries += found.queryCount;
      if (signal?.aborted) {
        // A cancelled search may have stopped half way: keep what was stored.
        summary.deferred++;
        return;
      }
      summary.searched++;
      if (found.suggestions.length > 0) summary.withSuggestions++;
      const row: StoredSuggestions = {
        entityRef: ref,
        suggestions: found.suggestions,
        misses: found.misses,
        checkedAt: Date.now(),
      };
      await store.save([row]);
    });

    summary.aborted = signal?.aborted ?? false;
    summary.durationMs = Math.round(performance.now() - started);
    logger.info(
      `SLO suggestions: ${summary.searched} of ${summary.candidates} services without SLOs searched in ${summary.durationMs} ms ` +
        `(${summary.queries} source queries, ${summary.withSuggestions} with a suggestion, ${summary.deferred} left for the next run, ` +
        `${summary.deleted} removed${summary.waitedForCollectionMs ? `, ${summary.waitedForCollectionMs} ms waiting for collection` : ''})`,
    );
    return summary;
  }
}
