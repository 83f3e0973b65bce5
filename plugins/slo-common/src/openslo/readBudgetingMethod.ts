import { didYouMean } from '../util/didYouMean';
import type { OpenSloDocument, OpenSloProblems } from './openSloDocuments';

/** The budgeting methods the engine computes: all three of OpenSLO v1 (the README's SLO notes). */
export type BudgetingMethod = 'Occurrences' | 'Timeslices' | 'RatioTimeslices';

/** OpenSLO v1's budgeting methods. */
const SPEC_METHODS: readonly BudgetingMethod[] = ['Occurrences', 'Timeslices', 'RatioTimeslices'];

/**
 * Reads `spec.budgetingMethod` (default Occurrences), as the README's SLO
 * notes define the three methods: Occurrences counts good events over all
 * events, Timeslices good slices over all slices, RatioTimeslices averages
 * every slice's good/total ratio (see `TimeSliceSli.sliceRatios`).
 */
export function readBudgetingMethod(
  problems: OpenSloProblems,
  document: OpenSloDocument,
  value: unknown,
  sloName: string,
): BudgetingMethod | undefined {
  if (value === undefined) return 'Occurrences';
  const method = SPEC_METHODS.find(candidate => candidate === value);
  if (method) return method;
  problems.report(document, 'spec.budgetingMethod', `budgetingMethod ${JSON.stringify(value)} is not an OpenSLO budgeting method.`, {
    found: value,
    expected: SPEC_METHODS.join(', '),
    didYouMean: typeof value === 'string' ? didYouMean(value, SPEC_METHODS) : undefined,
  }, sloName);
  return undefined;
}
