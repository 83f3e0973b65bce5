/**
 * Two backend replicas on one PostgreSQL, both running every collection
 * cycle at the same moment (harsher than production, where the global task
 * runs on one replica at a time): the budget exhaustion and its recovery are
 * each announced once, and the owners get one notification for the episode.
 */
import type { SloBudgetExhaustionEvent } from '@slo-kit/plugin-slo-node';
import {
  needsPostgres,
  replicasForSuite,
} from './__testUtils__/backendsForSuite';
import {
  DAY,
  INCIDENTS,
  MINUTE,
  SLO_ID,
  T0,
} from './__testUtils__/sloNotificationsBackend';

jest.setTimeout(180_000);

describe('budget exhaustion with two replicas on one PostgreSQL', () => {
  const events: SloBudgetExhaustionEvent[] = [];
  const replicas = replicasForSuite('slo_budget', {
    exhaustionEvents: events,
    window: '1d',
  });
  if (!replicas) {
    // eslint-disable-next-line jest/expect-expect -- fails with how to fix it
    it('needs PostgreSQL', needsPostgres);
    return;
  }

  it('announces the exhaustion and the recovery once each, in one notification', async () => {
    const [first, second] = INCIDENTS;
    // Every minute through both incidents, then the day after, both replicas at once.
    const times = [T0];
    for (const incident of INCIDENTS) {
      for (let t = incident.from; t <= incident.to + 5 * MINUTE; t += MINUTE) {
        times.push(t);
      }
    }
    times.push(second.to + DAY + 10 * MINUTE);
    for (const t of times) {
      jest.setSystemTime(t * 1000);
      await Promise.all(replicas.map(r => r.collect()));
    }

    const since = first.from + 8 * MINUTE;
    expect(events.map(e => `${e.change} ${e.episode.since}`)).toEqual([
      `exhausted ${since}`,
      `recovered ${since}`,
    ]);
    for (const replica of replicas) {
      const list = (await replica.notifications()).filter(
        n => n.payload.topic === 'slo-budget',
      );
      expect(list.map(n => [n.payload.title, n.payload.scope])).toEqual([
        [
          "checkout-availability's error budget recovered",
          `slo-budget:${SLO_ID}:${since}`,
        ],
      ]);
    }
  });
});
