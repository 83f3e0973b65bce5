import {
  BucketIndex,
  BucketPool,
  compositeAsSloDefinition,
  windowBounds,
  type BucketSums,
  type CompositeSloDefinition,
  type EventBucket,
  type ResolvedCompositeMember,
  type SloDefinition,
} from '@slo-kit/plugin-slo-common';
import { createHash } from 'node:crypto';
import { readCorrectedBuckets } from '../corrections/readCorrectedBuckets';
import type { SloStore } from '../database/SloStore';
import { EvaluationCache } from '../evaluator/EvaluationCache';
import type { SloEvaluator, SloOverview } from '../evaluator/SloEvaluator';
import { longestAlertWindow } from '../evaluator/evaluationInputs';
import { comparisonPeriodOf, SPARKLINE_POINTS } from '../service/scorecardRows';
import {
  compositeOverview,
  overviewStart,
  type CompositeOverviewParameters,
} from './compositeOverview';
import { compositeStatus, type CompositeStatusFigures } from './compositeStatus';

/** Members whose buckets are read at the same time: bounds the buckets held while a composite is pooled. */
const READ_CONCURRENCY = 8;

/** The scorecard's overview parameters: what the figures are computed ahead with. */
export const SCORECARD_OVERVIEW: CompositeOverviewParameters = {
  period: comparisonPeriodOf,
  sparklinePoints: SPARKLINE_POINTS,
};

/** A composite's status and scorecard overview, computed together from one read of its members. */
export interface CompositeFiguresResult extends CompositeStatusFigures {
  overview: SloOverview;
}

/** What every figure of a composite is computed at, and the cache version it is kept under. */
export interface CompositeBasis {
  composite: CompositeSloDefinition;
  members: readonly ResolvedCompositeMember[];
  /** The composite as an SLO definition, for the ordinary math. */
  definition: SloDefinition;
  /** The members' distinct bucket lengths, and the longest: the composite's step. */
  sizes: number[];
  bucketSeconds: number;
  /** The aligned "now". */
  at: number;
  version: string;
  /** When "now" reaches the next bucket of the finest member, and nothing asks for this version again. */
  validUntil: number;
}

/** Buckets that overlap `[from, …)`, of a list read from earlier: what a read from `from` returns. */
function overlapping(buckets: readonly EventBucket[], from: number): EventBucket[] {
  return buckets.filter(b => b.start + b.durationSeconds > from);
}

/**
 * Every figure of composite SLOs, computed from the members' stored buckets
 * and kept by the members' data versions: a composite's figures are
 * computed once after its members' data changes (by the collection cycle's
 * warm-up, or by the first request after it, shared by concurrent ones) and
 * every request until the next change is served from memory.
 *
 * A version is the composite's definition, its members' definitions and
 * weights, every member's collection state (whose data version rises with
 * every write of its buckets: collection, compaction, retention) and the
 * aligned "now" (the windows move with it). Figures are computed for every
 * member, readable or not; the caller's view hides members afterwards.
 *
 * Members are read a few at a time and an `events` composite pools them as
 * it goes, so the buckets held are the pooled ones plus a few members',
 * whatever the number of members. A `weighted` composite needs each
 * member's buckets over its window at once (each member's SLI over every
 * alert window and sparkline point).
 *
 * @internal
 */
export class CompositeFigures {
  private readonly cache: EvaluationCache;
  private readonly definitionKeys = new WeakMap<SloDefinition, string>();

  constructor(
    private readonly options: {
      evaluator: SloEvaluator;
      store: SloStore;
      coverageThreshold?: number;
      /** Most figures kept in memory (statuses, series, histories, reviews). Default 2,000. */
      cacheEntries?: number;
    },
  ) {
    this.cache = new EvaluationCache(options.cacheEntries ?? 2_000);
  }

  private definitionKey(definition: SloDefinition): string {
    let key = this.definitionKeys.get(definition);
    if (key === undefined) {
      key = createHash('sha256')
        .update(JSON.stringify(definition))
        .digest('base64');
      this.definitionKeys.set(definition, key);
    }
    return key;
  }

  /** The basis of a composite's figures now: one read of its members' collection states. */
  async basis(
    composite: CompositeSloDefinition,
    members: readonly ResolvedCompositeMember[],
  ): Promise<CompositeBasis> {
    const { evaluator, store } = this.options;
    const bySize = members.map(m => evaluator.bucketSecondsOf(m.definition));
    const sizes = [...new Set(bySize)];
    const bucketSeconds = Math.max(...sizes);
    const finest = Math.min(...sizes);
    const now = evaluator.now();
    // The aligned "now" (no collection state): a member that is behind is
    // stale and named in partialMembers, it does not hold the others back.
    const at = Math.floor(now / bucketSeconds) * bucketSeconds;
    const step = Math.floor(now / finest);
    const states = await store.getStates(members.map(m => m.definition.id));
    const version = createHash('sha256')
      .update(
        JSON.stringify([
          composite,
          members.map(m => [m.sloId, m.weight, this.definitionKey(m.definition)]),
          members.map(m => states.get(m.definition.id) ?? null),
          at,
          // Members' own statuses (and staleness) move with their own buckets.
          step,
          this.options.coverageThreshold ?? null,
        ]),
      )
      .digest('base64');
    return {
      composite,
      members,
      definition: compositeAsSloDefinition(composite, members),
      sizes,
      bucketSeconds,
      at,
      version,
      validUntil: (step + 1) * finest,
    };
  }

  /** Figures of a composite kept under `kind` and `shape` at the basis' version, or computed now. */
  cached<T>(
    basis: CompositeBasis,
    kind: string,
    shape: unknown,
    compute: () => Promise<T>,
    versionParameters: unknown = null,
  ): Promise<T> {
    this.cache.expire(this.options.evaluator.now());
    return this.cache.get(
      JSON.stringify([kind, basis.composite.id, shape]),
      JSON.stringify([basis.version, versionParameters]),
      compute,
      basis.validUntil,
    );
  }

  /** A composite's status (every member shown) and its scorecard overview. */
  async figures(
    composite: CompositeSloDefinition,
    members: readonly ResolvedCompositeMember[],
    parameters: CompositeOverviewParameters = SCORECARD_OVERVIEW,
  ): Promise<CompositeFiguresResult> {
    const basis = await this.basis(composite, members);
    const shape = {
      period: parameters.period(composite.window),
      points: parameters.sparklinePoints,
    };
    return this.cached(basis, 'figures', shape, () =>
      this.computeFigures(basis, parameters),
    );
  }

  private async computeFigures(
    basis: CompositeBasis,
    parameters: CompositeOverviewParameters,
  ): Promise<CompositeFiguresResult> {
    const { composite, members, definition, bucketSeconds, at } = basis;
    const definitions = members.map(m => m.definition);
    const statuses = await this.options.evaluator.statuses(definitions);
    const bounds = windowBounds(composite.window, at);
    // The status reads the window and twice the longest alert window (the
    // episode walk); the overview from the previous period or the
    // sparkline's first window. One read covers both; each figure gets
    // exactly the buckets its own read would have returned.
    const statusFrom = Math.min(
      bounds.start,
      at - 2 * longestAlertWindow(definition, bucketSeconds),
    );
    const overviewFrom = overviewStart(composite, at, bounds.start, parameters);
    const windowSums: BucketSums[] = [];
    const common = {
      composite,
      members,
      definition,
      statuses,
      sizes: basis.sizes,
      bucketSeconds,
      at,
      coverageThreshold: this.options.coverageThreshold,
      windowSums,
    };
    if (composite.semantics === 'events') {
      const statusPool = new BucketPool();
      const overviewPool = new BucketPool();
      await this.forEachMember(
        members,
        Math.min(statusFrom, overviewFrom),
        at,
        (i, buckets) => {
          const forStatus = overlapping(buckets, statusFrom);
          windowSums[i] = BucketIndex.from(forStatus).sum(
            bounds.start,
            bounds.end,
          );
          statusPool.add(definitions[i].id, forStatus);
          overviewPool.add(members[i].sloId, overlapping(buckets, overviewFrom));
        },
      );
      const status = compositeStatus({ ...common, pooled: statusPool.result() });
      return {
        ...status,
        overview: compositeOverview({
          composite,
          definition,
          status: status.status,
          parameters,
          pooled: overviewPool.result().buckets,
        }),
      };
    }
    const forStatus: EventBucket[][] = [];
    const forOverview: EventBucket[][] = [];
    await this.forEachMember(
      members,
      Math.min(statusFrom, overviewFrom),
      at,
      (i, buckets) => {
        forStatus[i] = overlapping(buckets, statusFrom);
        forOverview[i] = overlapping(buckets, overviewFrom);
        windowSums[i] = BucketIndex.from(forStatus[i]).sum(
          bounds.start,
          bounds.end,
        );
      },
    );
    const status = compositeStatus({ ...common, memberBuckets: forStatus });
    return {
      ...status,
      overview: compositeOverview({
        composite,
        definition,
        status: status.status,
        parameters,
        members: members.map((m, i) => ({
          weight: m.weight,
          buckets: forOverview[i],
        })),
      }),
    };
  }

  /**
   * Reads each member's buckets over `[from, to)` with its corrections
   * applied, a few members at a time, and hands them over in member order.
   */
  async forEachMember(
    members: readonly ResolvedCompositeMember[],
    from: number,
    to: number,
    visit: (index: number, buckets: EventBucket[]) => void,
  ): Promise<void> {
    const { store } = this.options;
    for (let i = 0; i < members.length; i += READ_CONCURRENCY) {
      const batch = await Promise.all(
        members
          .slice(i, i + READ_CONCURRENCY)
          .map(m => readCorrectedBuckets(store, m.definition, { from, to })),
      );
      batch.forEach((buckets, j) => visit(i + j, buckets));
    }
  }

  /** The members' buckets over `[from, to)`, pooled (an `events` composite's). */
  async pooled(
    members: readonly ResolvedCompositeMember[],
    from: number,
    to: number,
  ): Promise<EventBucket[]> {
    const pool = new BucketPool();
    await this.forEachMember(members, from, to, (i, buckets) =>
      pool.add(members[i].definition.id, buckets),
    );
    return pool.result().buckets;
  }

  /** Each member's buckets over `[from, to)` with its weight (a `weighted` composite's). */
  async weighted(
    members: readonly ResolvedCompositeMember[],
    from: number,
    to: number,
  ): Promise<Array<{ weight: number; buckets: EventBucket[] }>> {
    const result: Array<{ weight: number; buckets: EventBucket[] }> = [];
    await this.forEachMember(members, from, to, (i, buckets) => {
      result[i] = { weight: members[i].weight, buckets };
    });
    return result;
  }
}
