import type { ValidationProblem } from '../model/ValidationProblem';
import type { ReliabilityTarget, TargetStatus } from './reliabilityTargets';
import type { ReviewPeriodUnit, SloReviewPeriod } from './reviewPeriods';

/**
 * `GET /slos/periods`: one SLO's review figures per calendar period.
 *
 * @public
 */
export interface SloPeriodsResponse {
  sloId: string;
  entityRef: string;
  name: string;
  period: ReviewPeriodUnit;
  /** The review zone asked for; calendar SLOs keep their own (each period says its zone). */
  timeZone: string;
  /** The objective's target, a fraction. */
  objective: number;
  /** Fewest events a period needs for a verdict. */
  minimumEvents: number;
  /** Evaluation time, ISO-8601: the current period is summed up to it. */
  at: string;
  periods: SloReviewPeriod[];
}

/**
 * One period of a review, in the review's zone.
 *
 * @public
 */
export interface ReviewPeriodRef {
  /** Epoch seconds. */
  start: number;
  end: number;
  label: string;
  current: boolean;
}

/**
 * One SLO of a review with its figures per period and the ranking figures.
 *
 * @public
 */
export interface ReviewSlo {
  entityRef: string;
  entityTitle: string;
  name: string;
  /** Owner refs (lowercase). */
  ownerRefs: string[];
  /** The entity's `spec.system`, as a ref; null without one. */
  system: string | null;
  /** The entity's `metadata.labels`. */
  labels: Record<string, string>;
  objective: number;
  window: string;
  /** One entry per review period, in the same order as the response's `periods`. */
  periods: SloReviewPeriod[];
  /** Finished periods missed. */
  missedPeriods: number;
  /** Finished periods with a verdict. */
  judgedPeriods: number;
  /** Highest budget spent in any period (above 1: overspent), with its label; null without events. */
  worstBudgetSpent: { value: number; label: string } | null;
  /** Hours with a page alert firing over the review; null when alert states are unknown throughout. */
  pagingHours: number | null;
  episodes: number;
  /**
   * Set for a composite SLO of a System or Domain (`slo-kit.dev/composite-slos`):
   * how its members combine. Absent for plain SLOs.
   */
  composite?: 'events' | 'weighted';
}

/**
 * A team's figures in one period.
 *
 * @public
 */
export interface ReviewTeamPeriod {
  label: string;
  slos: number;
  met: number;
  missed: number;
  /** No verdict: no data or too little traffic. */
  unjudged: number;
  /** `met / (met + missed)`; null without verdicts. */
  shareMet: number | null;
  /** SLOs that spent more than their whole budget. */
  overspent: number;
  episodes: number;
  /** Null when alert states are unknown for every SLO in the period. */
  pageMinutes: number | null;
}

/**
 * A reliability target's progress per period.
 *
 * @public
 */
export interface ReviewTargetProgress extends ReliabilityTarget {
  /** Same order as the response's periods when the target's period is the review's; else empty. */
  periods: Array<{
    label: string;
    judged: number;
    met: number;
    shareMet: number | null;
    status: TargetStatus;
  }>;
  /** The current period's status (the forecast), or null when not reviewed at the target's period. */
  current: TargetStatus | null;
}

/**
 * A team (Group) of a review.
 *
 * @public
 */
export interface ReviewTeam {
  groupRef: string;
  title: string;
  parentRef: string | null;
  /** Review SLO indexes (into the response's `slos`) of the team and its sub-groups. */
  sloIndexes: number[];
  periods: ReviewTeamPeriod[];
  targets: ReviewTargetProgress[];
}

/**
 * `GET /review`: a reliability review of the organisation or one group.
 *
 * @public
 */
export interface ReliabilityReviewResponse {
  now: string;
  period: ReviewPeriodUnit;
  timeZone: string;
  /** The group reviewed; null for the organisation. */
  groupRef: string | null;
  periods: ReviewPeriodRef[];
  /** The organisation's (or the group's) figures per period. */
  summary: ReviewTeamPeriod[];
  teams: ReviewTeam[];
  slos: ReviewSlo[];
  /** Problems of the groups' reliability-targets annotations. */
  problems: ValidationProblem[];
}
