import { DateTime } from 'luxon';
import { parseCorrections } from './parseCorrections';
import type { CorrectableSlo } from './readCorrection';

const slos: CorrectableSlo[] = [
  { name: 'checkout-availability', labels: { tier: 'critical' } },
  { name: 'checkout-latency', labels: {} },
];
const entityRef = 'component:default/checkout';
const now = DateTime.fromISO('2026-12-07T12:00:00Z').toSeconds();
const read = (text: string) => parseCorrections(text, { entityRef, slos, now });

describe('parseCorrections', () => {
  it('reads a one-off, a recurring and a label-selected correction', () => {
    const { corrections, problems } = read(`
- name: db-upgrade
  category: planned-maintenance
  reason: Database upgrade, change CHG-1234
  start: 2026-11-03T22:00:00Z
  end: 2026-11-04T00:00:00Z
  slos: [checkout-availability]
- name: nightly-backup
  category: planned-maintenance
  reason: Nightly backup locks the orders table
  start: 2026-10-01T02:00:00
  duration: 1h
  timeZone: Europe/Berlin
  rrule: FREQ=DAILY
- name: upstream-outage
  category: outside-our-control
  reason: Payment provider outage
  start: 2026-11-20T14:00:00Z
  duration: 45m
  labels: {tier: critical}
`);
    expect(problems).toEqual([]);
    expect(corrections.map(c => [c.name, c.durationSeconds, c.target])).toEqual([
      ['db-upgrade', 7200, { kind: 'slos', names: ['checkout-availability'] }],
      ['nightly-backup', 3600, { kind: 'entity' }],
      ['upstream-outage', 2700, { kind: 'labels', labels: { tier: 'critical' } }],
    ]);
    expect(corrections[1].start).toBe(DateTime.fromISO('2026-10-01T00:00:00Z').toSeconds());
    expect(corrections[1].recurrence).toMatchObject({ frequency: 'daily', interval: 1 });
  });

  it.each([
    ['end before start', 'start: 2026-11-04T00:00:00Z\n  end: 2026-11-03T22:00:00Z', '[0].end', /ends at 2026-11-03T22:00:00Z, before its start 2026-11-04T00:00:00Z/],
    ['10,000 recurrences', 'start: 2026-01-01T00:00:00Z\n  duration: 1h\n  rrule: FREQ=DAILY;COUNT=10000', '[0].rrule', /gives 10,000 occurrences; a correction may have at most 1,000/],
    ['an UNTIL 5 years on', 'start: 2026-01-01T00:00:00Z\n  duration: 1h\n  rrule: FREQ=DAILY;UNTIL=20301231', '[0].rrule', /more than 1,000 occurrences/],
    ['an unknown SLO', 'start: 2026-01-01T00:00:00Z\n  duration: 1h\n  slos: [checkout-availabilty]', '[0].slos[0]', /No SLO named "checkout-availabilty".*Did you mean "checkout-availability"/],
    ['labels that select nothing', 'start: 2026-01-01T00:00:00Z\n  duration: 1h\n  labels: {tier: gold}', '[0].labels', /select no SLO/],
    ['an unknown zone', 'start: 2026-01-01T00:00:00\n  duration: 1h\n  timeZone: Europe/Berln', '[0].timeZone', /"Europe\/Berln" is not a known IANA time zone/],
    ['a malformed rrule', 'start: 2026-01-01T00:00:00Z\n  duration: 1h\n  rrule: FREQ=YEARLY', '[0].rrule', /FREQ=YEARLY is not supported/],
    ['a date that is not one', 'start: next tuesday\n  duration: 1h', '[0].start', /not an ISO 8601 date-time/],
    ['both end and duration', 'start: 2026-01-01T00:00:00Z\n  duration: 1h\n  end: 2026-01-01T02:00:00Z', '[0]', /an end or a duration, not both/],
  ])('reports %s precisely', (_, fields, path, message) => {
    const { corrections, problems } = read(`- name: c\n  category: planned-maintenance\n  reason: r\n  ${fields}`);
    expect(corrections).toEqual([]);
    expect(problems).toEqual([expect.objectContaining({ entityRef, annotation: 'slo-kit.dev/corrections', path, message: expect.stringMatching(message) })]);
  });

  it('allows planned maintenance ahead of time, but not bad data in the future', () => {
    const future = (category: string) => read(`- name: c\n  category: ${category}\n  reason: r\n  start: 2027-01-10T02:00:00Z\n  duration: 2h`);
    expect(future('planned-maintenance').problems).toEqual([]);
    expect(future('bad-data').problems).toEqual([expect.objectContaining({ path: '[0].start', message: expect.stringMatching(/starts in the future.*only planned-maintenance may be declared ahead/) })]);
  });

  it('suggests the category and refuses duplicate names', () => {
    const { problems } = read(`
- {name: a, category: planned-maintainance, reason: r, start: 2026-01-01T00:00:00Z, duration: 1h}
- {name: b, category: bad-data, reason: r, start: 2026-01-01T00:00:00Z, duration: 1h}
- {name: b, category: bad-data, reason: r, start: 2026-01-02T00:00:00Z, duration: 1h}
`);
    expect(problems.map(p => [p.path, p.didYouMean])).toEqual([['[0].category', 'planned-maintenance'], ['[2].name', undefined]]);
  });
});
