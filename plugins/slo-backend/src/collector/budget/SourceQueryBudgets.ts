import type { SloSourceQueryBudget } from '@slo-kit/plugin-slo-node';

const HOUR = 3600;
/** What an SLO is expected to cost before it has been collected once: good and total. */
const FIRST_ESTIMATE = 2;

/**
 * Whether an SLO may be collected now, or waits for a later cycle and why.
 *
 * @internal
 */
export type BudgetDecision =
  | { admit: true }
  | {
      admit: false;
      /** Words for people: the budget and what is spent. */
      reason: string;
      /** When the budget allows this SLO again, epoch seconds (a hint). */
      retryAt: number;
    };

function clockTime(epochSeconds: number): string {
  return new Date(epochSeconds * 1000).toISOString().slice(11, 16);
}

/**
 * The collector's account of queries per source over the last hour, and
 * the decision, SLO by SLO, whether a source's budget allows one more.
 * Pure bookkeeping: the caller passes the time, so tests use a fake clock.
 *
 * An SLO is expected to cost what it cost last time (at least one query; two
 * before its first collection). A source is over budget when
 * - its own `queriesPerHour` (app-config) would be exceeded by this SLO over
 *   the last hour (an SLO alone larger than the whole budget still goes when
 *   nothing else was sent this hour, so it is never starved), or
 * - its rate-limit window, as the source last reported it, has fewer
 *   requests left than this SLO needs before it resets.
 *
 * @internal
 */
export class SourceQueryBudgets {
  /** Queries sent per source: `[epoch seconds, queries]`, oldest first, last hour only. */
  private readonly sent = new Map<string, Array<[number, number]>>();
  private readonly lastCost = new Map<string, number>();
  private readonly lastCollected = new Map<string, number>();

  /**
   * When `sloId` was last collected within this process (epoch seconds), or
   * undefined: the collector asks the longest-waiting SLOs first, so a
   * stretched source goes round all its SLOs in turn.
   */
  lastCollectedAt(sloId: string): number | undefined {
    return this.lastCollected.get(sloId);
  }

  /** Queries sent to `source` in the hour before `now`. */
  spentInLastHour(source: string, now: number): number {
    const entries = this.prune(source, now);
    return entries.reduce((sum, [, queries]) => sum + queries, 0);
  }

  /** What collecting `sloId` is expected to cost. */
  estimate(sloId: string): number {
    return Math.max(1, this.lastCost.get(sloId) ?? FIRST_ESTIMATE);
  }

  decide(
    source: string,
    budget: SloSourceQueryBudget | undefined,
    sloId: string,
    now: number,
  ): BudgetDecision {
    if (!budget) return { admit: true };
    const estimate = this.estimate(sloId);
    const { rateLimit, queriesPerHour, label } = budget;
    if (
      rateLimit &&
      rateLimit.resetAt > now &&
      rateLimit.remaining < estimate
    ) {
      return {
        admit: false,
        reason: `${label}: the source's rate limit${
          rateLimit.limit !== undefined && rateLimit.periodSeconds !== undefined
            ? ` (${rateLimit.limit} requests per ${rateLimit.periodSeconds} s)`
            : ''
        } has ${rateLimit.remaining} requests left until ${clockTime(
          rateLimit.resetAt,
        )} UTC`,
        retryAt: rateLimit.resetAt,
      };
    }
    if (queriesPerHour !== undefined) {
      const entries = this.prune(source, now);
      const spent = entries.reduce((sum, [, queries]) => sum + queries, 0);
      if (spent > 0 && spent + estimate > queriesPerHour) {
        // The budget frees up as the oldest queries leave the hour.
        let freed = 0;
        let retryAt = now + HOUR;
        for (const [at, queries] of entries) {
          freed += queries;
          if (spent - freed + estimate <= queriesPerHour) {
            retryAt = at + HOUR;
            break;
          }
        }
        return {
          admit: false,
          reason: `${label}: ${queriesPerHour} queries per hour, ${spent} sent in the last hour`,
          retryAt,
        };
      }
    }
    return { admit: true };
  }

  /** Records what collecting `sloId` from `source` cost at `now`. */
  record(source: string, sloId: string, queries: number, now: number): void {
    this.settle(source, sloId, 0, queries, now);
  }

  /**
   * Counts `sloId`'s expected cost against `source` before it is collected
   * (so SLOs collected at the same time cannot all take the last queries)
   * and returns it; {@link SourceQueryBudgets.settle} corrects it after.
   */
  reserve(source: string, sloId: string, now: number): number {
    const estimate = this.estimate(sloId);
    this.prune(source, now).push([now, estimate]);
    return estimate;
  }

  /** Replaces a reservation of `reserved` queries by what collecting `sloId` cost. */
  settle(
    source: string,
    sloId: string,
    reserved: number,
    queries: number,
    now: number,
  ): void {
    this.lastCost.set(sloId, queries);
    this.lastCollected.set(sloId, now);
    if (queries !== reserved) this.prune(source, now).push([now, queries - reserved]);
  }

  private prune(source: string, now: number): Array<[number, number]> {
    let entries = this.sent.get(source);
    if (!entries) {
      entries = [];
      this.sent.set(source, entries);
    }
    let drop = 0;
    while (drop < entries.length && entries[drop][0] <= now - HOUR) drop++;
    if (drop > 0) entries.splice(0, drop);
    return entries;
  }
}

/**
 * How often, roughly, each SLO of a source is collected when its budget
 * stretches the cycle: every cycle when the budget covers all of them, else
 * the time the budget needs to pay for one round of all its SLOs.
 *
 * @internal
 */
export function stretchedIntervalSeconds(options: {
  cycleSeconds: number;
  /** Queries one round of all the source's SLOs costs. */
  queriesPerRound: number;
  /** The budget's queries per hour (config, or the rate limit scaled to an hour). */
  queriesPerHour: number;
}): number {
  const { cycleSeconds, queriesPerRound, queriesPerHour } = options;
  if (queriesPerHour <= 0) return Infinity;
  const needed = (queriesPerRound / queriesPerHour) * HOUR;
  // Whole cycles: an SLO is collected in a cycle or not at all.
  return Math.max(1, Math.ceil(needed / cycleSeconds)) * cycleSeconds;
}

/**
 * A budget's capacity per hour: the configured one, else the rate limit's
 * window scaled to an hour, whichever is smaller; undefined when unknown.
 *
 * @internal
 */
export function hourlyCapacity(
  budget: SloSourceQueryBudget | undefined,
): number | undefined {
  if (!budget) return undefined;
  const fromHeaders =
    budget.rateLimit?.limit !== undefined &&
    budget.rateLimit.periodSeconds !== undefined &&
    budget.rateLimit.periodSeconds > 0
      ? (budget.rateLimit.limit * HOUR) / budget.rateLimit.periodSeconds
      : undefined;
  const all = [budget.queriesPerHour, fromHeaders].filter(
    (value): value is number => value !== undefined,
  );
  return all.length > 0 ? Math.min(...all) : undefined;
}
