import { createExtensionPoint } from '@backstage/backend-plugin-api';

/**
 * What happened to an SLO's error budget in the collection cycle that
 * evaluated it:
 *
 * - `exhausted`: the budget left over the SLO's window (the figure its tab
 *   shows) reached 0 or less; announced once per exhaustion episode;
 * - `recovered`: the episode ended, because the budget is above 0 again
 *   (`reason: 'budget-back'`, e.g. the bad events left a rolling window) or
 *   a new calendar period started with a fresh budget (`reason: 'new-period'`).
 *
 * @public
 */
export type SloBudgetExhaustionChange = 'exhausted' | 'recovered';

/**
 * One change of an SLO's budget-exhaustion episode, announced once, by the
 * replica whose committed recording made it.
 *
 * @public
 */
export interface SloBudgetExhaustionEvent {
  /** What happened to the episode. */
  change: SloBudgetExhaustionChange;
  /** Why an episode ended; absent for `exhausted`. */
  reason?: 'budget-back' | 'new-period';
  /** The SLO whose budget ran out. */
  slo: {
    /** Stable id: `<entityRef>/<name>`. */
    id: string;
    /** The entity that declares the SLO, e.g. `component:default/checkout`. */
    entityRef: string;
    /** The SLO's name, unique within its entity. */
    name: string;
    /** The SLO's description from its declaration, if any. */
    description?: string;
    /** The primary objective, as a fraction (0.999). */
    target: number;
    /** The window as declared, e.g. `30d` or `month`. */
    window: string;
    /** Whether the window is rolling or a calendar period. */
    windowType: 'rolling' | 'calendar';
  };
  /** The episode as stored after the recording. */
  episode: {
    /** The evaluation time at which the budget was first found spent, epoch seconds: the episode's stable key. */
    since: number;
    /**
     * Already exhausted at the SLO's first evaluation recorded (e.g. the
     * first collection after installing): it may have been spent earlier.
     */
    startedBefore: boolean;
    /** The evaluation time at which it ended, epoch seconds; absent while exhausted. */
    end?: number;
    /**
     * Budget remaining, the SLO tab's figure (`errorBudget.remainingFraction`
     * of the primary objective, corrections honoured) as a fraction of the
     * budget: ≤ 0 when exhausted, the new figure when recovered.
     */
    budgetRemaining: number;
  };
}

/**
 * Receives budget-exhaustion events. A listener that throws is logged and
 * does not fail the collection; its event is not sent again.
 *
 * @public
 */
export type SloBudgetExhaustionListener = (
  event: SloBudgetExhaustionEvent,
) => Promise<void>;

/**
 * Lets backend modules hear when an SLO's error budget is exhausted and when
 * it recovers, e.g. to notify the owners or to freeze deploys.
 *
 * @public
 */
export interface SloBudgetExhaustionExtensionPoint {
  /** Adds a listener; each event is passed to every listener in turn. */
  addListener(listener: SloBudgetExhaustionListener): void;
}

/**
 * Extension point of {@link SloBudgetExhaustionExtensionPoint}.
 *
 * @public
 */
export const sloBudgetExhaustionExtensionPoint =
  createExtensionPoint<SloBudgetExhaustionExtensionPoint>({
    id: 'slo.budget-exhaustion',
  });
