import type { SloBudgetExhaustionEvent } from '@slo-kit/plugin-slo-node';
import {
  formatBudgetLeft,
  notificationForExhaustion,
} from './notificationForExhaustion';

const since = Date.UTC(2026, 10, 20, 9, 30) / 1000;
const monthly: SloBudgetExhaustionEvent = {
  change: 'exhausted',
  slo: {
    id: 'component:default/checkout/checkout-availability',
    entityRef: 'component:default/checkout',
    name: 'checkout-availability',
    target: 0.999,
    window: 'month (Europe/Berlin)',
    windowType: 'calendar',
  },
  // Found spent at the first evaluation (the first collection after installing).
  episode: { since, startedBefore: true, budgetRemaining: -0.3 },
};

describe('notificationForExhaustion', () => {
  it('says the budget is spent over this calendar period, with the tab’s figure', () => {
    expect(notificationForExhaustion(monthly)).toEqual({
      title: 'checkout-availability has spent its error budget',
      description:
        'Error budget left: −30% (overspent) over this month (Europe/Berlin), at least since 2026-11-20 09:30 UTC. The budget is spent: by the error-budget policy, hold risky deploys and put reliability work first until it recovers (the deploy gate with budget-left>=0% blocks). component:default/checkout, objective 99.9%.',
      link: '/catalog/default/component/checkout/slo',
      severity: 'high',
      topic: 'slo-budget',
      scope: `slo-budget:component:default/checkout/checkout-availability:${since}`,
    });
  });

  it('ends the same notification when a new period brings a new budget', () => {
    const end = Date.UTC(2026, 11, 1) / 1000;
    const payload = notificationForExhaustion({
      ...monthly,
      change: 'recovered',
      reason: 'new-period',
      episode: { since, startedBefore: true, end, budgetRemaining: 1 },
    });
    expect(payload).toMatchObject({
      title: "checkout-availability's error budget recovered",
      severity: 'low',
      scope: `slo-budget:component:default/checkout/checkout-availability:${since}`,
      description:
        'Error budget left: 100% at 2026-12-01 00:00 UTC: a new month began, with a new budget. It was spent from at least 2026-11-20 09:30 UTC. component:default/checkout, objective 99.9%.',
    });
  });

  it('writes budgets as the SLO tab does', () => {
    expect(
      [-0.3, -0.0000001, 0.042, 0.0025, 0.5].map(formatBudgetLeft),
    ).toEqual(['−30% (overspent)', '0% (overspent)', '4.2%', '0.25%', '50%']);
  });
});
