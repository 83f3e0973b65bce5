/**
 * An SLO's stored budget-exhaustion state: the current episode while
 * `exhausted`, else the last one (or none).
 *
 * @public
 */
export interface BudgetExhaustionState {
  exhausted: boolean;
  /** Evaluation time the current or last episode was first found, epoch seconds. */
  since: number | null;
  /** The episode was found at the SLO's first evaluation: it may have started earlier. */
  startedBefore: boolean;
  /** Evaluation time the last episode ended, epoch seconds. */
  endedAt: number | null;
  /** Calendar window start at the last evaluation; null for rolling windows. */
  periodStart: number | null;
  /** Evaluation time of the last evaluation recorded. */
  evaluatedAt: number;
  /** Budget remaining at the last evaluation recorded, fraction of the budget. */
  budgetRemaining: number;
}

/**
 * One evaluation of an SLO's budget, as its tab shows it.
 *
 * @public
 */
export interface BudgetObservation {
  /** Evaluation time, epoch seconds. */
  at: number;
  /** `errorBudget.remainingFraction` of the primary objective. */
  budgetRemaining: number;
  /** `errorBudget.exhausted` of the same evaluation. */
  exhausted: boolean;
  /** The calendar window's start at `at`; null for rolling windows. */
  periodStart: number | null;
}

/**
 * A change to announce.
 *
 * @public
 */
export interface BudgetExhaustionChange {
  change: 'exhausted' | 'recovered';
  reason?: 'budget-back' | 'new-period';
  since: number;
  /** Exhausted already at the SLO's first evaluation: it may have been spent earlier. */
  startedBefore: boolean;
  end?: number;
  budgetRemaining: number;
}

/**
 * What an evaluation does to the stored state: the state to store and the
 * changes to announce, or null to leave the stored state alone (an
 * evaluation not newer than the one stored, e.g. a second replica's of the
 * same buckets, changes nothing, so a change is announced once).
 *
 * @public
 */
export function budgetExhaustionTransition(
  previous: BudgetExhaustionState | undefined,
  observed: BudgetObservation,
): { next: BudgetExhaustionState; changes: BudgetExhaustionChange[] } | null {
  if (previous && observed.at <= previous.evaluatedAt) return null;
  const changes: BudgetExhaustionChange[] = [];
  let since = previous?.since ?? null;
  let startedBefore = previous?.startedBefore ?? false;
  let endedAt = previous?.endedAt ?? null;
  let exhausted = previous?.exhausted ?? false;
  if (exhausted && since !== null) {
    const newPeriod =
      observed.periodStart !== null &&
      observed.periodStart !== previous?.periodStart;
    if (newPeriod || !observed.exhausted) {
      changes.push({
        change: 'recovered',
        reason: newPeriod ? 'new-period' : 'budget-back',
        since,
        startedBefore,
        end: observed.at,
        budgetRemaining: observed.budgetRemaining,
      });
      exhausted = false;
      endedAt = observed.at;
    }
  }
  if (!exhausted && observed.exhausted) {
    exhausted = true;
    since = observed.at;
    // Spent at the first evaluation: the episode may be older than what was examined.
    startedBefore = previous === undefined;
    changes.push({
      change: 'exhausted',
      since,
      startedBefore,
      budgetRemaining: observed.budgetRemaining,
    });
  }
  return {
    next: {
      exhausted,
      since,
      startedBefore,
      endedAt,
      periodStart: observed.periodStart,
      evaluatedAt: observed.at,
      budgetRemaining: observed.budgetRemaining,
    },
    changes,
  };
}
