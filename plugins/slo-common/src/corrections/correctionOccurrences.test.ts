import { DateTime } from 'luxon';
import { correctionOccurrences, countCorrectionOccurrences } from './correctionOccurrences';
import { parseRecurrenceRule } from './parseRecurrenceRule';
import type { SloCorrection } from './SloCorrection';

const utc = (iso: string) => DateTime.fromISO(iso, { zone: 'UTC' }).toSeconds();
const iso = (seconds: number) => DateTime.fromSeconds(seconds, { zone: 'UTC' }).toISO({ suppressMilliseconds: true, includeOffset: false });

function recurring(startLocal: string, zone: string, rule: string, durationSeconds = 3600): Pick<SloCorrection, 'start' | 'durationSeconds' | 'timeZone' | 'recurrence'> {
  const parsed = parseRecurrenceRule(rule, zone);
  if (!parsed.ok) throw new Error(parsed.message);
  return { start: DateTime.fromISO(startLocal, { zone }).toSeconds(), durationSeconds, timeZone: zone, recurrence: parsed.value };
}

describe('correctionOccurrences', () => {
  it('keeps a daily 03:00-04:00 Berlin window at 03:00 local across the spring change', () => {
    const correction = recurring('2026-03-27T03:00:00', 'Europe/Berlin', 'FREQ=DAILY');
    const found = correctionOccurrences(correction, { from: utc('2026-03-27T00:00:00'), to: utc('2026-03-31T00:00:00') });
    expect(found.map(o => [iso(o.start), iso(o.end)])).toEqual([
      ['2026-03-27T02:00:00', '2026-03-27T03:00:00'], // CET, +01:00
      ['2026-03-28T02:00:00', '2026-03-28T03:00:00'],
      ['2026-03-29T01:00:00', '2026-03-29T02:00:00'], // CEST from 29 March, +02:00
      ['2026-03-30T01:00:00', '2026-03-30T02:00:00'],
    ]);
  });

  it('keeps a weekly Sunday 02:00 New York window at 02:00 local across the autumn change', () => {
    const correction = recurring('2026-10-18T02:00:00', 'America/New_York', 'FREQ=WEEKLY;BYDAY=SU;COUNT=4');
    const found = correctionOccurrences(correction, { from: 0, to: utc('2027-01-01T00:00:00') });
    expect(found.map(o => iso(o.start))).toEqual([
      '2026-10-18T06:00:00', // EDT, -04:00
      '2026-10-25T06:00:00',
      '2026-11-01T07:00:00', // EST from 1 November (the change is at 02:00 that day), -05:00
      '2026-11-08T07:00:00',
    ]);
  });

  it('moves a local time skipped by spring-forward to the end of the gap', () => {
    const correction = recurring('2026-03-28T02:00:00', 'Europe/Berlin', 'FREQ=DAILY;COUNT=3');
    const found = correctionOccurrences(correction, { from: 0, to: utc('2027-01-01T00:00:00') });
    expect(found.map(o => iso(o.start))).toEqual(['2026-03-28T01:00:00', '2026-03-29T01:00:00', '2026-03-30T00:00:00']);
  });

  it('reads BYDAY with ordinals in monthly rules, and INTERVAL', () => {
    const firstSunday = recurring('2026-01-04T01:00:00', 'UTC', 'FREQ=MONTHLY;BYDAY=1SU;COUNT=3');
    expect(correctionOccurrences(firstSunday, { from: 0, to: utc('2030-01-01T00:00:00') }).map(o => iso(o.start)))
      .toEqual(['2026-01-04T01:00:00', '2026-02-01T01:00:00', '2026-03-01T01:00:00']);
    const lastFriday = recurring('2026-01-30T22:00:00', 'UTC', 'FREQ=MONTHLY;INTERVAL=2;BYDAY=-1FR;COUNT=2');
    expect(correctionOccurrences(lastFriday, { from: 0, to: utc('2030-01-01T00:00:00') }).map(o => iso(o.start)))
      .toEqual(['2026-01-30T22:00:00', '2026-03-27T22:00:00']);
    const weekdays = recurring('2026-01-05T18:00:00', 'UTC', 'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE;COUNT=4');
    expect(correctionOccurrences(weekdays, { from: 0, to: utc('2030-01-01T00:00:00') }).map(o => iso(o.start)))
      .toEqual(['2026-01-05T18:00:00', '2026-01-07T18:00:00', '2026-01-19T18:00:00', '2026-01-21T18:00:00']);
  });

  it('skips months without the start day, as RFC 5545 does', () => {
    const correction = recurring('2026-01-31T00:00:00', 'UTC', 'FREQ=MONTHLY;COUNT=3');
    expect(correctionOccurrences(correction, { from: 0, to: utc('2030-01-01T00:00:00') }).map(o => iso(o.start)))
      .toEqual(['2026-01-31T00:00:00', '2026-03-31T00:00:00', '2026-05-31T00:00:00']);
  });

  it('stops at UNTIL, inclusive, and finds occurrences of an unbounded rule far from its start', () => {
    const until = recurring('2026-01-01T00:00:00', 'UTC', 'FREQ=DAILY;UNTIL=20260103T000000Z');
    expect(correctionOccurrences(until, { from: 0, to: utc('2030-01-01T00:00:00') })).toHaveLength(3);
    expect(countCorrectionOccurrences(until)).toBe(3);
    const forever = recurring('2020-01-01T00:00:00', 'UTC', 'FREQ=DAILY');
    expect(countCorrectionOccurrences(forever)).toBeUndefined();
    // An occurrence that started before the range and ends in it counts.
    expect(correctionOccurrences(forever, { from: utc('2026-06-01T00:30:00'), to: utc('2026-06-02T00:30:00') }).map(o => iso(o.start)))
      .toEqual(['2026-06-01T00:00:00', '2026-06-02T00:00:00']);
  });

  it('gives a one-off correction once, only where it overlaps the range', () => {
    const once = { start: utc('2026-05-01T10:00:00'), durationSeconds: 1800, timeZone: 'UTC' };
    expect(correctionOccurrences(once, { from: utc('2026-05-01T10:29:00'), to: utc('2026-05-02T00:00:00') })).toHaveLength(1);
    expect(correctionOccurrences(once, { from: utc('2026-05-01T10:30:00'), to: utc('2026-05-02T00:00:00') })).toHaveLength(0);
  });
});

describe('parseRecurrenceRule', () => {
  it.each([
    ['FREQ=HOURLY', /FREQ=HOURLY is not supported/],
    ['FREQ=WEEKLY;BYHOUR=2', /BYHOUR is not supported/],
    ['FREQ=WEKLY', /not a frequency.*Did you mean|not a frequency/],
    ['FREQ=DAILY;COUNT=2;UNTIL=20260101', /COUNT or UNTIL, not both/],
    ['FREQ=WEEKLY;BYDAY=1SU', /only a FREQ=MONTHLY rule/],
    ['FREQ=MONTHLY;BYDAY=6SU', /use 1 to 5/],
    ['FREQ=DAILY;INTERVAL=0', /INTERVAL=0/],
    ['INTERVAL=2', /no FREQ/],
    ['FREQ=DAILY;UNTIL=tomorrow', /UNTIL=TOMORROW is not a date/],
    ['FREQ=DAILY;CONT=3', /"CONT" is not a part/],
  ])('refuses %s', (rule, message) => {
    expect(parseRecurrenceRule(rule, 'UTC')).toEqual(expect.objectContaining({ ok: false, message: expect.stringMatching(message) }));
  });

  it('reads the supported parts, with an RRULE: prefix', () => {
    expect(parseRecurrenceRule('RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=SA,SU;COUNT=10', 'UTC')).toEqual({
      ok: true,
      value: { frequency: 'weekly', interval: 2, byDay: [{ weekday: 6 }, { weekday: 7 }], count: 10, text: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=SA,SU;COUNT=10' },
    });
  });
});
