/**
 * Why a figure may not be trusted. `ok` is the only state in which attainment
 * is shown as a plain number.
 *
 * - `no-data`: no events (or no slices) in the window.
 * - `partial`: buckets cover less of the window than the coverage threshold.
 * - `low-traffic`: fewer events than the SLO's minimum.
 * - `stale`: the last collection failed or is overdue; figures are the last good ones.
 * - `error`: never collected successfully; see `lastError`.
 *
 * @public
 */
export type SloDataState = 'ok' | 'no-data' | 'partial' | 'low-traffic' | 'stale' | 'error';

/**
 * Status of an SLO against its primary objective: one word for the chip, the
 * summary strip, the scorecard and the API, decided by {@link sloHealth}.
 * From most to least urgent: `paging` (a page alert fires), `breaching`
 * (attainment below the objective), `at-risk` (meeting it, but a ticket alert
 * fires or less than 25% of the budget is left), `unknown` (too little
 * trustworthy data to judge) and `met`.
 *
 * @public
 */
export type SloHealth = 'paging' | 'breaching' | 'at-risk' | 'unknown' | 'met';

/**
 * One rule of a multi-window multi-burn-rate alert (SRE Workbook).
 *
 * @public
 */
export interface BurnRateAlertRule {
  severity: 'page' | 'ticket';
  /** Burn-rate factor, e.g. 14.4. */
  factor: number;
  longWindowSeconds: number;
  shortWindowSeconds: number;
  /** Fraction of the period's budget this alert catches, e.g. 0.02. */
  budgetFraction: number;
}

/**
 * The state of one alert rule at evaluation time.
 *
 * @public
 */
export interface BurnRateAlertState extends BurnRateAlertRule {
  /** Burn rate over the long window; null when that window has no events. */
  longBurnRate: number | null;
  shortBurnRate: number | null;
  firing: boolean;
  /**
   * False when `factor × (1 − objective) > 1`: even a 100% error rate cannot
   * reach the factor, so this alert can never fire. Shown, never hidden.
   */
  canFire: boolean;
}

/**
 * Error budget figures. Fractions, not percents; `remainingFraction` can go negative.
 *
 * @public
 */
export interface ErrorBudget {
  /** Bad events (or bad slices) allowed in the window so far: total × (1 − objective). */
  allowedBad: number;
  bad: number;
  consumedFraction: number | null;
  remainingFraction: number | null;
  exhausted: boolean;
  /**
   * Not the error budget, a second figure: the bad events so far against the
   * bad events the whole window would allow if traffic went on at the rate
   * seen so far (events per covered second). For a calendar window part-way
   * through its period it answers "how much of this month's allowance is
   * spent"; shown only under its own label. Equal to the figures above for a
   * fully covered rolling window.
   */
  wholeWindow?: {
    allowedBad: number | null;
    consumedFraction: number | null;
    remainingFraction: number | null;
  };
}

/**
 * When the error budget (the `remainingFraction` above, nothing else) runs
 * out, at two burn rates: the moment that figure would reach 0.
 *
 * @public
 */
export interface BudgetForecast {
  /** Epoch seconds when the budget is exhausted at the current (1h) burn rate; null if never in the window. */
  exhaustedAtCurrentRate: number | null;
  /** Same at the window-average burn rate. */
  exhaustedAtAverageRate: number | null;
}

/**
 * The alert episode under way at evaluation time: since when an alert of the
 * most severe firing kind has fired without a break, read from the stored
 * buckets.
 *
 * @public
 */
export interface AlertEpisode {
  severity: 'page' | 'ticket';
  /**
   * Epoch seconds: the first evaluation time (bucket end) of the unbroken run
   * in which an alert of this severity fired, up to the evaluation time.
   */
  since: number;
  /**
   * True when the alert was already firing at the earliest time the walk
   * could judge (its bound, or the start of the fine buckets): the episode
   * began before `since`, so say "for more than …".
   */
  startedBefore: boolean;
}

/**
 * The full evaluation of one SLO objective at one point in time.
 *
 * @public
 */
export interface SloEvaluation {
  /** Evaluation time, epoch seconds (end of the last complete bucket). */
  at: number;
  objective: { name: string; target: number };
  windowStart: number;
  windowEnd: number;
  /** End of the whole window: the calendar period's end; `windowEnd` for rolling windows. */
  periodEnd?: number;
  good: number;
  total: number;
  /** good / total; null when total is 0. */
  sli: number | null;
  errorBudget: ErrorBudget;
  /** Burn rate by window label ('5m', '1h', ...). Null where a window has no events. */
  burnRates: Record<string, number | null>;
  alerts: BurnRateAlertState[];
  forecast: BudgetForecast;
  dataState: SloDataState;
  /** Fraction of the window's buckets that have data, 0..1. */
  coverage: number;
  health: SloHealth;
  /** The alert episode under way; null when no alert fires. Absent from older responses. */
  episode?: AlertEpisode | null;
}
