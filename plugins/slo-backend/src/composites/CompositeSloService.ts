import type {
  AuthService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  validateCompositeMembers,
  type CompositeSloDefinition,
  type CompositeSloStatus,
  type EntityCompositesResponse,
  type PrometheusRulesComposite,
  type ResolvedCompositeMember,
  type SloHistoryResponse,
  type SloSeriesResponse,
  type SloWindow,
  type ValidationProblem,
} from '@slo-kit/plugin-slo-common';
import type { SloStore } from '../database/SloStore';
import type { SloDefinitionLoader } from '../definitions/SloDefinitionLoader';
import type { SloEvaluator, SloOverview } from '../evaluator/SloEvaluator';
import type {
  SloReviewFigures,
  SloReviewQuery,
  SloReviewReader,
} from '../review/SloReviewReader';
import { readCorrectedBuckets } from '../corrections/readCorrectedBuckets';
import { CompositeFigures, type CompositeBasis } from './CompositeFigures';
import { compositeHistory, compositeSeries } from './compositeCharts';
import {
  compositesOf,
  DECLARES_COMPOSITES,
  HIDDEN_MEMBER,
  memberEntitiesForCaller,
  memberEntitiesForPlugin,
  readableEntity,
  type MemberEntity,
} from './compositeMembers';
import { statusForCaller } from './compositeStatus';

/**
 * Options of {@link CompositeSloService}.
 *
 * @public
 */
export interface CompositeSloServiceOptions {
  catalog: CatalogService;
  /** For the plugin's own credentials: a composite's figures count every member, readable or not. */
  auth: AuthService;
  loader: SloDefinitionLoader;
  evaluator: SloEvaluator;
  store: SloStore;
  /** Share of the window that buckets must cover (`slo.coverageThreshold`). */
  coverageThreshold?: number;
}

/**
 * A valid composite that an entity declares, with its members resolved: one
 * row of the scorecard and of the reliability review, owned by the entity's
 * owners.
 *
 * @public
 */
export interface DeclaredComposite {
  /** The declaring entity (a System, a Domain...). */
  entity: Entity;
  composite: CompositeSloDefinition;
  members: ResolvedCompositeMember[];
  /** The member entities as resolved, shared by the composites of one call. */
  memberEntities: ReadonlyMap<string, MemberEntity | undefined>;
}

/**
 * Composite SLOs (`slo-kit.dev/composite-slos`, and those of OpenSLO files,
 * see `compositesOf`): resolves each composite's
 * members from the catalog and serves the composite's figures, computed by
 * {@link CompositeFigures} once per change of its members' data.
 *
 * The declaring entity is read with the caller's credentials (not found if
 * the caller may not read it), like an entity's SLO list. Members are read
 * the same way to decide what the caller sees: a member entity the caller
 * may not read counts in the composite's figures but is shown as "another
 * entity", without name or figures.
 *
 * @public
 */
export class CompositeSloService {
  private readonly figures: CompositeFigures;

  constructor(private readonly options: CompositeSloServiceOptions) {
    this.figures = new CompositeFigures(options);
  }

  /** `GET /entities/:kind/:namespace/:name/composites` */
  async entityComposites(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<EntityCompositesResponse> {
    const entity = await readableEntity(
      this.options.catalog,
      entityRef,
      credentials,
    );
    const parsed = await compositesOf(entity, this.options.loader);
    const problems: ValidationProblem[] = [...parsed.problems];
    const memberEntities = await memberEntitiesForCaller(
      parsed.composites,
      credentials,
      this.options,
    );
    const composites: CompositeSloStatus[] = [];
    for (const composite of parsed.composites) {
      const validated = validateCompositeMembers(composite, memberEntities);
      problems.push(...validated.problems);
      const members = validated.members;
      if (members) {
        const figures = await this.figures.figures(composite, members);
        composites.push(
          statusForCaller(
            figures,
            members.map(m => memberEntities.get(m.entityRef)?.visible ?? false),
          ),
        );
      }
    }
    return {
      entityRef: parsed.entityRef,
      composites,
      problems,
      now: new Date(this.options.evaluator.now() * 1000).toISOString(),
    };
  }

  /**
   * The composites for `GET /rules`: those of `entityRefs` (each one the
   * caller may read), or of every entity the caller may read that declares
   * composites. A composite with a member the caller may not read is not
   * exported (its rules would show that member's metrics), nor is one whose
   * members have problems; the reason says neither which member nor why in
   * detail, since it may be a hidden one.
   */
  async rulesComposites(
    entityRefs: readonly string[],
    credentials: BackstageCredentials,
  ): Promise<PrometheusRulesComposite[]> {
    const { catalog } = this.options;
    const entities: Entity[] =
      entityRefs.length > 0
        ? (
            await Promise.all(
              entityRefs.map(ref =>
                catalog.getEntityByRef(ref, { credentials }),
              ),
            )
          ).filter((entity): entity is Entity => entity !== undefined)
        : (
            await catalog.getEntities(
              { filter: DECLARES_COMPOSITES },
              { credentials },
            )
          ).items;
    const composites = (
      await Promise.all(
        entities.map(
          async entity =>
            (await compositesOf(entity, this.options.loader)).composites,
        ),
      )
    ).flat();
    if (composites.length === 0) return [];
    const memberEntities = await memberEntitiesForCaller(
      composites,
      credentials,
      this.options,
    );
    return composites.map(composite => {
      const { members, problems } = validateCompositeMembers(
        composite,
        memberEntities,
      );
      if (!members) {
        return {
          composite,
          notExported: `${problems.length} problem(s) with its members; see GET /api/slo/entities/{kind}/{namespace}/{name}/composites`,
        };
      }
      if (members.some(m => !memberEntities.get(m.entityRef)?.visible)) {
        return {
          composite,
          notExported: `a member belongs to ${HIDDEN_MEMBER} you may not read, whose metrics the rules would show`,
        };
      }
      return { composite, members };
    });
  }

  /**
   * `GET /composites/history`: a composite's attainment per calendar week
   * or month (see `compositeHistory`).
   */
  async history(
    query: {
      entityRef: string;
      name: string;
      period: 'week' | 'month';
      count: number;
    },
    credentials: BackstageCredentials,
  ): Promise<SloHistoryResponse> {
    const basis = await this.resolvedComposite(query, credentials);
    return compositeHistory(this.figures, basis, query);
  }

  /**
   * `GET /composites/series`: a composite's series over `[from, to]`
   * (see `compositeSeries`).
   */
  async series(
    query: {
      entityRef: string;
      name: string;
      from?: number;
      to?: number;
      maxPoints?: number;
    },
    credentials: BackstageCredentials,
  ): Promise<SloSeriesResponse> {
    const basis = await this.resolvedComposite(query, credentials);
    return compositeSeries(
      this.figures,
      basis,
      query,
      this.options.evaluator.now(),
    );
  }

  /** A valid composite of an entity the caller may read, with the basis of its figures. */
  private async resolvedComposite(
    query: { entityRef: string; name: string },
    credentials: BackstageCredentials,
  ): Promise<CompositeBasis> {
    const entity = await readableEntity(
      this.options.catalog,
      query.entityRef,
      credentials,
    );
    const parsed = await compositesOf(entity, this.options.loader);
    const composite = parsed.composites.find(c => c.name === query.name);
    if (!composite) {
      const names = parsed.composites.map(c => `"${c.name}"`).join(', ');
      throw new NotFoundError(
        `Entity ${parsed.entityRef} has no valid composite SLO named "${
          query.name
        }". ${
          names
            ? `Its composites are ${names}.`
            : 'It declares no valid composite; see GET /entities/{kind}/{namespace}/{name}/composites for its problems.'
        }`,
      );
    }
    const entities = await memberEntitiesForCaller(
      [composite],
      credentials,
      this.options,
    );
    const { members, problems } = validateCompositeMembers(composite, entities);
    if (!members) {
      throw new NotFoundError(
        `Composite ${composite.id} has ${problems.length} problem(s) with its members, e.g. ${problems[0].path}: ${problems[0].message}`,
      );
    }
    return this.figures.basis(composite, members);
  }

  /**
   * The valid composites the given entities declare, with their members:
   * what the scorecard and the reliability review count for the entities'
   * owners, next to their SLOs. Members are resolved with the plugin's own
   * credentials, as the figures count every member; those pages name none.
   * A composite with a problem is left out (its entity's tab lists it).
   */
  async declaredComposites(entities: Entity[]): Promise<DeclaredComposite[]> {
    const withComposites = (
      await Promise.all(
        entities.map(async entity => ({
          entity,
          composites: (await compositesOf(entity, this.options.loader))
            .composites,
        })),
      )
    ).filter(e => e.composites.length > 0);
    if (withComposites.length === 0) return [];
    const memberEntities = await memberEntitiesForPlugin(
      withComposites.flatMap(e => e.composites),
      this.options,
    );
    return withComposites.flatMap(({ entity, composites }) =>
      composites.flatMap(composite => {
        const { members } = validateCompositeMembers(composite, memberEntities);
        return members ? [{ entity, composite, members, memberEntities }] : [];
      }),
    );
  }

  /**
   * A declared composite's scorecard figures, as `SloEvaluator.overviews`
   * gives a plain SLO's: its status from the composite's own evaluation, the
   * previous calendar period's attainment and a sparkline of its SLI over
   * the window, by the same functions as its history and series.
   */
  async overview(
    declared: DeclaredComposite,
    options: {
      period: (window: SloWindow) => 'week' | 'month';
      sparklinePoints: number;
    },
  ): Promise<SloOverview> {
    const { composite, members } = declared;
    return (await this.figures.figures(composite, members, options)).overview;
  }

  /**
   * A declared composite's review figures, by the reader that computes every
   * plain SLO's: `events` from the pooled buckets by the same review periods,
   * `weighted` by the weighted mean of the members' period SLIs. Kept until
   * the members' data changes.
   */
  async reviewFigures(
    declared: DeclaredComposite,
    query: SloReviewQuery,
    reader: SloReviewReader,
  ): Promise<SloReviewFigures> {
    const basis = await this.figures.basis(
      declared.composite,
      declared.members,
    );
    const { composite, members, at, bucketSeconds } = basis;
    const { store } = this.options;
    return this.figures.cached(basis, 'review', query, () =>
      composite.semantics === 'events'
        ? reader.pooledFigures(
            basis.definition,
            { at, bucketSeconds },
            query,
            (from, to) => this.figures.pooled(members, from, to),
          )
        : reader.weightedFigures(
            { objective: composite.objective, window: composite.window },
            { at, bucketSeconds },
            query,
            members.map(m => ({
              weight: m.weight,
              read: (from: number, to: number) =>
                readCorrectedBuckets(store, m.definition, { from, to }),
            })),
          ),
    );
  }

  /**
   * Computes the figures of every valid composite in the catalog, as the
   * scorecard shows them, into the cache. Run after each collection cycle
   * (which changes every member's data version), so no request waits for
   * a composite's members to be read and pooled.
   */
  async warm(): Promise<{ composites: number; durationMs: number }> {
    const started = performance.now();
    const { catalog, auth } = this.options;
    const { items } = await catalog.getEntities(
      { filter: DECLARES_COMPOSITES },
      { credentials: await auth.getOwnServiceCredentials() },
    );
    const declared = await this.declaredComposites(items);
    // One at a time: each reads its members a few at a time already.
    for (const { composite, members } of declared) {
      await this.figures.figures(composite, members);
    }
    return {
      composites: declared.length,
      durationMs: Math.round(performance.now() - started),
    };
  }
}
