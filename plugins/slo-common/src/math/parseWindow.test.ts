import { alertRulesFor } from './alertRulesFor';
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

describe('alertRulesFor', () => {
  const rules = (text: string) => {
    const parsed = parseWindow(text);
    if (!parsed.ok) throw new Error(parsed.message);
    return alertRulesFor(parsed.value).map(rule => [
      rule.severity,
      rule.factor,
      rule.longWindowSeconds,
      rule.shortWindowSeconds,
      rule.budgetFraction,
    ]);
  };

  it('gives the SRE Workbook rules for 30 days', () => {
    expect(rules('30d')).toEqual([
      ['page', 14.4, 3600, 300, 0.02],
      ['page', 6, 21600, 1800, 0.05],
      ['ticket', 3, 86400, 7200, 0.1],
      ['ticket', 1, 259200, 21600, 0.1],
    ]);
    expect(rules('month')).toEqual(rules('30d'));
  });

  it('scales windows with the period, to whole minutes, never below 5 minutes', () => {
    // 7d / 30d = 0.2333: 1h -> 14m, 5m -> 1.17m -> 5m floor, 6h -> 84m, 30m -> 7m ...
    expect(rules('7d')).toEqual([
      ['page', 14.4, 840, 300, 0.02],
      ['page', 6, 5040, 420, 0.05],
      ['ticket', 3, 20160, 1680, 0.1],
      ['ticket', 1, 60480, 5040, 0.1],
    ]);
    // 90d triples every window.
    expect(rules('90d')[0]).toEqual(['page', 14.4, 10800, 900, 0.02]);
    expect(rules('28d')[0]).toEqual(['page', 14.4, 3360, 300, 0.02]);
  });

  it('keeps one bucket as the shortest window', () => {
    const parsed = parseWindow('7d');
    if (!parsed.ok) throw new Error();
    expect(alertRulesFor(parsed.value, { minWindowSeconds: 600 })[0].shortWindowSeconds).toBe(600);
  });
});
