import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  generatePrometheusRules,
  hasSloAnnotations,
  normalizeEntityRef,
  suggestionAnnotation,
  type EntityProblemsResponse,
  type EntitySlosResponse,
  type EntitySuggestionsResponse,
  type PrometheusRulesComposite,
  type ScorecardResponse,
  type SloDefinition,
  type SloHistoryResponse,
  type SloSeriesResponse,
} from '@slo-kit/plugin-slo-common';
import type { CompositeSloService } from '../composites/CompositeSloService';
import type { SloStore } from '../database/SloStore';
import type { SloDefinitionLoader } from '../definitions/SloDefinitionLoader';
import type { SloEvaluator } from '../evaluator/SloEvaluator';
import type { SloSourceRegistry } from '../sources/SloSourceRegistry';
import type { SuggestionStore } from '../suggestions/SuggestionStore';
import { CallerCatalogCache } from './CallerCatalogCache';
import { CallerCatalogReads } from './CallerCatalogReads';
import { jsonBytes, ScorecardJsonCache } from './ScorecardJsonCache';
import { comparisonPeriod, SPARKLINE_POINTS } from './scorecardRows';
import {
  collectorStatus,
  type CollectorStatusResponse,
} from './collectorStatus';
import { checkObjective, seriesRange } from './seriesRequest';
import { computeScorecard } from './computeScorecard';
import { sharedWhileRunning } from './sharedWhileRunning';
import {
  withoutSlosInputs,
  type ServiceWithoutSlos,
} from './withoutSlosInputs';

/**
 * Options of {@link SloService}.
 *
 * @public
 */
export interface SloServiceOptions {
  catalog: CatalogService;
  loader: SloDefinitionLoader;
  evaluator: SloEvaluator;
  store: SloStore;
  sources: SloSourceRegistry;
  /** The portal's frontend base URL, for links in exported rules. */
  appBaseUrl?: string;
  /**
   * How long a caller's catalog answers are reused, in milliseconds. Default
   * 0: every request asks the catalog. The plugin uses a few seconds.
   */
  catalogCacheMs?: number;
  /**
   * Suggested SLOs stored by the suggestion job: served per entity, and
   * counted on scorecards. Without it there are none, and scorecards leave
   * the count out.
   */
  suggestions?: SuggestionStore;
  /**
   * Composite SLOs: scorecards count those of the Systems and Domains a
   * group owns, next to its services' SLOs. Without it they count none.
   */
  composites?: CompositeSloService;
}

export type { CollectorStatusResponse } from './collectorStatus';

/** Scorecards are shared and cached per caller and group. */
function scorecardKey(
  groupRef: string | undefined,
  credentials: BackstageCredentials,
): string {
  return `${CallerCatalogCache.callerKey(credentials)} ${groupRef ?? ''}`;
}

/**
 * What the API answers. Every entity is read from the catalog with the
 * caller's credentials, so the catalog's permission rules decide what each
 * caller sees; an entity the caller may not read is reported as not found.
 *
 * @public
 */
export class SloService {
  private readonly catalog: CallerCatalogReads;
  /** Scorecards being computed, by caller and group: identical requests share one. */
  private readonly scorecardsInFlight = new Map<
    string,
    Promise<ScorecardResponse>
  >();

  /** Serialized scorecards by caller and group; only while catalog answers are cached. */
  private readonly scorecardJsons?: ScorecardJsonCache<Buffer>;

  /** The store's fingerprint of every SLO's state, one scan for the requests that ask at once. */
  private readonly statesFingerprint: () => Promise<string>;

  constructor(private readonly options: SloServiceOptions) {
    this.statesFingerprint = sharedWhileRunning(() =>
      options.store.statesFingerprint(),
    );
    this.catalog = new CallerCatalogReads(
      options.catalog,
      options.catalogCacheMs ?? 0,
    );
    if ((options.catalogCacheMs ?? 0) > 0) {
      this.scorecardJsons = new ScorecardJsonCache<Buffer>();
    }
  }

  private async definition(
    entityRef: string,
    name: string,
    credentials: BackstageCredentials,
  ): Promise<SloDefinition> {
    const entity = await this.catalog.entity(entityRef, credentials);
    const { definitions } = await this.options.loader.load(entity);
    const definition = definitions.find(d => d.name === name);
    if (!definition) {
      const names = definitions.map(d => `"${d.name}"`).join(', ');
      throw new NotFoundError(
        `Entity ${normalizeEntityRef(entityRef)} has no SLO named "${name}". ${
          names
            ? `Its SLOs are ${names}.`
            : 'It declares no valid SLO; see its problems.'
        }`,
      );
    }
    return definition;
  }

  /** `GET /entities/:kind/:namespace/:name/slos` */
  async entitySlos(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<EntitySlosResponse> {
    const entity = await this.catalog.entity(entityRef, credentials);
    const loaded = await this.options.loader.load(entity);
    const slos = await this.options.evaluator.statuses(loaded.definitions);
    return {
      entityRef: loaded.entityRef,
      slos,
      problems: loaded.problems,
      now: new Date(this.options.evaluator.now() * 1000).toISOString(),
    };
  }

  /**
   * `GET /entities/:kind/:namespace/:name/suggestions`: read like the
   * entity's SLOs, with the caller's credentials, so an entity the caller
   * may not read is not found. An entity that declares SLOs has none.
   */
  async entitySuggestions(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<EntitySuggestionsResponse> {
    const entity = await this.catalog.entity(entityRef, credentials);
    const ref = normalizeEntityRef(entityRef);
    const stored = hasSloAnnotations(entity)
      ? undefined
      : await this.options.suggestions?.get(ref);
    const suggestions = stored?.suggestions ?? [];
    return {
      entityRef: ref,
      suggestions,
      annotation:
        suggestions.length > 0 ? suggestionAnnotation(suggestions) : null,
      checkedAt: stored ? new Date(stored.checkedAt).toISOString() : null,
    };
  }

  /** `GET /entities/:kind/:namespace/:name/problems` */
  async entityProblems(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<EntityProblemsResponse> {
    const entity = await this.catalog.entity(entityRef, credentials);
    const loaded = await this.options.loader.load(entity);
    return { entityRef: loaded.entityRef, problems: loaded.problems };
  }

  /** `GET /slos/series` */
  async series(
    query: {
      entityRef: string;
      name: string;
      from?: number;
      to?: number;
      maxPoints?: number;
      objective?: string;
    },
    credentials: BackstageCredentials,
  ): Promise<SloSeriesResponse> {
    const definition = await this.definition(
      query.entityRef,
      query.name,
      credentials,
    );
    checkObjective(definition, query.objective);
    const { from, to } = seriesRange(
      definition,
      query,
      this.options.evaluator.now(),
    );
    const series = await this.options.evaluator.series(definition, {
      from,
      to,
      maxPoints: query.maxPoints,
      objective: query.objective,
    });
    return {
      sloId: definition.id,
      from,
      to,
      stepSeconds: series.stepSeconds,
      points: series.points,
    };
  }

  /** `GET /slos/history` */
  async history(
    query: {
      entityRef: string;
      name: string;
      period: 'week' | 'month';
      count: number;
      objective?: string;
    },
    credentials: BackstageCredentials,
  ): Promise<SloHistoryResponse> {
    const definition = await this.definition(
      query.entityRef,
      query.name,
      credentials,
    );
    checkObjective(definition, query.objective);
    const { minimumEvents, periods } = await this.options.evaluator.history(
      definition,
      query,
    );
    return {
      sloId: definition.id,
      period: query.period,
      minimumEvents,
      periods,
    };
  }

  /** `GET /scorecard` */
  async scorecard(
    groupRef: string | undefined,
    credentials: BackstageCredentials,
  ): Promise<ScorecardResponse> {
    // A page of clients asking at once costs one computation, not one each.
    const key = scorecardKey(groupRef, credentials);
    const running = this.scorecardsInFlight.get(key);
    if (running) {
      return running;
    }
    const computed = Promise.all([
      this.catalog.visibleSloEntities(credentials),
      this.catalog.visibleGroups(credentials),
      this.withoutSlos(credentials),
    ]).then(([entities, groups, withoutSlos]) =>
      computeScorecard(this.options, groupRef, entities, groups, withoutSlos),
    );
    this.scorecardsInFlight.set(key, computed);
    try {
      return await computed;
    } finally {
      this.scorecardsInFlight.delete(key);
    }
  }

  /**
   * `GET /scorecard` as the router sends it: the same answer as
   * {@link SloService.scorecard}, serialized, and reused for the caller and
   * group while its catalog answers and every SLO's collection state are
   * unchanged (when catalog answers are cached at all). UTF-8 bytes, so
   * every response sends the same ones instead of copying a string.
   */
  async scorecardJson(
    groupRef: string | undefined,
    credentials: BackstageCredentials,
  ): Promise<Buffer> {
    const cache = this.scorecardJsons;
    if (!cache) {
      return jsonBytes(await this.scorecard(groupRef, credentials));
    }
    const [entities, groups, fingerprint, withoutSlos] = await Promise.all([
      this.catalog.visibleSloEntities(credentials),
      this.catalog.visibleGroups(credentials),
      this.statesFingerprint(),
      this.withoutSlosInputs(credentials),
    ]);
    const key = scorecardKey(groupRef, credentials);
    return cache.get(
      key,
      [entities, groups, fingerprint, ...(withoutSlos?.inputs ?? [])],
      async () =>
        jsonBytes(
          await computeScorecard(
            this.options,
            groupRef,
            entities,
            groups,
            withoutSlos && { services: await withoutSlos.services() },
          ),
        ),
    );
  }

  /** {@link withoutSlosInputs} with the caller's catalog reads and the service's suggestion store. */
  private withoutSlosInputs(credentials: BackstageCredentials) {
    return withoutSlosInputs(
      this.catalog,
      this.options.suggestions,
      credentials,
    );
  }

  /** The caller's services without SLOs with their owners, and whether each has a suggestion. */
  private async withoutSlos(
    credentials: BackstageCredentials,
  ): Promise<{ services: ServiceWithoutSlos[] } | undefined> {
    const found = await this.withoutSlosInputs(credentials);
    return found && { services: await found.services() };
  }

  /**
   * Computes the scorecard figures of every registered SLO into the
   * evaluator's cache. Run after each collection cycle, it takes the cost
   * of a scorecard with nothing cached (a few milliseconds per SLO) off the
   * first person to open one; the figures are the same a request would
   * compute, since the cache is keyed on each SLO's data version.
   */
  async warmScorecard(): Promise<{ slos: number; durationMs: number }> {
    const started = performance.now();
    const slos = await this.options.store.listSlos();
    await this.options.evaluator.overviews(
      slos.map(slo => slo.definition),
      { period: comparisonPeriod, sparklinePoints: SPARKLINE_POINTS },
    );
    return {
      slos: slos.length,
      durationMs: Math.round(performance.now() - started),
    };
  }

  /**
   * `GET /rules`: a Prometheus rule file for the given entities, or every
   * visible one, with the given composite SLOs (see
   * `CompositeSloService.rulesComposites`).
   */
  async rules(
    entityRefs: string[],
    credentials: BackstageCredentials,
    composites: readonly PrometheusRulesComposite[] = [],
  ): Promise<string> {
    const entities =
      entityRefs.length > 0
        ? await Promise.all(
            entityRefs.map(ref => this.catalog.entity(ref, credentials)),
          )
        : await this.catalog.visibleSloEntities(credentials);
    const definitions: SloDefinition[] = [];
    for (const entity of entities) {
      definitions.push(...(await this.options.loader.load(entity)).definitions);
    }
    const { appBaseUrl } = this.options;
    return generatePrometheusRules(definitions, {
      composites,
      bucketSeconds: definition =>
        this.options.evaluator.bucketSecondsOf(definition),
      sloUrl: appBaseUrl
        ? slo => {
            const ref = parseEntityRef(slo.entityRef);
            return `${appBaseUrl}/catalog/${ref.namespace}/${ref.kind}/${ref.name}/slo`;
          }
        : undefined,
    });
  }

  /** `GET /collector` */
  async collectorStatus(): Promise<CollectorStatusResponse> {
    return collectorStatus(this.options.sources, this.options.store);
  }
}
