/**
 * "Budget exhausted" end to end: a real test backend with the SLO plugin,
 * this module and the notifications backend, an SLO over a 1-day window whose
 * first incident spends the budget: one notification when the budget left
 * reaches 0 or less, the same one updated when both incidents have left the
 * window, and the figure is the one `GET /statuses` (the SLO tab) shows.
 */
import type { Notification } from '@backstage/plugin-notifications-common';
import type { SloBudgetExhaustionEvent } from '@slo-kit/plugin-slo-node';
import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import { backendForSuite } from './__testUtils__/backendsForSuite';
import {
  ALICE,
  DAY,
  INCIDENTS,
  MINUTE,
  SLO_ID,
} from './__testUtils__/sloNotificationsBackend';

jest.setTimeout(120_000);

const budgetNotifications = (list: Notification[]) =>
  list
    .filter(n => n.payload.topic === 'slo-budget')
    .map(n => ({
      title: n.payload.title,
      severity: n.payload.severity,
      scope: n.payload.scope,
      link: n.payload.link,
      description: n.payload.description,
    }));

describe('budget exhausted notifications', () => {
  const exhaustionEvents: SloBudgetExhaustionEvent[] = [];
  const slo = backendForSuite({ exhaustionEvents, window: '1d' });

  /** The budget left the SLO tab shows (the entity's SLOs API), now. */
  async function tabBudget(): Promise<number> {
    const res = await request(slo.backend.server)
      .get('/api/slo/entities/component/default/checkout/slos')
      .set('Authorization', mockCredentials.user.header(ALICE));
    expect(res.status).toBe(200);
    return res.body.slos[0].evaluations[0].errorBudget.remainingFraction;
  }

  it('announces the exhaustion once, with the tab’s figure, and its recovery in the same notification', async () => {
    const [first, second] = INCIDENTS;
    await slo.collect();
    // Seven failing minutes: 84 bad events of 86.4 allowed, budget left 2.8%.
    for (let m = 1; m <= 7; m++) {
      jest.setSystemTime((first.from + m * MINUTE) * 1000);
      await slo.collect();
    }
    expect(exhaustionEvents).toEqual([]);
    expect(budgetNotifications(await slo.notifications())).toEqual([]);

    // The eighth: 96 bad events, budget left −11.1% (the tab writes −11%).
    const since = first.from + 8 * MINUTE;
    jest.setSystemTime(since * 1000);
    await slo.collect();
    const shown = await tabBudget();
    // 96 bad events of the day's 86,400 against 0.1%: 1 − 96 / 86.4.
    expect(shown).toBeCloseTo(1 - 96 / 86.4, 9);
    expect(exhaustionEvents.map(e => [e.change, e.episode.since])).toEqual([
      ['exhausted', since],
    ]);
    // The same figure, not one computed again elsewhere.
    expect(exhaustionEvents[0].episode.budgetRemaining).toBe(shown);
    const scope = `slo-budget:${SLO_ID}:${since}`;
    expect(budgetNotifications(await slo.notifications())).toEqual([
      {
        title: 'checkout-availability has spent its error budget',
        severity: 'high',
        scope,
        link: '/catalog/default/component/checkout/slo',
        description: expect.stringMatching(
          /^Error budget left: −11% \(overspent\) over its rolling 1d window, since 2025-03-01 00:18 UTC\. .* component:default\/checkout, objective 99\.9%\.$/,
        ),
      },
    ]);

    // More cycles while spent, the second incident included: nothing new.
    for (const t of [
      first.to,
      first.to + 10 * MINUTE,
      second.from + 5 * MINUTE,
      second.to,
    ]) {
      jest.setSystemTime(t * 1000);
      await slo.collect();
    }
    expect(exhaustionEvents).toHaveLength(1);

    // A day after the second incident both have left the window.
    const back = second.to + DAY + 10 * MINUTE;
    jest.setSystemTime(back * 1000);
    await slo.collect();
    expect(exhaustionEvents.map(e => [e.change, e.reason])).toEqual([
      ['exhausted', undefined],
      ['recovered', 'budget-back'],
    ]);
    expect(exhaustionEvents[1].episode).toEqual({
      since,
      // Healthy at the SLO's first evaluations: the episode's start is known.
      startedBefore: false,
      end: back,
      budgetRemaining: await tabBudget(),
    });
    expect(budgetNotifications(await slo.notifications())).toEqual([
      {
        title: "checkout-availability's error budget recovered",
        severity: 'low',
        scope,
        link: '/catalog/default/component/checkout/slo',
        description: `Error budget left: 100% at 2025-03-02 07:30 UTC: the budget is above 0 again. It was spent from 2025-03-01 00:18 UTC. component:default/checkout, objective 99.9%.`,
      },
    ]);
  });
});
