import { DateTime } from 'luxon';
import type { ParseResult } from '../math/ParseResult';
import { didYouMean } from '../util/didYouMean';
import type { RecurrenceRule, RecurrenceWeekday } from './SloCorrection';

const SUPPORTED_PARTS = ['FREQ', 'INTERVAL', 'BYDAY', 'COUNT', 'UNTIL'];
/** RFC 5545 parts that corrections do not read, named so the message can say so. */
const KNOWN_UNSUPPORTED = ['BYSECOND', 'BYMINUTE', 'BYHOUR', 'BYMONTHDAY', 'BYYEARDAY', 'BYWEEKNO', 'BYMONTH', 'BYSETPOS', 'WKST'];
const FREQUENCIES = { DAILY: 'daily', WEEKLY: 'weekly', MONTHLY: 'monthly' } as const;
const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
const EXPECTED = 'an RFC 5545 rule such as FREQ=WEEKLY;BYDAY=SU or FREQ=DAILY;COUNT=30 (parts FREQ, INTERVAL, BYDAY, COUNT, UNTIL)';

function fail(message: string, hint?: string): ParseResult<RecurrenceRule> {
  return { ok: false, message, expected: EXPECTED, ...(hint ? { didYouMean: hint } : {}) };
}

/** UNTIL as RFC 5545 writes it: a date, a UTC date-time (`Z`), or a local one (in the correction's zone). */
function readUntil(text: string, timeZone: string): number | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z?))?$/.exec(text);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second, utc] = match;
  const fields = {
    year: Number(year), month: Number(month), day: Number(day),
    // A date alone ends with that whole day.
    hour: hour === undefined ? 23 : Number(hour),
    minute: minute === undefined ? 59 : Number(minute),
    second: second === undefined ? 59 : Number(second),
  };
  const time = DateTime.fromObject(fields, { zone: utc ? 'UTC' : timeZone });
  return time.isValid ? time.toSeconds() : undefined;
}

function readWeekday(text: string, monthly: boolean): RecurrenceWeekday | string {
  const match = /^([+-]?\d{1,2})?([A-Z]{2})$/.exec(text);
  const weekday = match ? WEEKDAYS.indexOf(match[2]) + 1 : 0;
  if (!match || weekday === 0) {
    return `BYDAY value "${text}" is not a weekday; write MO, TU, WE, TH, FR, SA or SU${monthly ? ', with an optional ordinal such as 1SU or -1FR' : ''}.`;
  }
  if (match[1] === undefined) return { weekday };
  const ordinal = Number(match[1]);
  if (!monthly) return `BYDAY value "${text}" has an ordinal, which only a FREQ=MONTHLY rule can have; write ${match[2]}.`;
  if (ordinal === 0 || Math.abs(ordinal) > 5) return `BYDAY value "${text}" asks for weekday number ${ordinal} of a month; use 1 to 5 or -1 to -5.`;
  return { weekday, ordinal };
}

/**
 * Reads the subset of an RFC 5545 `RRULE` that corrections support
 * (`FREQ=DAILY|WEEKLY|MONTHLY`, `INTERVAL`, `BYDAY`, `COUNT`, `UNTIL`; an
 * `RRULE:` prefix is allowed). A local `UNTIL` is read in `timeZone`.
 * Anything else is refused with a message naming the part.
 *
 * @public
 */
export function parseRecurrenceRule(value: unknown, timeZone: string): ParseResult<RecurrenceRule> {
  if (typeof value !== 'string' || value.trim() === '') {
    return fail(`The recurrence rule must be text, not ${value === undefined ? 'nothing' : typeof value}.`);
  }
  const text = value.trim().replace(/^RRULE:/i, '');
  if (text.length > 200) return fail('The recurrence rule is longer than 200 characters.');
  const parts = new Map<string, string>();
  for (const part of text.split(';')) {
    const [rawKey, rawValue, ...rest] = part.split('=');
    const key = (rawKey ?? '').trim().toUpperCase();
    if (rawValue === undefined || rest.length > 0 || key === '') return fail(`"${part}" is not a KEY=VALUE part of a recurrence rule.`);
    if (!SUPPORTED_PARTS.includes(key)) {
      if (KNOWN_UNSUPPORTED.includes(key)) return fail(`${key} is not supported in corrections' recurrence rules; supported: ${SUPPORTED_PARTS.join(', ')}.`);
      return fail(`"${key}" is not a part of a recurrence rule.`, didYouMean(key, SUPPORTED_PARTS));
    }
    if (parts.has(key)) return fail(`${key} is written twice in the recurrence rule.`);
    parts.set(key, rawValue.trim().toUpperCase());
  }
  const freq = parts.get('FREQ');
  if (freq === undefined) return fail('The recurrence rule has no FREQ; write FREQ=DAILY, FREQ=WEEKLY or FREQ=MONTHLY.');
  if (!(freq in FREQUENCIES)) {
    const known = ['SECONDLY', 'MINUTELY', 'HOURLY', 'YEARLY'].includes(freq);
    return fail(known
      ? `FREQ=${freq} is not supported in corrections; supported: DAILY, WEEKLY, MONTHLY (a correction lasts its duration, so a yearly one is FREQ=MONTHLY;INTERVAL=12).`
      : `FREQ=${freq} is not a frequency.`, known ? undefined : didYouMean(freq, Object.keys(FREQUENCIES)));
  }
  const frequency = FREQUENCIES[freq as keyof typeof FREQUENCIES];
  const rule: RecurrenceRule = { frequency, interval: 1, text };
  const interval = parts.get('INTERVAL');
  if (interval !== undefined) {
    if (!/^\d{1,4}$/.test(interval) || Number(interval) < 1) return fail(`INTERVAL=${interval} must be a whole number from 1 to 9999.`);
    rule.interval = Number(interval);
  }
  const count = parts.get('COUNT');
  const until = parts.get('UNTIL');
  if (count !== undefined && until !== undefined) return fail('A recurrence rule has COUNT or UNTIL, not both (RFC 5545).');
  if (count !== undefined) {
    if (!/^\d{1,9}$/.test(count) || Number(count) < 1) return fail(`COUNT=${count} must be a whole number of at least 1.`);
    rule.count = Number(count);
  }
  if (until !== undefined) {
    const seconds = readUntil(until, timeZone);
    if (seconds === undefined) return fail(`UNTIL=${until} is not a date (YYYYMMDD) or date-time (YYYYMMDDTHHMMSSZ).`);
    rule.until = seconds;
  }
  const byDay = parts.get('BYDAY');
  if (byDay !== undefined) {
    const days: RecurrenceWeekday[] = [];
    for (const day of byDay.split(',')) {
      const read = readWeekday(day.trim(), frequency === 'monthly');
      if (typeof read === 'string') return fail(read);
      days.push(read);
    }
    rule.byDay = days;
  }
  return { ok: true, value: rule };
}
