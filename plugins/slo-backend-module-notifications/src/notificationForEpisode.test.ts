import type { SloAlertEpisodeEvent } from '@slo-kit/plugin-slo-node';
import { notificationForEpisode } from './notificationForEpisode';

const event = (over: Partial<SloAlertEpisodeEvent>): SloAlertEpisodeEvent => ({
  change: 'started',
  slo: {
    id: 'component:default/checkout/checkout-availability',
    entityRef: 'component:default/checkout',
    name: 'checkout-availability',
    target: 0.999,
  },
  episode: {
    start: Date.UTC(2025, 2, 1, 0, 14) / 1000,
    end: Date.UTC(2025, 2, 1, 0, 15) / 1000,
    ongoing: true,
    startedBefore: false,
    severity: 'page',
    peakBurnRate: 14.4,
    pageMinutes: 1,
  },
  ...over,
});

describe('notificationForEpisode', () => {
  it('says in plain words that the SLO pages, how fast it burns and since when', () => {
    expect(notificationForEpisode(event({}))).toEqual({
      title: 'checkout-availability is paging',
      description:
        'Burning its error budget at up to 14.4× the sustainable rate, since 2025-03-01 00:14 UTC. A page alert fires: at this rate the budget is spent within days. It paged for 1 min. component:default/checkout, objective 99.9%.',
      link: '/catalog/default/component/checkout/slo',
      severity: 'critical',
      topic: 'slo-alert',
      scope: `slo:component:default/checkout/checkout-availability:${
        Date.UTC(2025, 2, 1, 0, 14) / 1000
      }`,
    });
  });

  it('maps a ticket to normal and a recovery to low, keeping the scope', () => {
    const ticket = event({
      episode: {
        ...event({}).episode,
        severity: 'ticket',
        pageMinutes: 0,
        peakBurnRate: 3.2,
      },
    });
    const ended = event({
      change: 'ended',
      episode: {
        ...event({}).episode,
        ongoing: false,
        pageMinutes: 90,
        end: Date.UTC(2025, 2, 1, 1, 44) / 1000,
      },
    });
    expect(notificationForEpisode(ticket)).toMatchObject({
      title: 'checkout-availability raised a ticket alert',
      severity: 'normal',
    });
    expect(notificationForEpisode(ended)).toMatchObject({
      title: 'checkout-availability recovered',
      severity: 'low',
      scope: notificationForEpisode(event({})).scope,
    });
    expect(notificationForEpisode(ended).description).toBe(
      'Recovered at 2025-03-01 01:44 UTC: its alerts resolved. The page episode ran from 2025-03-01 00:14 UTC, burning its error budget at up to 14.4× the sustainable rate. It paged for 1 h 30 min. component:default/checkout, objective 99.9%.',
    );
  });

  it('says "at least since" when the episode was already firing when recording began', () => {
    const before = event({
      episode: { ...event({}).episode, startedBefore: true },
    });
    expect(notificationForEpisode(before).description).toContain(
      'at least since 2025-03-01 00:14 UTC',
    );
  });
});
