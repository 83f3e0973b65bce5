import type { SloDefinition } from '@slo-kit/plugin-slo-common';
import type {
  SloBudgetExhaustionEvent,
  SloBudgetExhaustionListener,
} from '@slo-kit/plugin-slo-node';
import type { SloEvaluator } from '../evaluator/SloEvaluator';
import { budgetExhaustionTransition } from './budgetExhaustionTransition';
import type { DatabaseBudgetExhaustionStore } from './DatabaseBudgetExhaustionStore';

/**
 * Records whether each SLO's error budget is exhausted right after its
 * buckets are collected, and announces each exhaustion episode once (and
 * its end once). The figure is the evaluator's, the one the SLO tab, the
 * scorecard, the Tech Insights facts and the deploy gate show: the primary
 * objective's `errorBudget.remainingFraction` with corrections honoured.
 *
 * @public
 */
export class BudgetExhaustionRecorder {
  constructor(
    private readonly options: {
      evaluator: Pick<SloEvaluator, 'statuses'>;
      store: DatabaseBudgetExhaustionStore;
      listeners: readonly SloBudgetExhaustionListener[];
      /** Where a listener's failure is reported; it never fails the recording. */
      onListenerError?: (error: unknown) => void;
    },
  ) {}

  async record(definition: SloDefinition): Promise<void> {
    // Nothing to record for: no state kept while nobody listens.
    if (this.options.listeners.length === 0) return;
    const [status] = await this.options.evaluator.statuses([definition]);
    const evaluation = status?.evaluations[0];
    const remaining = evaluation?.errorBudget.remainingFraction;
    // No figure, or figures a failing source left behind: nothing to decide.
    if (
      !evaluation ||
      remaining === null ||
      remaining === undefined ||
      !Number.isFinite(remaining) ||
      evaluation.dataState === 'stale' ||
      evaluation.dataState === 'error'
    ) {
      return;
    }
    const observed = {
      at: evaluation.at,
      budgetRemaining: remaining,
      exhausted: evaluation.errorBudget.exhausted,
      periodStart:
        definition.window.type === 'calendar' ? evaluation.windowStart : null,
    };
    const result = await this.options.store.transition(
      definition.id,
      previous => budgetExhaustionTransition(previous, observed),
    );
    // Announced after the commit: only the replica whose change was stored.
    for (const change of result?.changes ?? []) {
      const event: SloBudgetExhaustionEvent = {
        change: change.change,
        ...(change.reason ? { reason: change.reason } : {}),
        slo: {
          id: definition.id,
          entityRef: definition.entityRef,
          name: definition.name,
          ...(definition.description
            ? { description: definition.description }
            : {}),
          target: evaluation.objective.target,
          window: definition.window.label,
          windowType: definition.window.type,
        },
        episode: {
          since: change.since,
          startedBefore: change.startedBefore,
          ...(change.end !== undefined ? { end: change.end } : {}),
          budgetRemaining: change.budgetRemaining,
        },
      };
      for (const listener of this.options.listeners) {
        try {
          await listener(event);
        } catch (error) {
          this.options.onListenerError?.(error);
        }
      }
    }
  }
}
