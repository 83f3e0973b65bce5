import type { SloCorrectionListing } from '../corrections/listCorrections';
import type { SloDefinition } from '../model/SloDefinition';
import type { SloEvaluation, SloHealth } from '../model/SloEvaluation';
import type { ValidationProblem } from '../model/ValidationProblem';
import type { SloPeriodVerdict } from '../math/periodVerdict';
import type { SloSuggestion } from '../suggestions/SloSuggestion';

/**
 * Collection status of one SLO, as the collector last saw it.
 *
 * @public
 */
export interface SloCollectionStatus {
  /** Source instance name and type. */
  source: string;
  sourceType: string;
  /** True when the source produces synthetic demo data. */
  demo: boolean;
  /** ISO-8601 times; null when never. */
  lastSuccessAt: string | null;
  lastAttemptAt: string | null;
  lastErrorAt: string | null;
  /** The source's error message, safe to show (no secrets). */
  lastError: string | null;
  /** End of the newest stored bucket, ISO-8601; null when nothing is stored. */
  collectedUntil: string | null;
  /** Collection attempts that failed in a row since the last success; 0 when the last one succeeded. */
  consecutiveFailures: number;
  /**
   * Present while a query budget of the source stretches this SLO's
   * collection (it is collected less often than every cycle, and keeps its
   * figures in between).
   */
  deferral?: SloCollectionDeferralStatus;
}

/**
 * Why an SLO is collected less often than every cycle.
 *
 * @public
 */
export interface SloCollectionDeferralStatus {
  /** When a budget last deferred it, ISO-8601. */
  at: string;
  /** The budget and what was spent, e.g. `Datadog query budget: 1200 queries per hour, ...`. */
  reason: string;
  /** About how often it is collected, seconds; null when unknown. */
  intervalSeconds: number | null;
}

/**
 * One SLO with its evaluation, as the entity SLO list returns it.
 *
 * @public
 */
export interface SloStatus {
  definition: SloDefinition;
  /** One evaluation per objective, the primary objective first. */
  evaluations: SloEvaluation[];
  collection: SloCollectionStatus;
  /** Opens the SLI's query in the source's own UI, when the source has one. */
  exploreUrl?: string;
  /**
   * The SLO's corrections with their occurrences in its current window
   * (and the next one ahead); absent when it has none there.
   */
  corrections?: SloCorrectionListing[];
}

/**
 * `GET /entities/:kind/:namespace/:name/slos`
 *
 * @public
 */
export interface EntitySlosResponse {
  entityRef: string;
  slos: SloStatus[];
  problems: ValidationProblem[];
  /** The backend's evaluation time (fixed by config in demos and tests), ISO-8601. */
  now: string;
}

/**
 * One point of an SLO's time series. Values are fractions; null where there is no data.
 *
 * @public
 */
export interface SloSeriesPoint {
  /** Start of the point's span, epoch seconds: `good`, `total` and `burnRate` are over `[from, t)`. */
  from: number;
  /** Point time, epoch seconds: the end of its span. The last point ends at the evaluation time. */
  t: number;
  /** Good events in `[from, t)`. */
  good: number;
  /** All events in `[from, t)`. */
  total: number;
  /** Attainment over the SLO's window ending at `t` (rolling) or the period so far (calendar). */
  sli: number | null;
  /** Error budget remaining over that window, as a fraction (may be negative). */
  budgetRemaining: number | null;
  /** Burn rate over the point's span `[from, t)`. */
  burnRate: number | null;
}

/**
 * `GET /slos/series?entityRef=...&name=...&from=...&to=...` — at most ~500 points.
 *
 * @public
 */
export interface SloSeriesResponse {
  sloId: string;
  from: number;
  to: number;
  stepSeconds: number;
  points: SloSeriesPoint[];
}

/**
 * One calendar period of an SLO's history.
 *
 * @public
 */
export interface SloPeriod {
  /** Epoch seconds. */
  start: number;
  end: number;
  /** Human label, e.g. `2026-10` or `2026-W44`. */
  label: string;
  good: number;
  total: number;
  sli: number | null;
  /**
   * `met` or `missed`; `low-traffic` when the period has fewer events than
   * the SLO's minimum (its `minimumEvents`, else `slo.minimumEvents`), and
   * `no-data` without events. The one verdict rule: `periodVerdict`.
   */
  verdict: SloPeriodVerdict;
  /** true when met, false when missed; null without a verdict (`low-traffic`, `no-data`). */
  met: boolean | null;
  /** True for the current, unfinished period. */
  inProgress: boolean;
  coverage: number;
}

/**
 * `GET /slos/history?entityRef=...&name=...&period=month|week&count=12`
 *
 * @public
 */
export interface SloHistoryResponse {
  sloId: string;
  period: 'week' | 'month';
  /** Fewest events a period needs for a verdict (0: any event); below it a period is `low-traffic`. */
  minimumEvents: number;
  periods: SloPeriod[];
}

/**
 * One SLO row of a scorecard.
 *
 * @public
 */
export interface ScorecardSlo {
  entityRef: string;
  entityTitle: string;
  name: string;
  objective: number;
  window: string;
  sli: number | null;
  budgetRemaining: number | null;
  health: SloHealth;
  paging: boolean;
  ticketing: boolean;
  dataState: SloEvaluation['dataState'];
  /** Attainment in the previous calendar period of the window's length (month for 30d). */
  previousPeriodSli: number | null;
  /**
   * The previous period's verdict, by the same rule as history
   * (`periodVerdict`): `low-traffic` or `no-data` give it none.
   */
  previousPeriodVerdict: SloPeriodVerdict;
  /**
   * Attainment now minus in the previous period, in percentage points, as the
   * two figures are shown (`attainmentChangePoints`); null when the status is
   * unknown now or the previous period has no verdict.
   */
  changePoints: number | null;
  /** Downsampled SLI over the window, for sparklines. */
  sparkline: Array<number | null>;
  demo: boolean;
  /**
   * Set for a composite SLO of a System or Domain (`slo-kit.dev/composite-slos`):
   * how its members combine. Absent for plain SLOs.
   */
  composite?: 'events' | 'weighted';
}

/**
 * Change of the share of SLOs meeting their objective since the previous
 * period, over the SLOs with a known status in both periods (an SLO that is
 * unknown in either period, for no data or too little traffic, is left out of
 * both sides).
 *
 * @public
 */
export interface ScorecardTrend {
  /** SLOs known now and with a verdict (met or missed) in the previous period. */
  compared: number;
  /** Of those, how many met their objective in the previous period. */
  meetingBefore: number;
  /** Of those, how many meet it now. */
  meetingNow: number;
  /**
   * `(meetingNow − meetingBefore) / compared`, in percentage points, rounded
   * to one decimal (a change that is not zero shows as at least 0.1); null
   * when no SLO is known in both periods. Shown and exported as it is.
   */
  points: number | null;
}

/**
 * The figures of a set of scorecard rows (a group's, or the whole response's),
 * computed once by the backend for every place that shows them.
 *
 * @public
 */
export interface ScorecardFigures {
  services: number;
  slos: number;
  /** SLOs meeting their objective now (attainment at or above it, status known). */
  meeting: number;
  /** SLOs whose status is unknown now: no data, or too little traffic. */
  unknown: number;
  /** `meeting / (slos − unknown)`, 0..1; null when no SLO is known. */
  meetingShare: number | null;
  paging: number;
  trend: ScorecardTrend;
  /**
   * Services (Components) the caller may read that declare no SLO, and of
   * those how many have a suggested SLO ready; absent when the backend does
   * not search for suggestions.
   */
  withoutSlos?: ServicesWithoutSlos;
}

/**
 * "12 services without SLOs, 9 with a ready suggestion".
 *
 * @public
 */
export interface ServicesWithoutSlos {
  /** Components that declare no SLO. */
  services: number;
  /** Of those, how many have at least one stored suggestion. */
  withSuggestion: number;
}

/**
 * A group's roll-up: its own entities and every sub-group's.
 *
 * @public
 */
export interface ScorecardGroup extends ScorecardFigures {
  groupRef: string;
  title: string;
  parentRef: string | null;
  /** Direct children. */
  childRefs: string[];
  /** Worst budget remaining among the group's SLOs, with the service it belongs to. */
  worstBudget: {
    entityRef: string;
    entityTitle: string;
    name: string;
    budgetRemaining: number;
  } | null;
}

/**
 * `GET /scorecard` (whole organisation) and `GET /scorecard?group=group:default/payments`.
 *
 * @public
 */
export interface ScorecardResponse {
  now: string;
  /** The figures of `slos`: the organisation's, or the requested group's. */
  summary: ScorecardFigures;
  /** All groups visible to the caller, roll-ups included. */
  groups: ScorecardGroup[];
  /** Rows for the requested group (and its sub-groups); every row for the org view. */
  slos: ScorecardSlo[];
}

/**
 * `GET /entities/:kind/:namespace/:name/problems`
 *
 * @public
 */
export interface EntityProblemsResponse {
  entityRef: string;
  problems: ValidationProblem[];
}

/**
 * `GET /entities/:kind/:namespace/:name/suggestions`: the suggested SLOs the
 * backend's suggestion job stored for an entity that declares none.
 *
 * @public
 */
export interface EntitySuggestionsResponse {
  entityRef: string;
  /** Empty when no template has data, or the entity was not searched yet. */
  suggestions: SloSuggestion[];
  /**
   * The `slo-kit.dev/templates` value that applies every suggestion
   * (`suggestionAnnotation`); null without suggestions.
   */
  annotation: string | null;
  /** When the job last searched the entity (ISO-8601); null when it has not yet. */
  checkedAt: string | null;
}
