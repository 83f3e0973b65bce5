import { didYouMean } from '../util/didYouMean';
import type { OpenSloDocument, OpenSloProblems } from './openSloDocuments';

/** The budgeting methods the engine computes. */
export type BudgetingMethod = 'Occurrences' | 'Timeslices';

/** OpenSLO v1's budgeting methods, for near-miss suggestions. */
const SPEC_METHODS = ['Occurrences', 'Timeslices', 'RatioTimeslices'];

/**
 * Reads `spec.budgetingMethod` (default Occurrences). `RatioTimeslices` is
 * OpenSLO v1, but its figure (the average of each slice's ratio) is neither
 * an event count nor a count of good slices, which is all the engine stores:
 * it is refused by name, never read as one of the others.
 */
export function readBudgetingMethod(
  problems: OpenSloProblems,
  document: OpenSloDocument,
  value: unknown,
  sloName: string,
): BudgetingMethod | undefined {
  if (value === undefined || value === 'Occurrences' || value === 'Timeslices') return value ?? 'Occurrences';
  if (value === 'RatioTimeslices') {
    problems.report(document, 'spec.budgetingMethod', 'budgetingMethod "RatioTimeslices" (the average of every time slice\'s good/total ratio) is not supported yet: the portal stores event counts, from which it computes Occurrences (good events over all events) and Timeslices (good slices over all slices, with timeSliceTarget). Use one of those.', {
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
