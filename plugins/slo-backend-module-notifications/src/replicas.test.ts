/**
 * Two backend replicas on one PostgreSQL, each with the SLO plugin, this
 * module and the notifications backend, both running every collection cycle
 * at the same moment (the mock scheduler does not take the global task's
 * lock, so this is harsher than production, where one replica runs each
 * cycle): every change of an episode is announced once, by one replica, and
 * the owners get one notification per episode.
 */
import type { SloAlertEpisodeEvent } from '@slo-kit/plugin-slo-node';
import {
  needsPostgres,
  replicasForSuite,
} from './__testUtils__/backendsForSuite';
import {
  INCIDENTS,
  MINUTE,
  SLO_ID,
  T0,
} from './__testUtils__/sloNotificationsBackend';

jest.setTimeout(180_000);

describe('two replicas on one PostgreSQL', () => {
  const events: SloAlertEpisodeEvent[] = [];
  const replicas = replicasForSuite('slo_notify', { events });
  if (!replicas) {
    // eslint-disable-next-line jest/expect-expect -- fails with how to fix it
    it('needs PostgreSQL', needsPostgres);
    return;
  }

  it('announces each change once and keeps one notification per episode', async () => {
    // Every minute through both incidents and their recovery, both replicas at once.
    const times = [T0];
    for (const incident of INCIDENTS) {
      for (let t = incident.from; t <= incident.to + 10 * MINUTE; t += MINUTE) {
        times.push(t);
      }
    }
    for (const t of times) {
      jest.setSystemTime(t * 1000);
      await Promise.all(replicas.map(r => r.collect()));
    }

    const starts = INCIDENTS.map(i => i.from + 4 * MINUTE);
    const announced = events.map(e => `${e.change} ${e.episode.start}`);
    // Per minute the burn grows while failing: started, then a change a minute.
    const expected = starts.flatMap(start => [
      `started ${start}`,
      ...Array.from({ length: 5 }, () => `changed ${start}`),
      `ended ${start}`,
    ]);
    expect(announced).toEqual(expected);

    for (const replica of replicas) {
      const list = await replica.notifications();
      expect(list.map(n => [n.payload.title, n.payload.scope])).toEqual([
        ['checkout-availability recovered', `slo:${SLO_ID}:${starts[1]}`],
        ['checkout-availability recovered', `slo:${SLO_ID}:${starts[0]}`],
      ]);
    }
  });
});
