import type { ReviewPeriodUnit } from '@slo-kit/plugin-slo-common';
import { formatBudget, MISSING } from '../../format';

/** The plural of each review period, as headers and sentences use it. */
export const PERIOD_WORDS: Record<ReviewPeriodUnit, string> = {
  week: 'weeks',
  month: 'months',
  quarter: 'quarters',
};

/** A fraction of the budget spent as the tab shows budgets: "130% (overspent)". */
export function formatSpent(spent: number | null | undefined): string {
  if (spent === null || spent === undefined) return MISSING;
  return spent > 1
    ? `${formatBudget(spent).replace(/ \(overspent\)$/, '')} (overspent)`
    : formatBudget(spent);
}

/**
 * Hours with one decimal below 10 ("2.5 h"), whole above ("14 h"); a
 * no-break space keeps the number and its unit on one line.
 */
export function formatHours(value: number | null | undefined): string {
  if (value === null || value === undefined) return MISSING;
  return `${value < 10 ? +value.toFixed(1) : Math.round(value)}\u00a0h`;
}
