import type { Notification } from '@backstage/plugin-notifications-common';
import type { SloAlertEpisodeEvent } from '@slo-kit/plugin-slo-node';
import { backendForSuite } from './__testUtils__/backendsForSuite';
import {
  INCIDENTS,
  MINUTE,
  SLO_ID,
} from './__testUtils__/sloNotificationsBackend';

jest.setTimeout(120_000);

/** Moves the clock the collector reads (only `Date`; timers run for real). */
function setNow(epochSeconds: number) {
  jest.setSystemTime(epochSeconds * 1000);
}

const summary = (n: Notification) => ({
  title: n.payload.title,
  severity: n.payload.severity,
  scope: n.payload.scope,
  link: n.payload.link,
  topic: n.payload.topic,
});

describe('sloModuleNotifications in a backend with the notifications plugin', () => {
  const events: SloAlertEpisodeEvent[] = [];
  const slo = backendForSuite({ events });

  it('notifies the owners once per episode, updates it as the burn grows, and announces the recovery', async () => {
    const [first, second] = INCIDENTS;
    // The backfill: three healthy days, nothing to say.
    await slo.collect();
    expect(await slo.notifications()).toEqual([]);

    // Four failing minutes: the hour burns 13.3×, under the page rule's 14.4×.
    setNow(first.from + 4 * MINUTE);
    await slo.collect();
    expect(await slo.notifications()).toEqual([]);

    // The fifth: 16.7×, paging from the bucket ending at +15 min.
    setNow(first.from + 5 * MINUTE);
    await slo.collect();
    const firstScope = `slo:${SLO_ID}:${first.from + 4 * MINUTE}`;
    let list = await slo.notifications();
    expect(list.map(summary)).toEqual([
      {
        title: 'checkout-availability is paging',
        severity: 'critical',
        scope: firstScope,
        link: '/catalog/default/component/checkout/slo',
        topic: 'slo-alert',
      },
    ]);
    expect(list[0].payload.description).toContain(
      'at up to 16.7× the sustainable rate',
    );
    expect(list[0].payload.description).toContain('since 2025-03-01 00:14 UTC');

    // The burn keeps growing: the same notification, updated.
    setNow(first.to);
    await slo.collect();
    list = await slo.notifications();
    expect(list.map(summary)).toEqual([
      expect.objectContaining({
        title: 'checkout-availability is paging',
        scope: firstScope,
      }),
    ]);
    expect(list[0].payload.description).toContain(
      'at up to 33.3× the sustainable rate',
    );

    // Five good minutes later the short window is clean: recovered, same notification.
    setNow(first.to + 6 * MINUTE);
    await slo.collect();
    list = await slo.notifications();
    expect(list.map(summary)).toEqual([
      expect.objectContaining({
        title: 'checkout-availability recovered',
        severity: 'low',
        scope: firstScope,
      }),
    ]);
    expect(list[0].payload.description).toContain(
      'Recovered at 2025-03-01 00:25 UTC',
    );
    expect(list[0].payload.description).toContain('It paged for 10 min.');

    // Quiet cycles change nothing.
    setNow(first.to + 30 * MINUTE);
    await slo.collect();
    setNow(second.from);
    await slo.collect();
    expect((await slo.notifications()).map(summary)).toEqual(list.map(summary));

    // The second incident is another episode: a second notification.
    setNow(second.to);
    await slo.collect();
    const secondScope = `slo:${SLO_ID}:${second.from + 4 * MINUTE}`;
    expect(
      (await slo.notifications()).map(n => [n.payload.title, n.payload.scope]),
    ).toEqual([
      ['checkout-availability is paging', secondScope],
      ['checkout-availability recovered', firstScope],
    ]);
    setNow(second.to + 10 * MINUTE);
    await slo.collect();
    expect(
      (await slo.notifications()).map(n => [n.payload.title, n.payload.scope]),
    ).toEqual([
      ['checkout-availability recovered', secondScope],
      ['checkout-availability recovered', firstScope],
    ]);
    // What the SLO backend announced: each change once.
    expect(
      events.map(e => [
        e.change,
        e.episode.start,
        e.episode.peakBurnRate.toFixed(1),
      ]),
    ).toEqual([
      ['started', first.from + 4 * MINUTE, '16.7'],
      ['changed', first.from + 4 * MINUTE, '33.3'],
      ['ended', first.from + 4 * MINUTE, '33.3'],
      ['started', second.from + 4 * MINUTE, '33.3'],
      ['ended', second.from + 4 * MINUTE, '33.3'],
    ]);
  });
});
