import { parseWindow } from '../math/parseWindow';
import { fineHistoryStart, historyResolution } from './historyResolution';

const DAY = 86400;
const windowOf = (text: string | Record<string, string>) => {
  const parsed = parseWindow(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.value;
};
const resolution = (window: string | Record<string, string>, bucketSeconds = 300) =>
  historyResolution({ window: windowOf(window) }, { bucketSeconds, fineRetentionSeconds: 8 * DAY });

describe('historyResolution', () => {
  it('keeps fine buckets for the longest window, its longest alert window and a day', () => {
    expect(resolution('30d').fineHistorySeconds).toBe(34 * DAY);
    expect(resolution('90d').fineHistorySeconds).toBe(100 * DAY);
    // 7d + 16h50m + 1d is longer than the configured 8 days.
    expect(resolution('7d').fineHistorySeconds).toBe(8 * DAY + 16 * 3600 + 50 * 60);
    // A short window keeps the configured fine retention.
    expect(resolution('1d').fineHistorySeconds).toBe(8 * DAY);
    // Calendar periods start on coarse boundaries; only their alert windows need fine buckets.
    expect(resolution('month').fineHistorySeconds).toBe(8 * DAY);
  });

  it('coarsens into hours, or into 30 and 15 minutes where a zone has such offsets', () => {
    expect(resolution('30d').coarseSeconds).toBe(3600);
    expect(resolution({ calendar: 'month', timeZone: 'Europe/Berlin' }).coarseSeconds).toBe(3600);
    expect(resolution({ calendar: 'month', timeZone: 'Asia/Kolkata' }).coarseSeconds).toBe(1800);
    expect(resolution({ calendar: 'week', timeZone: 'Asia/Kathmandu' }).coarseSeconds).toBe(900);
    // Hour-long fine buckets are not merged further.
    expect(resolution('30d', 3600).coarseSeconds).toBe(3600);
    // 20-minute buckets do not fit 15-minute boundaries: kept as they are.
    expect(resolution({ calendar: 'week', timeZone: 'Asia/Kathmandu' }, 1200).coarseSeconds).toBe(1200);
  });

  it('starts fine history on a coarse boundary at or before the fine history', () => {
    const now = 1_800_000_000 + 40 * 60;
    const start = fineHistoryStart(now, resolution('30d'));
    expect(start % 3600).toBe(0);
    expect(start).toBeLessThanOrEqual(now - 34 * DAY);
    expect(now - 34 * DAY - start).toBeLessThan(3600);
  });
});
