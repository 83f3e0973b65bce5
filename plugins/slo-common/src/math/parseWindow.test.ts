import { parseWindow } from './parseWindow';

describe('parseWindow', () => {
  it.each([
    ['30d', { type: 'rolling', durationSeconds: 2592000, label: '30d' }],
    ['4w', { type: 'rolling', durationSeconds: 2419200, label: '28d' }],
    ['1h', { type: 'rolling', durationSeconds: 3600, label: '1h' }],
    ['1h30m', { type: 'rolling', durationSeconds: 5400, label: '90m' }],
    ['month', { type: 'calendar', unit: 'month', timeZone: 'UTC', label: 'month' }],
    ['Week', { type: 'calendar', unit: 'week', timeZone: 'UTC', label: 'week' }],
    ['quarter', { type: 'calendar', unit: 'quarter', timeZone: 'UTC', label: 'quarter' }],
  ])('parses %j', (text, window) => {
    expect(parseWindow(text)).toEqual({ ok: true, value: window });
  });

  it('parses calendar mappings with a time zone', () => {
    expect(parseWindow({ calendar: 'month', timeZone: 'Europe/Berlin' })).toEqual({
      ok: true,
      value: { type: 'calendar', unit: 'month', timeZone: 'Europe/Berlin', label: 'month (Europe/Berlin)' },
    });
    expect(parseWindow({ calendar: 'week' })).toMatchObject({ ok: true, value: { timeZone: 'UTC' } });
    expect(parseWindow({ rolling: '7d' })).toMatchObject({ ok: true, value: { durationSeconds: 604800 } });
  });

  it.each([
    ['30 days', /is not a window/],
    ['5m', /between 1h and 366d/],
    ['400d', /between 1h and 366d/],
    [30, /not a number \(30\)/],
    [null, /not nothing/],
    [{ calendar: 'year' }, /"year" is not a calendar unit/],
    [{ calendar: 'month', timeZone: 'Mars/Olympus' }, /not a known IANA time zone/],
    [{ calender: 'month' }, /Unknown window key "calender"/],
    [{ rolling: '30d', calendar: 'month' }, /either rolling or calendar/],
    [{ timeZone: 'UTC' }, /needs a "calendar" unit/],
  ])('rejects %j', (value, message) => {
    expect(parseWindow(value)).toMatchObject({ ok: false, message: expect.stringMatching(message) });
  });

  it('suggests the closest spelling', () => {
    expect(parseWindow('mnth')).toMatchObject({ ok: false, didYouMean: 'month' });
    expect(parseWindow({ calender: 'month' })).toMatchObject({ ok: false, didYouMean: 'calendar' });
  });
});
