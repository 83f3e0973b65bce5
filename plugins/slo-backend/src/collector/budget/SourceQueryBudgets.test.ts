import type { SloSourceQueryBudget } from '@slo-kit/plugin-slo-node';
import {
  hourlyCapacity,
  SourceQueryBudgets,
  stretchedIntervalSeconds,
} from './SourceQueryBudgets';

/** 2025-03-01T14:00:00Z */
const T = 1_740_837_600;
const budget = (b: Partial<SloSourceQueryBudget>): SloSourceQueryBudget => ({
  label: 'Datadog query budget',
  ...b,
});

describe('SourceQueryBudgets', () => {
  it('admits everything for a source without a budget', () => {
    const budgets = new SourceQueryBudgets();
    for (let i = 0; i < 1000; i++) budgets.record('dd', `slo-${i}`, 2, T);
    expect(budgets.decide('dd', undefined, 'slo-x', T)).toEqual({ admit: true });
  });

  it('defers once the hourly budget would be exceeded, until the oldest queries leave the hour', () => {
    const budgets = new SourceQueryBudgets();
    const perHour = budget({ queriesPerHour: 10 });
    const admitted: string[] = [];
    // Cycle at 14:00: SLOs of two queries each until 10 are spent.
    for (let i = 0; i < 8; i++) {
      const id = `slo-${i}`;
      const decision = budgets.decide('dd', perHour, id, T);
      if (decision.admit) {
        admitted.push(id);
        budgets.record('dd', id, 2, T);
      }
    }
    expect(admitted).toEqual(['slo-0', 'slo-1', 'slo-2', 'slo-3', 'slo-4']);
    expect(budgets.spentInLastHour('dd', T)).toBe(10);
    expect(budgets.decide('dd', perHour, 'slo-5', T + 300)).toEqual({
      admit: false,
      reason: 'Datadog query budget: 10 queries per hour, 10 sent in the last hour',
      retryAt: T + 3600,
    });
    // Another source has its own account.
    expect(budgets.decide('other', perHour, 'slo-5', T)).toEqual({ admit: true });
    // An hour later the 14:00 queries have left the window.
    expect(budgets.decide('dd', perHour, 'slo-5', T + 3600)).toEqual({ admit: true });
    expect(budgets.spentInLastHour('dd', T + 3600)).toBe(0);
  });

  it('expects what an SLO cost last time, at least one query', () => {
    const budgets = new SourceQueryBudgets();
    expect(budgets.estimate('new')).toBe(2);
    budgets.record('dd', 'batched-member', 0, T);
    expect(budgets.estimate('batched-member')).toBe(1);
    budgets.record('dd', 'long', 6, T);
    expect(budgets.estimate('long')).toBe(6);
    // 6 spent of 7: one query left, enough for the member but not for `long`.
    const perHour = budget({ queriesPerHour: 7 });
    expect(budgets.decide('dd', perHour, 'batched-member', T).admit).toBe(true);
    expect(budgets.decide('dd', perHour, 'long', T).admit).toBe(false);
  });

  it('never starves an SLO that alone costs more than the whole budget', () => {
    const budgets = new SourceQueryBudgets();
    budgets.record('dd', 'huge', 50, T - 7200);
    expect(budgets.decide('dd', budget({ queriesPerHour: 10 }), 'huge', T)).toEqual({
      admit: true,
    });
  });

  it('defers while the reported rate-limit window has too few requests left, until it resets', () => {
    const budgets = new SourceQueryBudgets();
    const spent = budget({
      rateLimit: { limit: 300, periodSeconds: 3600, remaining: 1, resetAt: T + 900 },
    });
    expect(budgets.decide('dd', spent, 'slo', T)).toEqual({
      admit: false,
      reason:
        "Datadog query budget: the source's rate limit (300 requests per 3600 s) has 1 requests left until 14:15 UTC",
      retryAt: T + 900,
    });
    // The window has reset: the old report no longer holds.
    expect(budgets.decide('dd', spent, 'slo', T + 900)).toEqual({ admit: true });
  });
});

describe('stretchedIntervalSeconds', () => {
  it('keeps the cycle when the budget covers a round, else stretches it to whole cycles', () => {
    const cycle = 300;
    // 1,000 SLOs × 2 queries every 5 minutes = 24,000 per hour.
    expect(
      stretchedIntervalSeconds({ cycleSeconds: cycle, queriesPerRound: 2000, queriesPerHour: 24_000 }),
    ).toBe(300);
    expect(
      stretchedIntervalSeconds({ cycleSeconds: cycle, queriesPerRound: 2000, queriesPerHour: 8000 }),
    ).toBe(900);
    expect(
      stretchedIntervalSeconds({ cycleSeconds: cycle, queriesPerRound: 2000, queriesPerHour: 7000 }),
    ).toBe(1200);
  });
});

describe('hourlyCapacity', () => {
  it('takes the smaller of the configured budget and the rate limit scaled to an hour', () => {
    expect(hourlyCapacity(undefined)).toBeUndefined();
    expect(hourlyCapacity(budget({}))).toBeUndefined();
    expect(hourlyCapacity(budget({ queriesPerHour: 5000 }))).toBe(5000);
    const rateLimit = { limit: 100, periodSeconds: 60, remaining: 50, resetAt: T };
    expect(hourlyCapacity(budget({ rateLimit }))).toBe(6000);
    expect(hourlyCapacity(budget({ queriesPerHour: 5000, rateLimit }))).toBe(5000);
  });
});
