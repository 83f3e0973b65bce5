import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import type { Entity } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  COMPOSITE_SLOS_ANNOTATION,
  reviewPeriodRefs,
  reviewRankingFigures,
  reviewTeamPeriod,
  SLO_ANNOTATIONS,
  type ReliabilityReviewResponse,
  type ReviewSlo,
  type SloDefinition,
  type SloPeriodsResponse,
  type ValidationProblem,
} from '@slo-kit/plugin-slo-common';
import type { CompositeSloService } from '../composites/CompositeSloService';
import type { SloDefinitionLoader } from '../definitions/SloDefinitionLoader';
import type { SloEvaluator } from '../evaluator/SloEvaluator';
import {
  groupRefOf,
  hierarchy,
  ownerRefsOf,
  subtree,
} from '../service/buildScorecard';
import { CallerCatalogCache } from '../service/CallerCatalogCache';
import {
  jsonBytes,
  ScorecardJsonCache,
} from '../service/ScorecardJsonCache';
import { systemOf } from './reviewedEntity';
import { reviewTeams } from './reviewTeams';
import type { SloReviewQuery, SloReviewReader } from './SloReviewReader';
import { resolveReviewQuery, type ReviewRequest } from './reviewQuery';

/** Entities with SLOs or composite SLOs. */
const sloFilter = [...SLO_ANNOTATIONS, COMPOSITE_SLOS_ANNOTATION].map(
  annotation => ({
    [`metadata.annotations.${annotation}`]: CATALOG_FILTER_EXISTS,
  }),
);

/**
 * Options of {@link SloReviewService}.
 *
 * @public
 */
export interface SloReviewServiceOptions {
  catalog: CatalogService;
  loader: SloDefinitionLoader;
  evaluator: SloEvaluator;
  reader: SloReviewReader;
  /** Zone of periods of rolling-window SLOs when a request names none (`slo.review.timeZone`). */
  defaultTimeZone: string;
  /** How long a caller's catalog answers are reused, in milliseconds. Default 0. */
  catalogCacheMs?: number;
  /**
   * Composite SLOs: a review counts those of the Systems and Domains a team
   * owns, next to its services' SLOs. Without it they count none.
   */
  composites?: CompositeSloService;
}

/**
 * The reliability review: every SLO the caller may read, per calendar period,
 * rolled up by owning team with the teams' reliability targets. Entities and
 * groups are read with the caller's credentials, so a caller sees only what
 * the catalog lets them read.
 *
 * @public
 */
export class SloReviewService {
  private readonly catalogCache: CallerCatalogCache;
  /** Serialized reviews by caller and query; only while catalog answers are cached. */
  private readonly reviewJsons?: ScorecardJsonCache<Buffer>;

  constructor(private readonly options: SloReviewServiceOptions) {
    this.catalogCache = new CallerCatalogCache(options.catalogCacheMs ?? 0);
    if ((options.catalogCacheMs ?? 0) > 0) {
      this.reviewJsons = new ScorecardJsonCache<Buffer>();
    }
  }

  /** `GET /slos/periods` */
  async sloPeriods(
    request: ReviewRequest & { entityRef: string; name: string },
    credentials: BackstageCredentials,
  ): Promise<SloPeriodsResponse> {
    const query = {
      ...resolveReviewQuery(request, {
        now: this.options.evaluator.now(),
        defaultPeriod: 'month',
        defaultTimeZone: this.options.defaultTimeZone,
        defaultCount: 12,
      }),
      entityRef: request.entityRef,
      name: request.name,
    };
    const entity = await this.catalogCache.get(
      credentials,
      `entity ${query.entityRef}`,
      () =>
        this.options.catalog.getEntityByRef(query.entityRef, { credentials }),
    );
    if (!entity) {
      throw new NotFoundError(
        `No entity ${query.entityRef} in the catalog, or you may not read it. Check the ref (kind:namespace/name).`,
      );
    }
    const { definitions } = await this.options.loader.load(entity);
    const definition = definitions.find(d => d.name === query.name);
    if (!definition) {
      throw new NotFoundError(
        `Entity ${query.entityRef} has no SLO named "${query.name}". ${
          definitions.length
            ? `Its SLOs are ${definitions.map(d => `"${d.name}"`).join(', ')}.`
            : 'It declares no valid SLO; see its problems.'
        }`,
      );
    }
    const objective = definition.objectives.find(
      o => o.name === query.objective,
    );
    if (query.objective !== undefined && !objective) {
      throw new NotFoundError(
        `SLO ${definition.id} has no objective named "${
          query.objective
        }". Its objectives are ${definition.objectives
          .map(o => `"${o.name}"`)
          .join(', ')}.`,
      );
    }
    const { entityRef: _ref, name: _name, ...sloQuery } = query;
    const [figures] = await this.options.reader.figures([definition], sloQuery);
    return {
      sloId: definition.id,
      entityRef: definition.entityRef,
      name: definition.name,
      period: query.period,
      timeZone: query.timeZone,
      objective: (objective ?? definition.objectives[0]).target,
      minimumEvents: figures.minimumEvents,
      at: new Date(figures.at * 1000).toISOString(),
      periods: figures.periods,
    };
  }

  /** `GET /review` */
  async review(
    request: ReviewRequest & { groupRef?: string },
    credentials: BackstageCredentials,
  ): Promise<ReliabilityReviewResponse> {
    const query = this.reviewQuery(request);
    const { entities, groups } = await this.visibleEntities(credentials);
    return this.computeReview(query, entities, groups);
  }

  /**
   * `GET /review` as the router sends it: the same answer as
   * {@link SloReviewService.review}, serialized, and reused for the caller,
   * group and query within the minute while the caller's catalog answers and
   * every SLO's collection state and recorded episodes are unchanged (when
   * catalog answers are cached at all). Every figure is cached per SLO
   * already; what a review of hundreds of SLOs costs on top is rolling them
   * up and serializing megabytes, for every request of a page and its
   * refreshes.
   */
  async reviewJson(
    request: ReviewRequest & { groupRef?: string },
    credentials: BackstageCredentials,
  ): Promise<Buffer> {
    const query = this.reviewQuery(request);
    const cache = this.reviewJsons;
    if (!cache) {
      const { entities, groups } = await this.visibleEntities(credentials);
      return jsonBytes(await this.computeReview(query, entities, groups));
    }
    const [{ entities, groups }, fingerprint] = await Promise.all([
      this.visibleEntities(credentials),
      this.options.reader.fingerprint(),
    ]);
    // The answer says when it was made, and its forecast depends on it.
    const minute = Math.floor(this.options.evaluator.now() / 60);
    return cache.get(
      `${CallerCatalogCache.callerKey(credentials)} ${JSON.stringify(query)}`,
      [entities, groups, fingerprint, minute],
      async () => jsonBytes(await this.computeReview(query, entities, groups)),
    );
  }

  /**
   * Computes the organisation's review for the page's default question (the
   * last four quarters in the default zone) with `credentials` (the
   * plugin's own, which read every entity), so every SLO's figures are
   * cached when a person opens a review after a collection cycle. Figures
   * are cached per SLO, not per caller, so any caller's review then reads
   * them; the serialized answer is still made per caller.
   */
  async warmReview(
    credentials: BackstageCredentials,
  ): Promise<{ slos: number; durationMs: number }> {
    const started = performance.now();
    const { entities, groups } = await this.visibleEntities(credentials);
    const review = await this.computeReview(
      this.reviewQuery({}),
      entities,
      groups,
    );
    return {
      slos: review.slos.length,
      durationMs: Math.round(performance.now() - started),
    };
  }

  private reviewQuery(
    request: ReviewRequest & { groupRef?: string },
  ): SloReviewQuery & { groupRef?: string } {
    return {
      ...resolveReviewQuery(request, {
        now: this.options.evaluator.now(),
        defaultPeriod: 'quarter',
        defaultTimeZone: this.options.defaultTimeZone,
        defaultCount: 4,
      }),
      groupRef: request.groupRef,
    };
  }

  /** The entities with SLOs and the groups the caller may read (answers reused for a few seconds). */
  private async visibleEntities(
    credentials: BackstageCredentials,
  ): Promise<{ entities: Entity[]; groups: Entity[] }> {
    const { catalog } = this.options;
    const [{ items: entities }, { items: groups }] = await Promise.all([
      this.catalogCache.get(credentials, 'entities with SLOs', () =>
        catalog.getEntities({ filter: sloFilter }, { credentials }),
      ),
      this.catalogCache.get(credentials, 'groups', () =>
        catalog.getEntities({ filter: { kind: 'Group' } }, { credentials }),
      ),
    ]);
    return { entities, groups };
  }

  private async computeReview(
    query: SloReviewQuery & { groupRef?: string },
    entities: Entity[],
    groups: Entity[],
  ): Promise<ReliabilityReviewResponse> {
    const { loader, evaluator, reader } = this.options;
    const { parentOf, childrenOf } = hierarchy(groups);
    let reviewed = groups;
    if (query.groupRef !== undefined) {
      const ref = query.groupRef.toLocaleLowerCase('en-US');
      if (!groups.some(g => groupRefOf(g) === ref)) {
        throw new NotFoundError(
          `No group ${ref} in the catalog, or you may not read it. Pass a Group entity ref such as group:default/payments.`,
        );
      }
      const members = subtree(ref, childrenOf);
      reviewed = groups.filter(g => members.has(groupRefOf(g)));
    }

    // Every SLO of the visible entities, owned by a reviewed group for a group review.
    const reviewedRefs = new Set(reviewed.map(groupRefOf));
    const pairs: Array<{
      entity: Entity;
      definition: SloDefinition;
      owners: string[];
    }> = [];
    const ownedEntities: Entity[] = [];
    for (const entity of entities) {
      const owners = ownerRefsOf(entity);
      if (
        query.groupRef !== undefined &&
        !owners.some(o => reviewedRefs.has(o))
      )
        continue;
      ownedEntities.push(entity);
      for (const definition of (await loader.load(entity)).definitions) {
        pairs.push({ entity, definition, owners });
      }
    }
    const { groupRef: _group, ...sloQuery } = query;
    const figures = await reader.figures(
      pairs.map(p => p.definition),
      sloQuery,
    );
    const slos: ReviewSlo[] = pairs.map(
      ({ entity, definition, owners }, i) => ({
        entityRef: definition.entityRef,
        entityTitle: entity.metadata.title ?? entity.metadata.name,
        name: definition.name,
        ownerRefs: owners,
        system: systemOf(entity),
        labels: { ...(entity.metadata.labels ?? {}) },
        objective: (
          definition.objectives.find(o => o.name === query.objective) ??
          definition.objectives[0]
        ).target,
        window: definition.window.label,
        periods: figures[i].periods,
        ...reviewRankingFigures(figures[i].periods),
      }),
    );
    // The composites of the same entities (Systems, Domains), owned alike.
    const { composites } = this.options;
    const declared = composites
      ? await composites.declaredComposites(ownedEntities)
      : [];
    for (const item of declared) {
      const { periods } = await composites!.reviewFigures(
        item,
        sloQuery,
        reader,
      );
      slos.push({
        entityRef: item.composite.entityRef,
        entityTitle: item.entity.metadata.title ?? item.entity.metadata.name,
        name: item.composite.name,
        ownerRefs: ownerRefsOf(item.entity),
        system: systemOf(item.entity),
        labels: { ...(item.entity.metadata.labels ?? {}) },
        objective: item.composite.objective,
        window: item.composite.window.label,
        periods,
        ...reviewRankingFigures(periods),
        composite: item.composite.semantics,
      });
    }

    const at = evaluator.now();
    const periods = reviewPeriodRefs(query, at);
    const problems: ValidationProblem[] = [];
    const teams = reviewTeams({
      reviewed,
      childrenOf,
      parentOf,
      slos,
      period: query.period,
      periods,
      at,
      problems,
    });

    return {
      now: new Date(at * 1000).toISOString(),
      period: query.period,
      timeZone: query.timeZone,
      groupRef: query.groupRef ?? null,
      periods,
      summary: periods.map((period, i) =>
        reviewTeamPeriod(slos, i, period.label),
      ),
      teams,
      slos,
      problems,
    };
  }
}
