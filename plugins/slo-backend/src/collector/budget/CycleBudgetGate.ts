import type { SloDefinition } from '@slo-kit/plugin-slo-common';
import { SloSourceError } from '@slo-kit/plugin-slo-node';
import type { SourceResolution } from '../../sources/SloSourceRegistry';
import {
  hourlyCapacity,
  SourceQueryBudgets,
  stretchedIntervalSeconds,
} from './SourceQueryBudgets';

/**
 * Why an SLO waits for a later cycle, as the store records it.
 *
 * @internal
 */
export interface Deferral {
  reason: string;
  intervalSeconds: number | null;
}

/**
 * One cycle's view of the sources' query budgets: which SLOs go first (those
 * deferred last time), whether each may be collected now, and what it cost.
 * The account itself ({@link SourceQueryBudgets}) lives across cycles.
 *
 * @internal
 */
export class CycleBudgetGate {
  /** Queries one round of each budgeted source's SLOs is expected to cost. */
  private readonly roundCost = new Map<string, number>();
  /** SLOs whose source has a query budget. */
  private readonly budgeted = new Set<string>();

  constructor(
    private readonly options: {
      budgets: SourceQueryBudgets;
      resolve: (definition: SloDefinition) => SourceResolution;
      cycleSeconds: number;
      definitions: readonly SloDefinition[];
    },
  ) {
    for (const definition of options.definitions) {
      const resolution = options.resolve(definition);
      if (!resolution.ok || !resolution.source.queryBudget) continue;
      const name = resolution.source.name;
      this.budgeted.add(definition.id);
      this.roundCost.set(
        name,
        (this.roundCost.get(name) ?? 0) +
          options.budgets.estimate(definition.id),
      );
    }
  }

  /**
   * `order` with the SLOs that waited longest first (never collected by this
   * process, then the oldest collection; otherwise the same order), so a
   * source whose budget stretches the cycle goes round all its SLOs in turn.
   */
  prioritise(order: readonly SloDefinition[]): SloDefinition[] {
    if (this.budgeted.size === 0) return [...order];
    const { budgets } = this.options;
    // Unbudgeted SLOs and SLOs never collected tie at the front; the sort is
    // stable, so ties keep the batches' order.
    const waited = (definition: SloDefinition) =>
      (this.budgeted.has(definition.id)
        ? budgets.lastCollectedAt(definition.id)
        : undefined) ?? Number.MIN_SAFE_INTEGER;
    return [...order].sort((a, b) => waited(a) - waited(b));
  }

  /**
   * Reserves the SLO's expected queries when its source's budget allows
   * them now (the number reserved), or says why it waits.
   */
  admit(
    definition: SloDefinition,
    now: number,
  ): { reserved: number } | { deferral: Deferral } {
    const resolution = this.options.resolve(definition);
    if (!resolution.ok) return { reserved: 0 };
    const { source } = resolution;
    const budget = source.queryBudget?.();
    const { budgets } = this.options;
    const decision = budgets.decide(source.name, budget, definition.id, now);
    if (!decision.admit) {
      return {
        deferral: {
          reason: decision.reason,
          intervalSeconds: this.intervalOf(source.name, hourlyCapacity(budget)),
        },
      };
    }
    if (!budget) return { reserved: 0 };
    return { reserved: budgets.reserve(source.name, definition.id, now) };
  }

  /** Replaces the reservation by what the SLO cost. */
  settle(
    definition: SloDefinition,
    reserved: number,
    queries: number,
    now: number,
  ): void {
    const resolution = this.options.resolve(definition);
    if (!resolution.ok) return;
    this.options.budgets.settle(
      resolution.source.name,
      definition.id,
      reserved,
      queries,
      now,
    );
  }

  /**
   * The deferral a source's refusal for its rate limit means (it answered
   * HTTP 429 past what it waits for), or undefined for any other error.
   */
  rateLimitDeferral(
    definition: SloDefinition,
    error: unknown,
  ): Deferral | undefined {
    let cause: unknown = error;
    for (let depth = 0; cause && depth < 5; depth++) {
      if (
        cause instanceof SloSourceError &&
        cause.rateLimitedUntil !== undefined
      ) {
        const resolution = this.options.resolve(definition);
        const budget = resolution.ok
          ? resolution.source.queryBudget?.()
          : undefined;
        const until = new Date(cause.rateLimitedUntil * 1000)
          .toISOString()
          .slice(11, 16);
        return {
          reason: `${
            budget?.label ?? 'Query budget'
          }: the source answered "rate limited" (HTTP 429) until ${until} UTC`,
          intervalSeconds: resolution.ok
            ? this.intervalOf(resolution.source.name, hourlyCapacity(budget))
            : null,
        };
      }
      cause = (cause as { cause?: unknown }).cause;
    }
    return undefined;
  }

  private intervalOf(
    source: string,
    capacity: number | undefined,
  ): number | null {
    const cost = this.roundCost.get(source);
    if (capacity === undefined || cost === undefined) return null;
    return stretchedIntervalSeconds({
      cycleSeconds: this.options.cycleSeconds,
      queriesPerRound: cost,
      queriesPerHour: capacity,
    });
  }
}
