import { didYouMean } from '../util/didYouMean';
import type { OpenSloDocument, OpenSloProblems } from './openSloDocuments';

/** The budgeting methods the engine computes. */
export type BudgetingMethod = 'Occurrences' | 'Timeslices';

/** OpenSLO v1's budgeting methods, for near-miss suggestions. */
const SPEC_METHODS = ['Occurrences', 'Timeslices', 'RatioTimeslices'];

/**
 * Reads `spec.budgetingMethod` (default Occurrences), as the README's SLO
 * notes define the three methods. `RatioTimeslices` ("an average of all time
 * slices' success ratios") is refused by name, never read as one of the
 * others: the store keeps, per bucket, sums (good and total events, or good
 * and all slices), and an average of ratios cannot be recovered from sums.
 */
export function readBudgetingMethod(
  problems: OpenSloProblems,
  document: OpenSloDocument,
  value: unknown,
  sloName: string,
): BudgetingMethod | undefined {
  if (value === undefined || value === 'Occurrences' || value === 'Timeslices') return value ?? 'Occurrences';
  if (value === 'RatioTimeslices') {
    problems.report(document, 'spec.budgetingMethod', 'budgetingMethod "RatioTimeslices" (the average of every time slice\'s good/total ratio, the README\'s SLO notes) is not supported yet: the portal stores, per bucket of 5 minutes by default, the sums of good and of total events (Occurrences) or the counts of good and of all slices (Timeslices), and an average of per-slice ratios cannot be recovered from sums, even when a slice is exactly one bucket. Use Occurrences (good events over all events), or Timeslices with timeSliceTarget (the share of slices whose ratio reaches it).', {
      found: value,
      expected: 'Occurrences or Timeslices',
    }, sloName);
    return undefined;
  }
  problems.report(document, 'spec.budgetingMethod', `budgetingMethod ${JSON.stringify(value)} is not an OpenSLO budgeting method.`, {
    found: value,
    expected: 'Occurrences or Timeslices (RatioTimeslices is not supported yet)',
    didYouMean: typeof value === 'string' ? didYouMean(value, SPEC_METHODS) : undefined,
  }, sloName);
  return undefined;
}
