import type {
  AuthService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  BucketIndex,
  calendarPeriod,
  COMPOSITE_SLOS_ANNOTATION,
  compositeAsSloDefinition,
  evaluateSlo,
  evaluateWeightedComposite,
  normalizeEntityRef,
  parseCompositeSlos,
  periodHistory,
  poolBuckets,
  sloSeries,
  validateCompositeMembers,
  weightedCompositeHistory,
  weightedCompositeSeries,
  windowBounds,
  type CompositeMemberEntity,
  type CompositeMemberStatus,
  type CompositeSloDefinition,
  type CompositeSloStatus,
  type EntityCompositesResponse,
  type EventBucket,
  type PrometheusRulesComposite,
  type ResolvedCompositeMember,
  type SloDataState,
  type SloDefinition,
  type SloHistoryResponse,
  type SloSeriesResponse,
  type SloWindow,
  type ValidationProblem,
} from '@slo-kit/plugin-slo-common';
import { DateTime } from 'luxon';
import type { SloStore } from '../database/SloStore';
import type { SloDefinitionLoader } from '../definitions/SloDefinitionLoader';
import type { SloEvaluator, SloOverview } from '../evaluator/SloEvaluator';
import { longestAlertWindow } from '../evaluator/evaluationInputs';
import type {
  SloReviewFigures,
  SloReviewQuery,
  SloReviewReader,
} from '../review/SloReviewReader';
import { readCorrectedBuckets } from '../corrections/readCorrectedBuckets';

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

/** Member states that make a composite partial: its events are missing or old. */
const INCOMPLETE_STATES: readonly SloDataState[] = [
  'no-data',
  'partial',
  'stale',
  'error',
];

/** Longest range a series may span, as for a plain SLO's. */
const MAX_SERIES_SECONDS = 400 * 86400;

/** How far past now a series may end (a replica's clock may be a little behind). */
const FUTURE_SLACK_SECONDS = 300;

/** How a member the caller may not read is shown. */
const HIDDEN_MEMBER = 'another entity';

/** A member entity as resolved for one request. */
interface MemberEntity extends CompositeMemberEntity {
  entity: Entity;
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
 * Composite SLOs (`slo-kit.dev/composite-slos`): resolves each composite's
 * members from the catalog, reads their stored buckets and evaluates the
 * composite, `events` by pooling the buckets and running the ordinary
 * evaluation, `weighted` by the weighted mean of the members' SLIs.
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
  constructor(private readonly options: CompositeSloServiceOptions) {}

  /** `GET /entities/:kind/:namespace/:name/composites` */
  async entityComposites(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<EntityCompositesResponse> {
    const { catalog, evaluator } = this.options;
    const entity = await catalog.getEntityByRef(entityRef, { credentials });
    if (!entity) {
      throw new NotFoundError(
        `No entity ${entityRef} in the catalog, or you may not read it. Check the ref (kind:namespace/name).`,
      );
    }
    const parsed = parseCompositeSlos(
      entity.metadata.annotations?.[COMPOSITE_SLOS_ANNOTATION],
      { entityRef: stringifyEntityRef(entity) },
    );
    const problems: ValidationProblem[] = [...parsed.problems];
    const memberEntities = await this.memberEntities(
      parsed.composites,
      credentials,
    );
    const composites: CompositeSloStatus[] = [];
    for (const composite of parsed.composites) {
      const validated = validateCompositeMembers(composite, memberEntities);
      problems.push(...validated.problems);
      if (validated.members) {
        composites.push(
          await this.evaluate(composite, validated.members, memberEntities),
        );
      }
    }
    return {
      entityRef: parsed.entityRef,
      composites,
      problems,
      now: new Date(evaluator.now() * 1000).toISOString(),
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
              {
                filter: {
                  [`metadata.annotations.${COMPOSITE_SLOS_ANNOTATION}`]:
                    CATALOG_FILTER_EXISTS,
                },
              },
              { credentials },
            )
          ).items;
    const composites = entities.flatMap(
      entity =>
        parseCompositeSlos(
          entity.metadata.annotations?.[COMPOSITE_SLOS_ANNOTATION],
          { entityRef: stringifyEntityRef(entity) },
        ).composites,
    );
    if (composites.length === 0) return [];
    const memberEntities = await this.memberEntities(composites, credentials);
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
   * `GET /composites/history`: a composite's attainment per calendar week or
   * month, oldest first. An `events` composite's from its members' pooled
   * buckets by the same `periodHistory` as a plain SLO's; a `weighted` one's
   * by `weightedCompositeHistory`, the weighted SLI of each member's SLI
   * over each period.
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
    const resolved = await this.resolvedComposite(query, credentials);
    const { composite, at } = resolved;
    const zone =
      composite.window.type === 'calendar' ? composite.window.timeZone : 'UTC';
    const from = DateTime.fromSeconds(
      calendarPeriod(query.period, zone, at).start,
      { zone },
    )
      .minus({ [`${query.period}s`]: Math.max(0, query.count - 1) })
      .toSeconds();
    return {
      sloId: composite.id,
      period: query.period,
      minimumEvents: 0,
      periods:
        composite.semantics === 'events'
          ? periodHistory({
              definition: resolved.definition,
              buckets: await resolved.pooled(from, at),
              at,
              period: query.period,
              count: query.count,
            })
          : weightedCompositeHistory({
              objective: composite.objective,
              window: composite.window,
              at,
              members: await resolved.weighted(from, at),
              period: query.period,
              count: query.count,
            }),
    };
  }

  /**
   * `GET /composites/series`: a composite's series over `[from, to]`
   * (default: one window up to now). An `events` composite's by the same
   * `sloSeries` as a plain SLO's, on the pooled buckets; a `weighted` one's
   * by `weightedCompositeSeries`, on the same points, with the weighted SLI
   * of each point's window and the weighted burn of its span.
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
    const resolved = await this.resolvedComposite(query, credentials);
    const { composite, at, definition } = resolved;
    const now = this.options.evaluator.now();
    const to = query.to ?? now;
    const from =
      query.from ??
      to -
        (composite.window.type === 'rolling'
          ? composite.window.durationSeconds
          : 31 * 86400);
    if (to > now + FUTURE_SLACK_SECONDS) {
      throw new InputError(
        `Invalid range: "to" (${to}) is after now (${now}); a series ends at now at the latest. Leave "to" out for a series up to now.`,
      );
    }
    if (!(from >= 0 && from < to && to - from <= MAX_SERIES_SECONDS)) {
      throw new InputError(
        `Invalid range: "from" (${from}) must be before "to" (${to}), after 1970 and at most 400 days before it.`,
      );
    }
    // Points at t need the window ending at t: read from one window before `from`.
    const earliest = windowBounds(composite.window, from).start;
    const readTo = Math.min(to, at);
    const series =
      composite.semantics === 'events'
        ? sloSeries({
            definition,
            buckets: await resolved.pooled(earliest, readTo),
            from,
            to,
            at,
            maxPoints: query.maxPoints,
          })
        : weightedCompositeSeries({
            objective: composite.objective,
            window: composite.window,
            at,
            members: await resolved.weighted(earliest, readTo),
            from,
            to,
            maxPoints: query.maxPoints,
          });
    return {
      sloId: composite.id,
      from,
      to,
      stepSeconds: series.stepSeconds,
      points: series.points,
    };
  }

  /**
   * A valid composite of an entity the caller may read, with its definition
   * for the ordinary math, the evaluation time, and readers of its members'
   * buckets: pooled (`events`) or each member's with its weight (`weighted`).
   */
  private async resolvedComposite(
    query: { entityRef: string; name: string },
    credentials: BackstageCredentials,
  ): Promise<{
    composite: CompositeSloDefinition;
    definition: SloDefinition;
    at: number;
    pooled: (from: number, to: number) => Promise<EventBucket[]>;
    weighted: (
      from: number,
      to: number,
    ) => Promise<Array<{ weight: number; buckets: EventBucket[] }>>;
  }> {
    const { catalog, evaluator, store } = this.options;
    const entity = await catalog.getEntityByRef(query.entityRef, {
      credentials,
    });
    if (!entity) {
      throw new NotFoundError(
        `No entity ${query.entityRef} in the catalog, or you may not read it. Check the ref (kind:namespace/name).`,
      );
    }
    const parsed = parseCompositeSlos(
      entity.metadata.annotations?.[COMPOSITE_SLOS_ANNOTATION],
      { entityRef: stringifyEntityRef(entity) },
    );
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
    const entities = await this.memberEntities([composite], credentials);
    const { members, problems } = validateCompositeMembers(composite, entities);
    if (!members) {
      throw new NotFoundError(
        `Composite ${composite.id} has ${problems.length} problem(s) with its members, e.g. ${problems[0].path}: ${problems[0].message}`,
      );
    }
    const definitions = members.map(m => m.definition);
    const bucketSeconds = Math.max(
      ...definitions.map(d => evaluator.bucketSecondsOf(d)),
    );
    const read = (from: number, to: number) =>
      Promise.all(
        definitions.map(d => readCorrectedBuckets(store, d, { from, to })),
      );
    return {
      composite,
      definition: compositeAsSloDefinition(composite, members),
      at: Math.floor(evaluator.now() / bucketSeconds) * bucketSeconds,
      pooled: async (from, to) =>
        poolBuckets(
          (await read(from, to)).map((buckets, i) => ({
            sloId: definitions[i].id,
            buckets,
          })),
        ).buckets,
      weighted: async (from, to) =>
        (await read(from, to)).map((buckets, i) => ({
          weight: members[i].weight,
          buckets,
        })),
    };
  }

  /** Every member entity of the composites, once each; undefined where there is none. */
  private async memberEntities(
    composites: CompositeSloDefinition[],
    credentials: BackstageCredentials,
  ): Promise<Map<string, MemberEntity | undefined>> {
    const { catalog, auth, loader } = this.options;
    const refs = [
      ...new Set(composites.flatMap(c => c.members.map(m => m.entityRef))),
    ];
    let own: Promise<BackstageCredentials> | undefined;
    const entries = await Promise.all(
      refs.map(async (ref): Promise<[string, MemberEntity | undefined]> => {
        const asCaller = await catalog.getEntityByRef(ref, { credentials });
        own ??= auth.getOwnServiceCredentials();
        const entity =
          asCaller ??
          (await catalog.getEntityByRef(ref, { credentials: await own }));
        if (!entity) return [ref, undefined];
        const { definitions } = await loader.load(entity);
        const compositeNames = parseCompositeSlos(
          entity.metadata.annotations?.[COMPOSITE_SLOS_ANNOTATION],
          { entityRef: ref },
        ).composites.map(c => c.name);
        return [
          ref,
          {
            entity,
            definitions,
            compositeNames,
            visible: asCaller !== undefined,
          },
        ];
      }),
    );
    return new Map(entries);
  }

  private async evaluate(
    composite: CompositeSloDefinition,
    members: ResolvedCompositeMember[],
    entities: ReadonlyMap<string, MemberEntity | undefined>,
  ): Promise<CompositeSloStatus> {
    const { evaluator, store } = this.options;
    const definitions = members.map(m => m.definition);
    const statuses = await evaluator.statuses(definitions);
    const sizes = [
      ...new Set(definitions.map(d => evaluator.bucketSecondsOf(d))),
    ];
    const bucketSeconds = Math.max(...sizes);
    const definition = compositeAsSloDefinition(composite, members);
    // The aligned "now" (no collection state): a member that is behind is
    // stale and named in partialMembers, it does not hold the others back.
    const at = Math.floor(evaluator.now() / bucketSeconds) * bucketSeconds;
    const bounds = windowBounds(composite.window, at);
    // The window, and twice the longest alert window for the episode walk.
    const from = Math.min(
      bounds.start,
      at - 2 * longestAlertWindow(definition, bucketSeconds),
    );
    const memberBuckets: EventBucket[][] = await Promise.all(
      definitions.map(d => readCorrectedBuckets(store, d, { from, to: at })),
    );
    const windowSums = memberBuckets.map(buckets =>
      BucketIndex.from(buckets).sum(bounds.start, bounds.end),
    );
    const visible = (member: ResolvedCompositeMember) =>
      entities.get(member.entityRef)?.visible ?? false;
    const partialMembers = members
      .filter((_m, i) =>
        INCOMPLETE_STATES.includes(
          statuses[i].evaluations[0]?.dataState ?? 'no-data',
        ),
      )
      .map(m => (visible(m) ? m.sloId : HIDDEN_MEMBER));

    let gridMismatch =
      sizes.length > 1
        ? `Members are collected in buckets of different lengths (${sizes.join(
            ', ',
          )} s): pool only SLOs collected at one resolution.`
        : null;
    let shortfalls: number[];
    let result: Pick<
      CompositeSloStatus,
      'evaluation' | 'weighted' | 'health' | 'dataState'
    >;
    if (composite.semantics === 'events') {
      const pooled = poolBuckets(
        definitions.map((d, i) => ({ sloId: d.id, buckets: memberBuckets[i] })),
      );
      gridMismatch = gridMismatch ?? pooled.gridMismatch;
      const evaluation = evaluateSlo({
        definition,
        buckets: pooled.buckets,
        at,
        bucketSeconds,
        coverageThreshold: this.options.coverageThreshold,
      });
      shortfalls = windowSums.map(s =>
        Math.max(0, s.total - Math.min(s.good, s.total)),
      );
      result = {
        evaluation,
        health: evaluation.health,
        dataState: evaluation.dataState,
      };
    } else {
      const weighted = evaluateWeightedComposite({
        objective: composite.objective,
        window: composite.window,
        at,
        bucketSeconds,
        members: members.map((m, i) => ({
          weight: m.weight,
          buckets: memberBuckets[i],
        })),
      });
      shortfalls = weighted.memberSlis.map((sli, i) =>
        sli === null ? 0 : members[i].weight * (1 - sli),
      );
      result = {
        // A hidden member's SLI is its figure too: left out, as in `members`.
        weighted: {
          ...weighted,
          memberSlis: weighted.memberSlis.map((sli, i) =>
            visible(members[i]) ? sli : null,
          ),
        },
        health: weighted.health,
        dataState: weighted.sli === null ? 'no-data' : 'ok',
      };
    }
    const shortfall = shortfalls.reduce((sum, value) => sum + value, 0);
    const memberStatuses: CompositeMemberStatus[] = members.map((member, i) => {
      if (!visible(member)) return { visible: false, label: HIDDEN_MEMBER };
      const own = statuses[i].evaluations[0];
      const sums = windowSums[i];
      const good = Math.min(sums.good, sums.total);
      return {
        visible: true,
        entityRef: normalizeEntityRef(member.entityRef),
        sloName: member.sloName,
        weight: member.weight,
        good,
        total: sums.total,
        sli: sums.total > 0 ? good / sums.total : null,
        badShare: shortfall > 0 ? shortfalls[i] / shortfall : null,
        health: own?.health ?? 'unknown',
        dataState: own?.dataState ?? 'no-data',
      };
    });
    return {
      name: composite.name,
      ...(composite.description !== undefined
        ? { description: composite.description }
        : {}),
      objective: composite.objective,
      window: composite.window,
      semantics: composite.semantics,
      ...result,
      dataState: partialMembers.length > 0 ? 'partial' : result.dataState,
      partialMembers,
      gridMismatch,
      members: memberStatuses,
    };
  }

  /**
   * The valid composites the given entities declare, with their members:
   * what the scorecard and the reliability review count for the entities'
   * owners, next to their SLOs. Members are resolved with the plugin's own
   * credentials, as the figures count every member; those pages name none.
   * A composite with a problem is left out (its entity's tab lists it).
   */
  async declaredComposites(entities: Entity[]): Promise<DeclaredComposite[]> {
    const withComposites = entities.flatMap(entity => {
      const { composites } = parseCompositeSlos(
        entity.metadata.annotations?.[COMPOSITE_SLOS_ANNOTATION],
        { entityRef: stringifyEntityRef(entity) },
      );
      return composites.length > 0 ? [{ entity, composites }] : [];
    });
    if (withComposites.length === 0) return [];
    const credentials = await this.options.auth.getOwnServiceCredentials();
    const memberEntities = await this.memberEntities(
      withComposites.flatMap(e => e.composites),
      credentials,
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
    const { composite, members, memberEntities } = declared;
    const status = await this.evaluate(composite, members, memberEntities);
    const at = status.evaluation?.at ?? status.weighted?.at ?? 0;
    const windowStart =
      status.evaluation?.windowStart ?? status.weighted?.windowStart ?? at;
    const history = { period: options.period(composite.window), count: 2 };
    // Periods of a rolling window are cut in UTC, as `periodHistory` does.
    const zone =
      composite.window.type === 'calendar' ? composite.window.timeZone : 'UTC';
    const historyStart = DateTime.fromSeconds(
      calendarPeriod(history.period, zone, at).start,
      { zone },
    )
      .minus({ [`${history.period}s`]: 1 })
      .toSeconds();
    // The sparkline's first point needs the window that ends at the window's start.
    const from = Math.min(
      historyStart,
      windowBounds(composite.window, windowStart).start,
    );
    const { store } = this.options;
    const memberBuckets = await Promise.all(
      members.map(m =>
        readCorrectedBuckets(store, m.definition, { from, to: at }),
      ),
    );
    let previous: {
      sli: number | null;
      verdict: SloOverview['previousPeriodVerdict'];
    } = {
      sli: null,
      verdict: 'no-data',
    };
    let sparkline: Array<number | null> = [];
    if (composite.semantics === 'events') {
      const definition = compositeAsSloDefinition(composite, members);
      const buckets = poolBuckets(
        members.map((m, i) => ({ sloId: m.sloId, buckets: memberBuckets[i] })),
      ).buckets;
      const periods = periodHistory({ definition, buckets, at, ...history });
      if (periods.length === 2) {
        previous = { sli: periods[0].sli, verdict: periods[0].verdict };
      }
      sparkline = sloSeries({
        definition,
        buckets,
        from: windowStart,
        to: at,
        at,
        maxPoints: options.sparklinePoints,
      }).points.map(p => p.sli);
    } else {
      const weighted = members.map((m, i) => ({
        weight: m.weight,
        buckets: memberBuckets[i],
      }));
      const common = {
        objective: composite.objective,
        window: composite.window,
        at,
        members: weighted,
      };
      const periods = weightedCompositeHistory({ ...common, ...history });
      if (periods.length === 2) {
        previous = { sli: periods[0].sli, verdict: periods[0].verdict };
      }
      sparkline = weightedCompositeSeries({
        ...common,
        from: windowStart,
        to: at,
        maxPoints: options.sparklinePoints,
      }).points.map(p => p.sli);
    }
    const alerts = status.evaluation?.alerts ?? status.weighted?.alerts ?? [];
    return {
      objective: composite.objective,
      sli: status.evaluation?.sli ?? status.weighted?.sli ?? null,
      budgetRemaining:
        status.evaluation?.errorBudget.remainingFraction ??
        status.weighted?.errorBudgetRemaining ??
        null,
      health: status.health,
      paging: alerts.some(a => a.severity === 'page' && a.firing),
      ticketing: alerts.some(a => a.severity === 'ticket' && a.firing),
      dataState: status.dataState,
      previousPeriodSli: previous.sli,
      previousPeriodVerdict: previous.verdict,
      sparkline,
    };
  }

  /**
   * A declared composite's review figures, by the reader that computes every
   * plain SLO's: `events` from the pooled buckets by the same review periods,
   * `weighted` by the weighted mean of the members' period SLIs.
   */
  async reviewFigures(
    declared: DeclaredComposite,
    query: SloReviewQuery,
    reader: SloReviewReader,
  ): Promise<SloReviewFigures> {
    const { composite, members } = declared;
    const { evaluator, store } = this.options;
    const bucketSeconds = Math.max(
      ...members.map(m => evaluator.bucketSecondsOf(m.definition)),
    );
    const at = Math.floor(evaluator.now() / bucketSeconds) * bucketSeconds;
    const read = (definition: SloDefinition) => (from: number, to: number) =>
      readCorrectedBuckets(store, definition, { from, to });
    if (composite.semantics === 'events') {
      return reader.pooledFigures(
        compositeAsSloDefinition(composite, members),
        { at, bucketSeconds },
        query,
        async (from, to) =>
          poolBuckets(
            await Promise.all(
              members.map(async m => ({
                sloId: m.sloId,
                buckets: await read(m.definition)(from, to),
              })),
            ),
          ).buckets,
      );
    }
    return reader.weightedFigures(
      { objective: composite.objective, window: composite.window },
      { at, bucketSeconds },
      query,
      members.map(m => ({ weight: m.weight, read: read(m.definition) })),
    );
  }
}
