import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  fineHistoryStart,
  historyResolution,
  SLO_ANNOTATIONS,
  type HistoryResolution,
  type SloDefinition,
} from '@slo-kit/plugin-slo-common';
import type { SloSource } from '@slo-kit/plugin-slo-node';
import type { Clock } from '../clock';
import type { SloBackendConfig } from '../config/readSloBackendConfig';
import type { SloStore } from '../database/SloStore';
import type { SloDefinitionLoader } from '../definitions/SloDefinitionLoader';
import type { SloSourceRegistry } from '../sources/SloSourceRegistry';
import { definitionHash } from './definitionHash';
import { FetchRangeError, fetchRange } from './fetchRange';
import { planCollection } from './planCollection';
import { runWithConcurrency } from './runWithConcurrency';

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

/**
 * Options of {@link SloCollector}.
 *
 * @public
 */
export interface SloCollectorOptions {
  catalog: CatalogService;
  auth: AuthService;
  logger: LoggerService;
  store: SloStore;
  sources: SloSourceRegistry;
  loader: SloDefinitionLoader;
  clock: Clock;
  settings: SloBackendConfig['collector'];
  /**
   * Zones whose calendar periods must stay exact after compaction besides
   * calendar SLOs' own (the review's, `slo.review.timeZone`).
   */
  timeZones?: string[];
  /**
   * Called after an SLO's buckets over `[from, to)` are stored, while they
   * are fine: the budget-burn episodes are recorded here
   * (`BurnEpisodeRecorder`). A failure is logged and the next collection
   * picks up again.
   */
  afterCollect?: (
    definition: SloDefinition,
    collected: {
      from: number;
      to: number;
      bucketSeconds: number;
    },
  ) => Promise<void>;
  /** Waits between retries; tests pass one that does not wait. */
  sleep?: (ms: number) => Promise<void>;
  /** Delay before the first retry, doubled each time. Default 1 s. */
  retryBaseDelayMs?: number;
}

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

  constructor(private readonly options: SloCollectorOptions) {
    this.sleep =
      options.sleep ?? (ms => new Promise(resolve => setTimeout(resolve, ms)));
    this.retryBaseDelayMs = options.retryBaseDelayMs ?? 1000;
  }

  /** Reads every entity with SLO annotations, with the plugin's own credentials. */
  private async loadDefinitions(): Promise<{
    entities: number;
    definitions: SloDefinition[];
  }> {
    const { catalog, auth } = this.options;
    const credentials = await auth.getOwnServiceCredentials();
    const { items } = await catalog.getEntities(
      {
        filter: SLO_ANNOTATIONS.map(annotation => ({
          [`metadata.annotations.${annotation}`]: CATALOG_FILTER_EXISTS,
        })),
      },
      { credentials },
    );
    const definitions = new Map<string, SloDefinition>();
    for (const entity of items) {
      const { definitions: parsed } = await this.options.loader.load(entity);
      for (const definition of parsed) {
        // Duplicate names are reported as problems by the engine; collect the first.
        if (!definitions.has(definition.id)) {
          definitions.set(definition.id, definition);
        }
      }
    }
    return { entities: items.length, definitions: [...definitions.values()] };
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
    const summary: CollectionSummary = {
      startedAt: now * 1000,
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
    };

    const { entities, definitions } = await this.loadDefinitions();
    summary.entities = entities;
    summary.slos = definitions.length;

    await runWithConcurrency(
      definitions,
      settings.concurrency,
      async definition => {
        if (signal?.aborted) return;
        const result = await this.collectSlo(definition, now, signal);
        summary.bucketsWritten += result.bucketsWritten;
        summary.queries += result.queries;
        if (result.aborted) return;
        if (result.error) {
          summary.failed += 1;
          summary.errors[definition.id] = result.error;
        } else {
          summary.succeeded += 1;
        }
      },
    );

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

    summary.compacted = await this.compact(definitions, now);
    summary.deleted = await store.deleteOlderThan(
      now - settings.retentionDays * DAY,
    );

    summary.durationMs = Math.round(performance.now() - started);
    await store.recordRun({
      startedAt: summary.startedAt,
      finishedAt: summary.startedAt + summary.durationMs,
      durationMs: summary.durationMs,
      sloCount: summary.slos,
      failedCount: summary.failed,
      bucketsWritten: summary.bucketsWritten,
    });
    logger.info(
      `SLO collection: ${summary.slos} SLOs of ${summary.entities} entities in ${summary.durationMs} ms; ` +
        `${summary.failed} failed, ${summary.bucketsWritten} buckets written, ${summary.queries} queries, ` +
        `${summary.compacted} compacted, ${summary.deleted} deleted`,
    );
    return summary;
  }

  /**
   * Merges fine buckets that have left each SLO's fine history into its
   * coarse buckets: SLOs with the same resolution and boundary in one call.
   */
  private async compact(
    definitions: SloDefinition[],
    now: number,
  ): Promise<number> {
    const groups = new Map<
      string,
      { before: number; intoSeconds: number; sloIds: string[] }
    >();
    for (const definition of definitions) {
      const resolution = this.resolutionOf(
        definition,
        this.bucketSizesOf(definition).storage,
      );
      if (resolution.coarseSeconds <= resolution.fineSeconds) continue;
      const before = fineHistoryStart(now, resolution);
      const key = `${before}/${resolution.coarseSeconds}`;
      const group = groups.get(key) ?? {
        before,
        intoSeconds: resolution.coarseSeconds,
        sloIds: [],
      };
      group.sloIds.push(definition.id);
      groups.set(key, group);
    }
    let compacted = 0;
    for (const group of groups.values()) {
      compacted += await this.options.store.compact(group);
    }
    return compacted;
  }

  /** The stored and requested bucket lengths of an SLO. */
  private bucketSizesOf(definition: SloDefinition): {
    storage: number;
    request: number;
  } {
    return this.options.sources.bucketSizesOf(
      definition,
      this.options.settings.bucketSeconds,
    );
  }

  /** How the SLO's history is stored: fine for its windows, coarse beyond. */
  private resolutionOf(
    definition: SloDefinition,
    bucketSeconds: number,
  ): HistoryResolution {
    return historyResolution(definition, {
      bucketSeconds,
      fineRetentionSeconds: this.options.settings.fineRetentionDays * DAY,
      timeZones: this.options.timeZones,
    });
  }

  /** Collects one SLO; never throws. */
  async collectSlo(
    definition: SloDefinition,
    now: number,
    signal?: AbortSignal,
  ): Promise<SloCollectionOutcome> {
    const { store, sources, logger } = this.options;
    const at = now * 1000;
    const resolution = sources.resolve(definition);
    const sourceName = resolution.ok
      ? resolution.source.name
      : resolution.sourceName;
    const buckets = this.bucketSizesOf(definition);

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
      await store.recordAttempt(definition.id, at);
      if (!resolution.ok) {
        await store.recordFailure(definition.id, at, resolution.message);
        return { bucketsWritten: 0, queries: 0, error: resolution.message };
      }
      return await this.fetchAndStore(
        definition,
        resolution.source,
        buckets,
        now,
        signal,
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
  ): Promise<SloCollectionOutcome> {
    const { store, settings } = this.options;
    const at = now * 1000;
    const state = (await store.getStates([definition.id])).get(definition.id);
    const ranges = planCollection({
      now,
      collectedUntil: state?.collectedUntil ?? undefined,
      resolution: this.resolutionOf(definition, buckets.storage),
      backfillDays: settings.backfillDays,
      sourceRetentionSeconds: source.capabilities().retentionSeconds,
    });

    const written = { buckets: 0 };
    let queries = 0;
    for (const range of ranges) {
      try {
        queries += await fetchRange({
          source,
          definition,
          start: range.start,
          end: range.end,
          bucketSeconds: range.bucketSeconds,
          // Hour ranges of event SLIs are asked for in hours; slices always as slices.
          requestSeconds:
            definition.sli.kind === 'timeSlice'
              ? buckets.request
              : Math.max(buckets.request, range.bucketSeconds),
          maxAttempts: settings.maxAttempts,
          timeoutMs: settings.requestTimeoutMs,
          retryBaseDelayMs: this.retryBaseDelayMs,
          sleep: this.sleep,
          // A backfill may reach back past the start of the source's data.
          countFromFirstSample:
            state?.collectedUntil === null ||
            state?.collectedUntil === undefined,
          signal,
          onChunk: async chunk => {
            written.buckets += await store.saveBuckets(
              definition.id,
              chunk.buckets,
              {
                from: chunk.start,
                until: chunk.end,
              },
            );
          },
        });
      } catch (error) {
        if (signal?.aborted) {
          // Neither a success nor the source's failure: what was stored stays.
          return { bucketsWritten: written.buckets, queries, aborted: true };
        }
        if (!(error instanceof FetchRangeError)) {
          throw error;
        }
        // What was stored before stays; the next cycle resumes from it.
        await store.recordFailure(definition.id, at, error.message);
        return {
          bucketsWritten: written.buckets,
          queries,
          error: error.message,
        };
      }
    }
    await store.recordSuccess(definition.id, at);
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
    return { bucketsWritten: written.buckets, queries };
  }
}
