import { DateTime } from 'luxon';
import type { EventBucket } from '../model/EventBucket';
import { excludeCorrectedBuckets } from './excludeCorrectedBuckets';
import { parseRecurrenceRule } from './parseRecurrenceRule';
import type { SloCorrection } from './SloCorrection';

const utc = (iso: string) => DateTime.fromISO(iso, { zone: 'UTC' }).toSeconds();

/** Hourly buckets with 100 events each, 1 bad: every hour's events are known. */
function hourly(fromIso: string, hours: number): EventBucket[] {
  const from = utc(fromIso);
  return Array.from({ length: hours }, (_, i) => ({ start: from + i * 3600, durationSeconds: 3600, good: 99, total: 100 }));
}

function correction(overrides: Partial<SloCorrection>): SloCorrection {
  return {
    name: 'maintenance',
    entityRef: 'component:default/shop',
    category: 'planned-maintenance',
    reason: 'database upgrade',
    start: utc('2026-05-01T10:00:00'),
    durationSeconds: 3600,
    timeZone: 'UTC',
    target: { kind: 'entity' },
    origin: { kind: 'annotation', annotation: 'slo-kit.dev/corrections' },
    ...overrides,
  };
}

const excludedStarts = (buckets: EventBucket[]) =>
  buckets.filter(b => b.total === 0).map(b => DateTime.fromSeconds(b.start, { zone: 'UTC' }).toFormat("yyyy-MM-dd'T'HH"));

describe('excludeCorrectedBuckets', () => {
  it('empties exactly the buckets a boundary-aligned correction covers, good and total alike', () => {
    const buckets = hourly('2026-05-01T08:00:00', 6);
    const result = excludeCorrectedBuckets(buckets, [correction({ durationSeconds: 7200 })]);
    expect(excludedStarts(result)).toEqual(['2026-05-01T10', '2026-05-01T11']);
    expect(result.reduce((s, b) => s + b.total, 0)).toBe(400);
    expect(result.reduce((s, b) => s + b.good, 0)).toBe(396);
    // Input untouched, order and bucket ranges kept.
    expect(buckets.every(b => b.total === 100)).toBe(true);
    expect(result.map(b => b.start)).toEqual(buckets.map(b => b.start));
  });

  it('excludes every bucket a correction overlaps in part, and no bucket it only touches', () => {
    const buckets = hourly('2026-05-01T08:00:00', 6);
    const partial = correction({ start: utc('2026-05-01T10:30:00'), durationSeconds: 3600 });
    expect(excludedStarts(excludeCorrectedBuckets(buckets, [partial]))).toEqual(['2026-05-01T10', '2026-05-01T11']);
    const touching = correction({ start: utc('2026-05-01T09:00:00'), durationSeconds: 3600 });
    expect(excludedStarts(excludeCorrectedBuckets(buckets, [touching]))).toEqual(['2026-05-01T09']);
  });

  it('excludes a recurring 03:00-04:00 Berlin window at the right UTC hours across the spring change', () => {
    const rule = parseRecurrenceRule('FREQ=DAILY', 'Europe/Berlin');
    if (!rule.ok) throw new Error(rule.message);
    const daily = correction({
      start: DateTime.fromISO('2026-03-27T03:00:00', { zone: 'Europe/Berlin' }).toSeconds(),
      timeZone: 'Europe/Berlin',
      recurrence: rule.value,
    });
    const result = excludeCorrectedBuckets(hourly('2026-03-27T00:00:00', 96), [daily]);
    expect(excludedStarts(result)).toEqual(['2026-03-27T02', '2026-03-28T02', '2026-03-29T01', '2026-03-30T01']);
    expect(result.reduce((s, b) => s + b.total, 0)).toBe(9200);
  });

  it('changes nothing without corrections', () => {
    const buckets = hourly('2026-05-01T08:00:00', 3);
    expect(excludeCorrectedBuckets(buckets, undefined)).toEqual(buckets);
    expect(excludeCorrectedBuckets(buckets, [])).toEqual(buckets);
  });
});
