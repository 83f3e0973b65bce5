import { historyResolution, parseWindow } from '@slo-kit/plugin-slo-common';
import { planCollection } from './planCollection';

const DAY = 86400;
const now = 1_740_787_200 + 17 * 60 + 30; // 2025-03-01T00:17:30Z
const resolutionOf = (window: string, bucketSeconds = 300) => {
  const parsed = parseWindow(window);
  if (!parsed.ok) throw new Error(parsed.message);
  return historyResolution(
    { window: parsed.value },
    { bucketSeconds, fineRetentionSeconds: 8 * DAY },
  );
};
// A 1-day SLO: its window and alerts fit in the configured 8 days of fine history.
const base = {
  now,
  resolution: resolutionOf('1d'),
  backfillDays: 90,
};
const end = 1_740_787_200 + 15 * 60; // last complete 5-minute bucket ends at 00:15
const fineStart = 1_740_787_200 - 8 * DAY;

describe('planCollection', () => {
  it('backfills old time in hour buckets and recent time in fine buckets', () => {
    expect(planCollection(base)).toEqual([
      {
        start: end - 90 * DAY + 3600 - 900,
        end: fineStart,
        bucketSeconds: 3600,
      },
      { start: fineStart, end, bucketSeconds: 300 },
    ]);
  });

  it('starts the backfill no earlier than the source keeps data', () => {
    const [first] = planCollection({
      ...base,
      sourceRetentionSeconds: 15 * DAY,
    });
    expect(first.start).toBeGreaterThanOrEqual(end - 15 * DAY);
    expect(first.start % 3600).toBe(0);
  });

  it('collects incrementally from the last stored bucket, re-fetching two buckets', () => {
    expect(planCollection({ ...base, collectedUntil: end - 900 })).toEqual([
      { start: end - 1500, end, bucketSeconds: 300 },
    ]);
  });

  it('re-fetches only the overlap when up to date, nothing when ahead', () => {
    expect(planCollection({ ...base, collectedUntil: end })).toEqual([
      { start: end - 600, end, bucketSeconds: 300 },
    ]);
    // The clock went back (e.g. slo.now was moved earlier).
    expect(planCollection({ ...base, collectedUntil: end + 3600 })).toEqual([]);
  });

  it('after a long outage, fetches only time not yet stored: the rest of the interrupted hour in fine buckets', () => {
    // 00:00-00:30 of that hour may be compacted into its hour bucket by now:
    // compaction adds these fine buckets to it (compactHistory.test.ts).
    const collectedUntil = fineStart - 20 * DAY + 1800; // mid-hour, long ago
    const ranges = planCollection({ ...base, collectedUntil });
    expect(ranges).toEqual([
      { start: collectedUntil, end: collectedUntil + 1800, bucketSeconds: 300 },
      { start: collectedUntil + 1800, end: fineStart, bucketSeconds: 3600 },
      { start: fineStart, end, bucketSeconds: 300 },
    ]);
    // Contiguous, no overlap.
    for (let i = 1; i < ranges.length; i++) {
      expect(ranges[i].start).toBe(ranges[i - 1].end);
    }
  });

  it('does not overlap into time already stored as hour buckets', () => {
    const ranges = planCollection({ ...base, collectedUntil: fineStart });
    expect(ranges[0].start).toBe(fineStart);
  });

  it('keeps long time slices whole', () => {
    const ranges = planCollection({
      ...base,
      resolution: resolutionOf('1d', 7200),
    });
    expect(ranges).toHaveLength(1);
    expect(ranges[0].bucketSeconds).toBe(7200);
    expect(ranges[0].start % 7200).toBe(0);
  });

  it('keeps a 30-day SLO fine over its window, its alert window and a day', () => {
    const ranges = planCollection({ ...base, resolution: resolutionOf('30d') });
    // 30d + 3d + 1d before the end, moved down to the hour.
    const boundary = Math.floor((end - 34 * DAY) / 3600) * 3600;
    expect(ranges.map(r => r.bucketSeconds)).toEqual([3600, 300]);
    expect(ranges[1].start).toBe(boundary);
  });

  it('coarsens to half hours for a calendar SLO in a +5:30 zone', () => {
    const parsed = parseWindow({ calendar: 'month', timeZone: 'Asia/Kolkata' });
    if (!parsed.ok) throw new Error(parsed.message);
    const resolution = historyResolution(
      { window: parsed.value },
      { bucketSeconds: 300, fineRetentionSeconds: 8 * DAY },
    );
    expect(resolution.coarseSeconds).toBe(1800);
    const ranges = planCollection({ ...base, resolution });
    expect(ranges[0].bucketSeconds).toBe(1800);
    expect(ranges[0].start % 1800).toBe(0);
  });
});
