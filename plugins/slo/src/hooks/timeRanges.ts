import type { SloWindow } from '@slo-kit/plugin-slo-common';
import { windowSeconds } from '../status';

/** A chart time range the user can pick. */
export interface TimeRange {
  id: '24h' | '7d' | '30d' | '90d';
  label: string;
  seconds: number;
}

const DAY = 86400;

/** The ranges of the chart range selector, shortest first. */
export const TIME_RANGES: readonly TimeRange[] = [
  { id: '24h', label: '24 hours', seconds: DAY },
  { id: '7d', label: '7 days', seconds: 7 * DAY },
  { id: '30d', label: '30 days', seconds: 30 * DAY },
  { id: '90d', label: '90 days', seconds: 90 * DAY },
];

/** The shortest range that shows the SLO's whole window (90 days at most). */
export function defaultTimeRange(window: SloWindow): TimeRange {
  const length = windowSeconds(window);
  return (
    TIME_RANGES.find(range => range.seconds >= length * 0.9) ??
    TIME_RANGES[TIME_RANGES.length - 1]
  );
}

/** Looks a range up by id, falling back to `fallback` for unknown ids. */
export function timeRangeById(id: string | null | undefined, fallback: TimeRange): TimeRange {
  return TIME_RANGES.find(range => range.id === id) ?? fallback;
}
