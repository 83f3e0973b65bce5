import { InputError } from '@backstage/errors';
import {
  calendarPeriod,
  type ReviewPeriodUnit,
} from '@slo-kit/plugin-slo-common';
import { DateTime, IANAZone } from 'luxon';
import type { SloReviewQuery } from './SloReviewReader';

/** Most periods a review spans: four quarters, twelve months or 26 weeks. */
export const MAX_REVIEW_PERIODS: Record<ReviewPeriodUnit, number> = {
  quarter: 4,
  month: 12,
  week: 26,
};

/** How far past now `to` may be: a page takes "now" from one answer and asks in the next. */
const FUTURE_SLACK_SECONDS = 300;

/**
 * A review's parameters as the router reads them, before the range is
 * resolved against now.
 *
 * @internal
 */
export interface ReviewRequest {
  period?: unknown;
  count?: number;
  from?: number;
  to?: number;
  timeZone?: unknown;
  objective?: string;
}

const iso = (seconds: number) => new Date(seconds * 1000).toISOString();

/**
 * Checks a review request and resolves its range: `count` periods ending with
 * the one that holds `to` (default now), or the periods from the one holding
 * `from` to the one holding `to`. Refuses, with a 400 that says how to fix it,
 * an unknown period or zone, a reversed range, one that ends after now or one
 * longer than {@link MAX_REVIEW_PERIODS}.
 *
 * @internal
 */
export function resolveReviewQuery(
  request: ReviewRequest,
  options: {
    now: number;
    defaultPeriod: ReviewPeriodUnit;
    defaultTimeZone: string;
    defaultCount: number;
  },
): SloReviewQuery {
  const period = request.period ?? options.defaultPeriod;
  if (period !== 'week' && period !== 'month' && period !== 'quarter') {
    throw new InputError(
      `Invalid "period": "${String(period)}". Use week, month or quarter.`,
    );
  }
  const timeZone =
    request.timeZone === undefined || request.timeZone === ''
      ? options.defaultTimeZone
      : request.timeZone;
  if (typeof timeZone !== 'string' || !IANAZone.isValidZone(timeZone)) {
    throw new InputError(
      `Invalid "timeZone": "${String(
        timeZone,
      )}". Use an IANA time zone such as UTC, Europe/Berlin or Asia/Kolkata.`,
    );
  }
  const max = MAX_REVIEW_PERIODS[period];
  const { from, to } = request;
  if (to !== undefined && to > options.now + FUTURE_SLACK_SECONDS) {
    throw new InputError(
      `Invalid range: "to" (${iso(to)}) is after now (${iso(
        options.now,
      )}). Leave "to" out to end with the current ${period}.`,
    );
  }
  let count = request.count ?? options.defaultCount;
  if (from !== undefined) {
    const end = to ?? options.now;
    if (from > end) {
      throw new InputError(
        `Invalid range: "from" (${iso(from)}) is after "to" (${iso(end)}${
          to === undefined ? ', now' : ''
        }). Swap them.`,
      );
    }
    const first = DateTime.fromSeconds(
      calendarPeriod(period, timeZone, from).start,
      { zone: timeZone },
    );
    const last = DateTime.fromSeconds(
      calendarPeriod(period, timeZone, end).start,
      { zone: timeZone },
    );
    count = Math.round(last.diff(first, `${period}s`).get(`${period}s`)) + 1;
    if (request.count !== undefined && request.count !== count) {
      throw new InputError(
        `"count" (${request.count}) disagrees with "from" and "to", which span ${count} ${period}s. Pass either count or from.`,
      );
    }
  }
  if (!Number.isInteger(count) || count < 1 || count > max) {
    throw new InputError(
      `Invalid range: ${count} ${period}s; a review spans 1 to ${max} ${period}s (up to 4 quarters, 12 months or 26 weeks). Narrow "from" and "to", or lower "count".`,
    );
  }
  return {
    period,
    count,
    timeZone,
    ...(to === undefined ? {} : { to: Math.min(to, options.now) }),
    ...(request.objective === undefined
      ? {}
      : { objective: request.objective }),
  };
}
